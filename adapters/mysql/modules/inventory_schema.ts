/**
 * The minimal structural types of the Vtiger tables behind taxes, prices,
 * line items, charges and currencies, for Kysely's typed builder
 * (`db.withTables<InventorySchema>()`), kept apart from the shared schema.
 *
 * @module
 */

/** `vtiger_inventorytaxinfo` and `vtiger_shippingtaxinfo`: the install's taxes. */
export interface TaxInfoTable {
  /** Tax id. */
  taxid: number;
  /** `tax1` (`shtax1` for shipping), also the line item column. */
  taxname: string | null;
  /** Label. */
  taxlabel: string | null;
  /** Default percentage (DECIMAL as text). */
  percentage: string | null;
  /** 1 when deleted. */
  deleted: number | null;
  /** `Simple`, `Compound` or `Deducted`. */
  method: string | null;
  /** JSON list of the tax ids a compound tax is computed on. */
  compoundon: string | null;
}

/** `vtiger_inventorycharges`: charges such as shipping and handling. */
export interface ChargesTable {
  /** Charge id. */
  chargeid: number;
  /** Name, HTML-encoded. */
  name: string;
  /** JSON list of the shipping tax ids of the charge. */
  taxes: string | null;
  /** 1 when deleted. */
  deleted: number;
}

/** `vtiger_inventorychargesrel`: a record's charges as JSON. */
export interface ChargesRelTable {
  /** The inventory record. */
  recordid: number;
  /** The charges, JSON. */
  charges: string | null;
}

/** `vtiger_currency_info`: the install's currencies. */
export interface CurrencyInfoTable {
  /** Currency id. */
  id: number;
  /** Name. */
  currency_name: string | null;
  /** ISO code. */
  currency_code: string | null;
  /** Rate against the base currency (DECIMAL as text). */
  conversion_rate: string | null;
  /** `Active` or `Inactive`. */
  currency_status: string | null;
  /** `-11` for the base currency. */
  defaultid: string;
  /** 1 when deleted. */
  deleted: number;
}

/** `vtiger_producttaxrel`: a product's or service's taxes. */
export interface ProductTaxRelTable {
  /** The product or service. */
  productid: number;
  /** The tax. */
  taxid: number;
  /** Its percentage for this product (DECIMAL as text). */
  taxpercentage: string | null;
  /** Regional percentages, JSON. */
  regions: string | null;
}

/** `vtiger_productcurrencyrel`: a product's or service's price per currency. */
export interface ProductCurrencyRelTable {
  /** The product or service. */
  productid: number;
  /** The currency. */
  currencyid: number;
  /** The price converted from the base price. */
  converted_price: string | null;
  /** The price set for this currency. */
  actual_price: string | null;
}

/** The tables of this module, by name. */
export interface InventorySchema {
  /** Item taxes. */
  vtiger_inventorytaxinfo: TaxInfoTable;
  /** Shipping taxes. */
  vtiger_shippingtaxinfo: TaxInfoTable;
  /** Charges. */
  vtiger_inventorycharges: ChargesTable;
  /** Charges per record. */
  vtiger_inventorychargesrel: ChargesRelTable;
  /** Currencies. */
  vtiger_currency_info: CurrencyInfoTable;
  /** Taxes per product. */
  vtiger_producttaxrel: ProductTaxRelTable;
  /** Prices per product and currency. */
  vtiger_productcurrencyrel: ProductCurrencyRelTable;
}

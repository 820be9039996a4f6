/**
 * Prices a whole inventory record: each line's list price and stored tax
 * columns, and the header totals, from the checked lines, the products'
 * prices and taxes, and the install's taxes and charges.
 *
 * @module
 */

import type { ChargeInput } from "./charges.ts";
import type { LineItem } from "./line_items.ts";
import {
  lineTaxColumns,
  lineTaxes,
  type ProductTaxes,
  type TaxDefinition,
  type TaxMode,
} from "./taxes.ts";
import { computeTotals, type Totals } from "./totals.ts";

/** What pricing needs to know of a product or service on a line. */
export interface ProductFacts {
  /** `unit_price`: a line's list price when it gives none. */
  readonly unitPrice: string;
  /** Its active taxes and their percentages. */
  readonly taxes: ProductTaxes;
}

/** Everything a record's prices are computed from. */
export interface PricingInput {
  /** How the record is taxed. */
  readonly mode: TaxMode;
  /** The checked lines, in sequence order. */
  readonly lines: readonly LineItem[];
  /** Facts of every product on the lines, by id. */
  readonly products: ReadonlyMap<number, ProductFacts>;
  /** The install's item taxes. */
  readonly taxes: readonly TaxDefinition[];
  /** The install's shipping taxes. */
  readonly shippingTaxes: readonly TaxDefinition[];
  /** `hdnDiscountPercent`. */
  readonly discountPercent?: string;
  /** `hdnDiscountAmount`. */
  readonly discountAmount?: string;
  /** `txtAdjustment`. */
  readonly adjustment?: string;
  /** Shipping and its taxes. */
  readonly charges: ChargeInput;
}

/** One line as it is stored. */
export interface PricedLineItem {
  /** The line as checked. */
  readonly item: LineItem;
  /** The list price stored: the given one, else the product's unit price. */
  readonly listPrice: string;
  /** Every tax column of the line (`tax1` ... `taxN`): percentage, `0`, or NULL. */
  readonly taxColumns: Readonly<Record<string, string | null>>;
}

/** A priced record: its lines and its totals. */
export interface PricedRecord {
  /** The lines, in sequence order. */
  readonly lines: readonly PricedLineItem[];
  /** The header totals. */
  readonly totals: Totals;
}

const NO_TAXES: ProductTaxes = {};

/** Prices the record's lines and computes its totals, as Vtiger's webservice does. */
export function priceInventory(input: PricingInput): PricedRecord {
  const lines = input.lines.map(
    (item): PricedLineItem & { applied: ReadonlyMap<string, number> } => {
      const product = input.products.get(item.productId);
      const applied = lineTaxes(item, input.mode, product?.taxes ?? NO_TAXES, input.taxes);
      return {
        item,
        listPrice: item.listPrice ?? product?.unitPrice ?? "0",
        taxColumns: lineTaxColumns(applied, input.taxes),
        applied,
      };
    },
  );
  const totals = computeTotals({
    mode: input.mode,
    lines: lines.map((line) => ({
      listPrice: line.listPrice,
      quantity: line.item.quantity,
      ...(line.item.discountPercent === undefined
        ? {}
        : { discountPercent: line.item.discountPercent }),
      ...(line.item.discountAmount === undefined
        ? {}
        : { discountAmount: line.item.discountAmount }),
      taxes: line.applied,
    })),
    taxes: input.taxes,
    shippingTaxes: input.shippingTaxes,
    ...(input.discountPercent === undefined ? {} : { discountPercent: input.discountPercent }),
    ...(input.discountAmount === undefined ? {} : { discountAmount: input.discountAmount }),
    ...(input.adjustment === undefined ? {} : { adjustment: input.adjustment }),
    shippingAmount: input.charges.shippingAmount,
    charges: input.charges.charges,
  });
  return {
    lines: lines.map(({ item, listPrice, taxColumns }) => ({ item, listPrice, taxColumns })),
    totals,
  };
}

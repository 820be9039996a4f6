/**
 * Taxes and charges of an install (`vtiger_inventorytaxinfo`,
 * `vtiger_shippingtaxinfo`, `vtiger_inventorycharges`), and which taxes apply
 * to a line, as Vtiger's webservice chooses them (`VtigerLineItemOperation::initTax`).
 *
 * @module
 */

import { excerpt } from "../excerpt.ts";
import { invalidFieldValue } from "../errors.ts";
import { LINE_ITEMS_KEY, type LineItem } from "./line_items.ts";

/** How a tax is computed: on the net amount, on the net plus other taxes, or subtracted. */
export type TaxMethod = "Simple" | "Compound" | "Deducted";

/** One tax of the install (an item tax `taxN` or a shipping tax `shtaxN`). */
export interface TaxDefinition {
  /** `taxid`. */
  readonly id: number;
  /** `taxname`: `tax1`, `shtax1`, ... (also the line item column). */
  readonly name: string;
  /** The default percentage (`percentage`), as stored. */
  readonly percentage: string;
  /** `method`. */
  readonly method: TaxMethod;
  /** For a compound tax: the ids of the taxes whose amounts it is computed on too. */
  readonly compoundOn: readonly number[];
  /** `deleted = 0`. */
  readonly active: boolean;
}

/** One active charge (`vtiger_inventorycharges`, usually "Shipping & Handling"). */
export interface ChargeDefinition {
  /** `chargeid`. */
  readonly id: number;
  /** `name`, HTML-decoded (Vtiger stores `Shipping &amp; Handling`). */
  readonly name: string;
  /** The shipping taxes (`vtiger_shippingtaxinfo.taxid`) the charge may carry. */
  readonly taxIds: readonly number[];
}

/** How an inventory record is taxed (`taxtype`; `""` when Vtiger's default mode is none). */
export type TaxMode = "individual" | "group" | "";

/** The tax modes a client may ask for in `hdnTaxType`. */
export const TAX_MODES: readonly TaxMode[] = ["individual", "group"];

/** The percentages of a line's taxes, by tax name. */
export type TaxPercentages = ReadonlyMap<string, number>;

/** The active taxes of a product (`vtiger_producttaxrel` joined to active taxes), by tax name. */
export type ProductTaxes = Readonly<Record<string, string>>;

/**
 * The taxes that apply to a line and their percentages, in the install's tax
 * order. Individual mode: the product's own taxes, at the percentages the
 * line gives for them, else the product's; a line of a product without taxes
 * has none. Group mode: the active taxes the line gives (the first line's
 * are the record's group taxes, as Vtiger's webservice takes them).
 */
export function lineTaxes(
  line: LineItem,
  mode: TaxMode,
  productTaxes: ProductTaxes,
  taxes: readonly TaxDefinition[],
): TaxPercentages {
  const chosen = new Map<string, number>();
  const given = Object.keys(line.taxes).length > 0;
  for (const tax of taxes) {
    if (!tax.active) continue;
    if (mode === "individual") {
      if (!Object.hasOwn(productTaxes, tax.name)) continue;
      if (!given) chosen.set(tax.name, Number(productTaxes[tax.name]));
      else if (Object.hasOwn(line.taxes, tax.name)) {
        chosen.set(tax.name, Number(line.taxes[tax.name]));
      }
    } else if (Object.hasOwn(line.taxes, tax.name)) {
      chosen.set(tax.name, Number(line.taxes[tax.name]));
    }
  }
  return chosen;
}

/**
 * Refuses, in individual mode, a line that gives a percentage for a tax its
 * product does not carry (Vtiger's webservice would then silently drop every
 * tax of the line), and, in any mode, one for a tax that is not active.
 */
export function requireApplicableTaxes(
  lines: readonly LineItem[],
  mode: TaxMode,
  productTaxes: (productId: number) => ProductTaxes,
  taxes: readonly TaxDefinition[],
): void {
  const active = new Set(taxes.filter((tax) => tax.active).map((tax) => tax.name));
  lines.forEach((line, index) => {
    for (const name of Object.keys(line.taxes)) {
      const where = `${LINE_ITEMS_KEY}[${index + 1}].${excerpt(name)}`;
      if (!active.has(name)) {
        throw invalidFieldValue(LINE_ITEMS_KEY, `${where}: tax ${name} is not an active tax`);
      }
      if (mode === "individual" && !Object.hasOwn(productTaxes(line.productId), name)) {
        throw invalidFieldValue(
          LINE_ITEMS_KEY,
          `${where}: product ${line.productId} does not carry tax ${name}; with individual ` +
            "taxes a line is taxed by its product's own taxes",
        );
      }
    }
  });
}

/**
 * What each tax column of a stored line holds: the percentage of each tax
 * that applies, `0` for another active tax, NULL for an inactive one (as
 * Vtiger's webservice leaves them).
 */
export function lineTaxColumns(
  applied: TaxPercentages,
  taxes: readonly TaxDefinition[],
): Record<string, string | null> {
  const columns: Record<string, string | null> = {};
  for (const tax of taxes) {
    columns[tax.name] = !tax.active ? null : String(applied.get(tax.name) ?? 0);
  }
  return columns;
}

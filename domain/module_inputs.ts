/**
 * What a module's own save takes besides its plainly writable fields (those
 * of display type 1): Vtiger's webservice accepts fields its edit view keeps
 * out of sight (Calendar's `time_start`, an invoice's `hdnTaxType`), values
 * that are no field at all (a product's `tax4`, an invoice's shipping
 * taxes), line items and files. Each module that has them declares them
 * here; the catalog completes the install-specific keys (the tax names, the
 * charges) and the module's write rules check them.
 *
 * @module
 */

import { excerpt } from "./excerpt.ts";
import { invalidFieldValue } from "./errors.ts";
import type { LineItemColumns } from "./inventory/line_items.ts";
import type { FieldValues } from "./record.ts";

/** The extra inputs of one module. */
export interface ModuleInputs {
  /** Fields the save takes although their display type keeps them from plain writes. */
  readonly fields: ReadonlySet<string>;
  /** Fields the save computes: a given value is accepted and replaced, never mandatory. */
  readonly computed: ReadonlySet<string>;
  /** Keys that are no field of the module, taken by its write rules (`tax4`, `hdnS_H_Amount`). */
  readonly extras: ReadonlySet<string>;
  /** Inventory modules: the columns a line item may set. */
  readonly lineItems?: LineItemColumns;
  /** Documents: whether a write may carry a file. */
  readonly upload?: boolean;
  /** Fields that belong to a line item: refused at the top of a body, with a pointer to `LineItems`. */
  readonly lineFields?: ReadonlySet<string>;
}

/** No extra inputs. */
export const NO_INPUTS: ModuleInputs = {
  fields: new Set(),
  computed: new Set(),
  extras: new Set(),
};

/** The inventory modules: records with line items, taxes and totals. */
export const INVENTORY_MODULES: ReadonlySet<string> = new Set([
  "Quotes",
  "SalesOrder",
  "PurchaseOrder",
  "Invoice",
]);

/** The modules whose records are priced products or services. */
export const PRICED_MODULES: ReadonlySet<string> = new Set(["Products", "Services"]);

/** Calendar's modules: tasks (`Calendar`) and `Events`. */
export const ACTIVITY_MODULES: ReadonlySet<string> = new Set(["Calendar", "Events"]);

/** Fields of tasks and events the save takes although hidden from the edit view's plain form. */
const ACTIVITY_FIELDS = ["time_start", "time_end", "activitytype", "visibility", "notime"];
/** Fields of tasks and events the save computes. */
const ACTIVITY_COMPUTED = ["duration_hours", "duration_minutes"];

/** Header fields of inventory records a client sets (the rest is computed from the lines). */
const INVENTORY_FIELDS = [
  "hdnTaxType",
  "hdnDiscountPercent",
  "hdnDiscountAmount",
  "txtAdjustment",
  "hdnS_H_Amount",
  "currency_id",
  "conversion_rate",
];
/** Header fields of inventory records computed from the lines. */
const INVENTORY_COMPUTED = ["hdnSubTotal", "hdnGrandTotal", "pre_tax_total", "hdnS_H_Percent"];

/**
 * The fields and computed fields of a standard module's save; the catalog
 * adds the install's extras (taxes, charges, currencies, line columns).
 */
export function standardInputs(moduleName: string): Pick<ModuleInputs, "fields" | "computed"> {
  if (ACTIVITY_MODULES.has(moduleName)) {
    return { fields: new Set(ACTIVITY_FIELDS), computed: new Set(ACTIVITY_COMPUTED) };
  }
  if (INVENTORY_MODULES.has(moduleName)) {
    return {
      fields: new Set([...INVENTORY_FIELDS, ...(moduleName === "Invoice" ? ["received"] : [])]),
      computed: new Set([...INVENTORY_COMPUTED, ...(moduleName === "Invoice" ? ["balance"] : [])]),
    };
  }
  return { fields: new Set(), computed: new Set() };
}

/** A write's values split into the module's field values and its extra inputs. */
export interface SplitInput {
  /** Values of the module's fields (checked by `checkFieldValues`). */
  readonly fields: FieldValues;
  /** Extra inputs (checked by the module's write rules). */
  readonly extras: Readonly<Record<string, string>>;
}

/**
 * Separates the extra inputs of a module from its field values. A line
 * item's field at the top of the body is refused with a pointer to
 * `LineItems`, except `productid` naming the first line's product, which
 * Vtiger's webservice demands there (it is then dropped).
 */
export function splitInput(
  inputs: ModuleInputs,
  values: FieldValues,
  firstLineProduct?: number,
): SplitInput {
  const fields: Record<string, string> = {};
  const extras: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (inputs.extras.has(name)) {
      extras[name] = value;
    } else if (inputs.lineFields?.has(name)) {
      const sameProduct = name === "productid" && firstLineProduct !== undefined &&
        value.trim() === String(firstLineProduct);
      if (sameProduct) continue;
      throw invalidFieldValue(
        name,
        `Field '${excerpt(name)}' belongs to a line item: send it in LineItems` +
          (name === "productid" ? " (at the top it may only repeat the first line's product)" : ""),
      );
    } else {
      fields[name] = value;
    }
  }
  return { fields, extras };
}

/**
 * The header of an inventory record besides its totals: the tax mode
 * (`hdnTaxType`), the overall discount (`hdnDiscountPercent` or
 * `hdnDiscountAmount`, stored as Vtiger's `saveInventoryProductDetails`
 * stores them), and an invoice's balance (`InvoiceHandler`: total minus
 * what was received).
 *
 * @module
 */

import { excerpt } from "../excerpt.ts";
import { invalidFieldValue } from "../errors.ts";
import { phpFloat, phpFloatText } from "./php_float.ts";
import { TAX_MODES, type TaxMode } from "./taxes.ts";

/** The field of the tax mode. */
export const TAX_MODE_FIELD = "hdnTaxType";

/**
 * The tax mode a client names (`individual` or `group`, in any case; `""`:
 * none, Vtiger's default mode being empty in a stock install).
 */
export function parseTaxMode(text: string): TaxMode {
  const mode = text.trim().toLowerCase();
  if (mode === "") return "";
  if (!(TAX_MODES as readonly string[]).includes(mode)) {
    throw invalidFieldValue(
      TAX_MODE_FIELD,
      `Field '${TAX_MODE_FIELD}' must be individual or group, not '${excerpt(text)}'`,
    );
  }
  return mode as TaxMode;
}

/** The overall discount as the header stores it: one of the two, the other NULL. */
export interface DiscountColumns {
  /** `discount_percent`. */
  readonly discount_percent: string | null;
  /** `discount_amount`. */
  readonly discount_amount: string | null;
}

/**
 * The stored discount: an amount when it is not 0, else a percentage when
 * it is not 0 (Vtiger's order), else none. Percentages run from 0 to 100;
 * amounts are 0 or more.
 */
export function discountColumns(
  percent: string | undefined,
  amount: string | undefined,
): DiscountColumns {
  if (
    percent !== undefined && percent !== "" && (phpFloat(percent) < 0 || phpFloat(percent) > 100)
  ) {
    throw invalidFieldValue(
      "hdnDiscountPercent",
      `Field 'hdnDiscountPercent' must be a percentage from 0 to 100, not '${excerpt(percent)}'`,
    );
  }
  if (amount !== undefined && amount !== "" && phpFloat(amount) < 0) {
    throw invalidFieldValue(
      "hdnDiscountAmount",
      `Field 'hdnDiscountAmount' must be 0 or more, not '${excerpt(amount)}'`,
    );
  }
  if (phpFloat(amount) !== 0) return { discount_percent: null, discount_amount: amount! };
  if (phpFloat(percent) !== 0) return { discount_percent: percent!, discount_amount: null };
  return { discount_percent: null, discount_amount: null };
}

/**
 * The field holding what was paid against a record's total, for the modules
 * whose save keeps a balance: an invoice's `received` (`InvoiceHandler`), a
 * purchase order's `paid` (`PurchaseOrderHandler`).
 */
export const PAID_FIELDS: Readonly<Record<string, string>> = {
  Invoice: "received",
  PurchaseOrder: "paid",
};

/** An invoice's or purchase order's balance: its total minus what was received or paid. */
export function invoiceBalance(total: string, received: string | null | undefined): string {
  return phpFloatText(phpFloat(total) - phpFloat(received));
}

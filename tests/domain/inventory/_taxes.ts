/**
 * Tax and charge definitions of the two installs the tests price against:
 * F-RevoCRM 8.0.3 as recorded in `../shared/vtiger/oracle/` (VAT, Sales and
 * Service taxes deleted, a 10 % consumption tax `tax4`), and Vtiger 7.3.0's
 * defaults (three active taxes).
 *
 * @module
 */

import type { ChargeDefinition, TaxDefinition } from "../../../domain/inventory/taxes.ts";

function tax(id: number, name: string, percentage: string, active = true): TaxDefinition {
  return { id, name, percentage, method: "Simple", compoundOn: [], active };
}

/** F-RevoCRM's item taxes: tax1..3 deleted, tax4 the consumption tax. */
export const FREVO_TAXES: readonly TaxDefinition[] = [
  tax(1, "tax1", "4.500", false),
  tax(2, "tax2", "10.000", false),
  tax(3, "tax3", "12.500", false),
  tax(4, "tax4", "10.000"),
];

/** Vtiger 7.3.0's item taxes. */
export const VT73_TAXES: readonly TaxDefinition[] = [
  tax(1, "tax1", "4.500"),
  tax(2, "tax2", "10.000"),
  tax(3, "tax3", "12.500"),
];

/** The shipping taxes of both installs. */
export const SHIPPING_TAXES: readonly TaxDefinition[] = [
  tax(1, "shtax1", "4.500"),
  tax(2, "shtax2", "10.000"),
  tax(3, "shtax3", "12.500"),
];

/** The one charge of both installs. */
export const SHIPPING_CHARGE: ChargeDefinition = {
  id: 1,
  name: "Shipping & Handling",
  taxIds: [1, 2, 3],
};

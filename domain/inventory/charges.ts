/**
 * Shipping and handling: the charges of an inventory record and their taxes,
 * kept by Vtiger as JSON in `vtiger_inventorychargesrel.charges`
 * (`{"1":{"value":"10","taxes":{"1":"4.5","2":0,"3":0}}}`), and how a
 * client gives them, as Vtiger's webservice reads them
 * (`VtigerInventoryOperation::sanitizeShippingTaxes`):
 *
 * - `hdnS_H_Amount`: the amount of the first charge, with `shtaxN_sh_percent`
 *   the percentage of each shipping tax on it;
 * - or, per charge, its name in lower case with `_` for spaces
 *   (`shipping_&_handling`) and `<that name>_shtaxN` for its taxes.
 *
 * @module
 */

import { excerpt } from "../excerpt.ts";
import { invalidFieldValue } from "../errors.ts";
import { phpFloat, phpFloatText } from "./php_float.ts";
import type { ChargeDefinition, TaxDefinition } from "./taxes.ts";

/** One charge of a record: its amount and the percentage of each of its taxes. */
export interface ChargeValue {
  /** The amount as given (text), or `null` when none was. */
  readonly value: string | null;
  /** Percentages by shipping tax id: text as given, or the number 0 Vtiger writes by default. */
  readonly taxes: ReadonlyMap<number, string | number>;
}

/** The charges of a record, by charge id, in the order Vtiger writes them. */
export type ChargeValues = ReadonlyMap<number, ChargeValue>;

/** The charges a client gives, and the header values Vtiger derives from them. */
export interface ChargeInput {
  /** The charges to store. */
  readonly charges: ChargeValues;
  /** `s_h_amount` to store (`hdnS_H_Amount`). */
  readonly shippingAmount: string;
  /** `s_h_percent` to store (Vtiger stores the sum of the named charges there). */
  readonly shippingPercent: string;
}

/** The first charge, which `hdnS_H_Amount` stands for. */
const FIRST_CHARGE_ID = 1;

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** The body key of a charge: its name in lower case, spaces as `_`. */
export function chargeKey(charge: ChargeDefinition): string {
  return charge.name.toLowerCase().replaceAll(" ", "_");
}

/** The body key of one shipping tax of a charge. */
export function chargeTaxKey(charge: ChargeDefinition, taxId: number): string {
  return `${chargeKey(charge)}_shtax${taxId}`;
}

/** The body key of a shipping tax on `hdnS_H_Amount`. */
export function shippingTaxKey(tax: TaxDefinition): string {
  return `${tax.name}_sh_percent`;
}

/** Every body key the charges may take, for the install's charges and shipping taxes. */
export function chargeKeys(
  charges: readonly ChargeDefinition[],
  shippingTaxes: readonly TaxDefinition[],
): string[] {
  return [
    ...charges.flatMap((charge) => [
      chargeKey(charge),
      ...charge.taxIds.map((id) => chargeTaxKey(charge, id)),
    ]),
    ...shippingTaxes.filter((tax) => tax.active).map(shippingTaxKey),
  ];
}

function number(values: Readonly<Record<string, string>>, key: string): string | undefined {
  const value = (values[key] ?? "").trim();
  if (value === "") return undefined;
  if (value.endsWith("%")) {
    throw invalidFieldValue(
      key,
      `Field '${key}' must be an amount; percentages of a charge are not accepted here`,
    );
  }
  if (!DECIMAL.test(value)) {
    throw invalidFieldValue(key, `Field '${key}' must be a number, not '${excerpt(value)}'`);
  }
  return value;
}

function percentage(values: Readonly<Record<string, string>>, key: string): string | undefined {
  const value = number(values, key);
  if (value !== undefined && (Number(value) < 0 || Number(value) > 100)) {
    throw invalidFieldValue(
      key,
      `Field '${key}' must be a percentage from 0 to 100, not '${excerpt(value)}'`,
    );
  }
  return value;
}

/**
 * The charges and shipping values from the header values a client gave
 * (`values` holds only the charge keys and `hdnS_H_Amount`), as Vtiger's
 * webservice builds them: named charges when any has an amount, else the
 * first charge from `hdnS_H_Amount` with every active shipping tax at its
 * `shtaxN_sh_percent` or 0.
 */
export function chargesFromInput(
  values: Readonly<Record<string, string>>,
  charges: readonly ChargeDefinition[],
  shippingTaxes: readonly TaxDefinition[],
): ChargeInput {
  const active = new Map(shippingTaxes.filter((tax) => tax.active).map((tax) => [tax.id, tax]));
  const result = new Map<number, { value: string | null; taxes: Map<number, string | number> }>();
  let named = 0;
  for (const charge of charges) {
    const amount = number(values, chargeKey(charge));
    const entry = { value: amount ?? null, taxes: new Map<number, string | number>() };
    if (amount !== undefined) named += phpFloat(amount);
    for (const taxId of charge.taxIds) {
      const percent = percentage(values, chargeTaxKey(charge, taxId));
      if (percent !== undefined && active.has(taxId)) entry.taxes.set(taxId, percent);
    }
    if (amount !== undefined || entry.taxes.size > 0) result.set(charge.id, entry);
  }
  if (named !== 0) {
    const text = phpFloatText(named);
    return { charges: result, shippingAmount: text, shippingPercent: text };
  }
  const shipping = number(values, "hdnS_H_Amount");
  const first = { value: shipping ?? null, taxes: new Map<number, string | number>() };
  for (const tax of active.values()) {
    first.taxes.set(tax.id, percentage(values, shippingTaxKey(tax)) ?? 0);
  }
  result.set(FIRST_CHARGE_ID, first);
  return { charges: result, shippingAmount: shipping ?? "0", shippingPercent: "0" };
}

/** The JSON Vtiger keeps in `vtiger_inventorychargesrel.charges` (PHP's `json_encode` shape). */
export function chargesJson(charges: ChargeValues): string {
  const object: Record<string, { value: string | null; taxes: Record<string, string | number> }> =
    {};
  for (const [id, charge] of charges) {
    object[String(id)] = { value: charge.value, taxes: Object.fromEntries(charge.taxes) };
  }
  return JSON.stringify(object);
}

/**
 * Reads `vtiger_inventorychargesrel.charges` back (HTML-decoded by the caller,
 * as Vtiger decodes it); anything unreadable counts as no charges.
 */
export function parseChargesJson(json: string | null | undefined): ChargeValues {
  const charges = new Map<number, ChargeValue>();
  if (json === null || json === undefined || json.trim() === "") return charges;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return charges;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return charges;
  for (const [id, raw] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof raw !== "object" || raw === null) continue;
    const entry = raw as { value?: unknown; taxes?: unknown };
    const taxes = new Map<number, string | number>();
    if (typeof entry.taxes === "object" && entry.taxes !== null) {
      for (const [taxId, percent] of Object.entries(entry.taxes as Record<string, unknown>)) {
        if (typeof percent === "string" || typeof percent === "number") {
          taxes.set(Number(taxId), percent);
        }
      }
    }
    const value = typeof entry.value === "string" || typeof entry.value === "number"
      ? String(entry.value)
      : null;
    charges.set(Number(id), { value, taxes });
  }
  return charges;
}

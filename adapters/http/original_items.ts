/**
 * The original module's inventory form, translated into vtrest's
 * `LineItems` and header fields at the edge, so that clients of the original
 * (its PHP client's `createEntity('Quotes', [..., 'items' => json_encode([...])])`)
 * keep working unchanged.
 *
 * The original read `items`, a JSON array of lines keyed as Vtiger's edit
 * view posts them (`hdnProductId`, `qty`, `listPrice`, `comment`,
 * `discount_percentage`, `discount_amount`, `tax1_percentage`,
 * `hidtax_row_no`), numbered them into Vtiger's form fields and let
 * `saveInventoryProductDetails` store them with the header fields of the same
 * form (`taxtype`, `discount_percentage_final`, `discount_amount_final`,
 * `shipping_handling_charge`, `adjustment`, `taxN_group_percentage`,
 * `subtotal`, `pre_tax_total`, `total`). What each key meant there:
 *
 * - a line's discount is its `discount_percentage` when that is more than 0,
 *   else its `discount_amount` when more than 0, else none (the original's
 *   rule); the overall discount likewise from the two `_final` keys;
 * - `taxtype` `group`: every line is taxed at the `taxN_group_percentage`
 *   values (a tax not named: 0), and the lines' own percentages are not read;
 *   any other mode: a line's `taxN_percentage` are its percentages for its
 *   product's taxes, the group percentages are not read;
 * - `adjustment` is signed, `adjustmentType` `-` negating it;
 * - `subtotal`, `pre_tax_total` and `total` were the client's own sums,
 *   stored as sent. vtrest computes them from the lines as Vtiger's
 *   webservice does, so they are checked to be numbers and otherwise not
 *   used.
 *
 * Only the shape is checked here (an array of objects, numbers where the
 * translation compares numbers, no unknown key); everything else (products,
 * quantities, ranges, taxes) is checked by the domain as for `LineItems`.
 *
 * @module
 */

import { excerpt } from "../../domain/excerpt.ts";
import { invalidParameter } from "../../domain/errors.ts";
import { LINE_ITEMS_KEY, type LineItemInput } from "../../domain/inventory/line_items.ts";
import { cleanFieldValue } from "./field_value_cleaning.ts";

/** The body value that carries the original module's lines. */
export const ITEMS_KEY = "items";

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const LINE_TAX = /^(tax\d+)_percentage$/;
const GROUP_TAX = /^(tax\d+)_group_percentage$/;

/** A line's keys renamed as they are (original key → `LineItems` key). */
const RENAMED: Readonly<Record<string, string>> = {
  hdnProductId: "productid",
  qty: "quantity",
  listPrice: "listprice",
  comment: "comment",
  productDescription: "description",
};

/** A line's keys that must hold numbers (or be empty). */
const NUMERIC_LINE_KEYS: ReadonlySet<string> = new Set([
  "hdnProductId",
  "qty",
  "listPrice",
  "discount_percentage",
  "discount_amount",
  // Vtiger's edit view's row number: checked, not used (saveInventoryProductDetails never reads it).
  "hidtax_row_no",
]);

/** Header keys of the form that are checked to be numbers and not used (vtrest computes them). */
const CLIENT_SUMS: readonly string[] = ["subtotal", "pre_tax_total", "total", "totalProductCount"];

/** Header keys of the form and the vtrest field each one becomes. */
const HEADER_FIELDS: Readonly<Record<string, string>> = {
  taxtype: "hdnTaxType",
  shipping_handling_charge: "hdnS_H_Amount",
  adjustment: "txtAdjustment",
  discount_percentage_final: "hdnDiscountPercent",
  discount_amount_final: "hdnDiscountAmount",
};

/** The keys a line of `items` may carry, for messages. */
const LINE_KEYS_TEXT = "hdnProductId, qty, listPrice, comment, productDescription, " +
  "discount_percentage, discount_amount, taxN_percentage, hidtax_row_no";

/** What the translation gives: the body's values in vtrest's vocabulary, and the lines. */
export interface TranslatedItems {
  /** The body's other values, the form's header keys replaced by vtrest's fields. */
  readonly values: Record<string, string>;
  /** The lines, as `LineItems` would carry them. */
  readonly lineItems: LineItemInput[];
}

/** Whether `text` is set and not a number that equals 0 (the original's `> 0` on a number). */
function positive(text: string | undefined): boolean {
  return text !== undefined && text !== "" && Number(text) > 0;
}

function number(text: string, where: string): string {
  if (text !== "" && !DECIMAL.test(text)) {
    throw invalidParameter(`${where} must be a number, not '${excerpt(text)}'`);
  }
  return text;
}

/** `items` as sent: JSON text (a form, or a string in a JSON body) or an array (JSON body). */
function itemsArray(items: unknown): unknown[] {
  let parsed = items;
  if (typeof items === "string") {
    if (items.trim() === "") {
      throw invalidParameter(
        `${ITEMS_KEY} is empty: it must be a JSON array of the record's lines`,
      );
    }
    try {
      parsed = JSON.parse(items);
    } catch {
      throw invalidParameter(
        `${ITEMS_KEY} must be a JSON array of lines, not '${excerpt(items)}'`,
      );
    }
  }
  if (!Array.isArray(parsed)) {
    throw invalidParameter(`${ITEMS_KEY} must be a JSON array of lines, one object per line`);
  }
  return parsed;
}

/** One line's values as cleaned texts, refusing anything but strings, numbers and null. */
function lineTexts(line: unknown, index: number): Record<string, string> {
  if (typeof line !== "object" || line === null || Array.isArray(line)) {
    throw invalidParameter(`${ITEMS_KEY}[${index}] must be an object of a line's values`);
  }
  const texts: Record<string, string> = {};
  for (const [key, value] of Object.entries(line)) {
    const where = `${ITEMS_KEY}[${index}].${excerpt(key)}`;
    if (value !== null && typeof value !== "string" && typeof value !== "number") {
      throw invalidParameter(`${where} must be a string, a number or null`);
    }
    const known = Object.hasOwn(RENAMED, key) || NUMERIC_LINE_KEYS.has(key) || LINE_TAX.test(key);
    if (!known) {
      throw invalidParameter(`${where} is not a key of a line (${LINE_KEYS_TEXT})`);
    }
    const text = value === null ? "" : cleanFieldValue(String(value));
    texts[key] = NUMERIC_LINE_KEYS.has(key) || LINE_TAX.test(key) ? number(text, where) : text;
  }
  return texts;
}

/** One line of `items` as a `LineItems` line. */
function lineOf(
  texts: Readonly<Record<string, string>>,
  groupTaxes: Readonly<Record<string, string>> | undefined,
): LineItemInput {
  const line: Record<string, string> = {};
  for (const [key, value] of Object.entries(texts)) {
    if (Object.hasOwn(RENAMED, key)) line[RENAMED[key]] = value;
    const tax = LINE_TAX.exec(key)?.[1];
    if (tax !== undefined && groupTaxes === undefined && value !== "") line[tax] = value;
  }
  const percent = texts.discount_percentage;
  const amount = texts.discount_amount;
  if (positive(percent)) line.discount_percent = percent!;
  else if (positive(amount)) line.discount_amount = amount!;
  // Not more than 0 is no discount in the original; a negative one is the domain's to refuse.
  else if (Number(percent) < 0) line.discount_percent = percent!;
  else if (Number(amount) < 0) line.discount_amount = amount!;
  return { ...line, ...groupTaxes };
}

/** The overall discount of the form, as vtrest's two fields (the other set to 0). */
function overallDiscount(values: Readonly<Record<string, string>>): Record<string, string> {
  const percent = values.discount_percentage_final;
  const amount = values.discount_amount_final;
  if (positive(percent)) return { hdnDiscountPercent: percent, hdnDiscountAmount: "0" };
  if (positive(amount)) return { hdnDiscountAmount: amount, hdnDiscountPercent: "0" };
  // Negative values are the domain's to refuse; zeros mean no discount (nothing to change).
  if (percent !== undefined && Number(percent) < 0) return { hdnDiscountPercent: percent };
  if (amount !== undefined && Number(amount) < 0) return { hdnDiscountAmount: amount };
  return {};
}

function signedAdjustment(adjustment: string, type: string | undefined): string {
  const sign = (type ?? "").trim();
  if (sign !== "" && sign !== "+" && sign !== "-") {
    throw invalidParameter(`adjustmentType must be + or -, not '${excerpt(sign)}'`);
  }
  if (sign !== "-" || adjustment === "") return adjustment;
  if (adjustment.startsWith("-")) {
    throw invalidParameter(
      "adjustmentType - negates adjustment: give the adjustment without its own minus sign",
    );
  }
  return `-${adjustment.replace(/^\+/, "")}`;
}

/**
 * Translates a body carrying `items` (as sent: JSON text or an array) and
 * the form's header keys into vtrest's `LineItems` and header fields.
 * `values` are the body's other values, already cleaned; `lineItemsGiven`
 * says whether the body also carried `LineItems`, which is refused (one form
 * or the other). Throws `INVALID_PARAMETER` naming the key at fault.
 */
export function translateItems(
  values: Readonly<Record<string, string>>,
  items: unknown,
  lineItemsGiven: boolean,
): TranslatedItems {
  if (lineItemsGiven) {
    throw invalidParameter(
      `The body carries both ${ITEMS_KEY} and ${LINE_ITEMS_KEY}: send the lines in one of them`,
    );
  }
  for (const [key, field] of Object.entries(HEADER_FIELDS)) {
    if (Object.hasOwn(values, key) && Object.hasOwn(values, field)) {
      throw invalidParameter(`The body carries both ${key} and ${field}: send one of them`);
    }
  }
  const numeric = [
    ...CLIENT_SUMS,
    "shipping_handling_charge",
    "adjustment",
    "discount_percentage_final",
    "discount_amount_final",
  ];
  const rest: Record<string, string> = {};
  const groupPercentages: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    const groupTax = GROUP_TAX.exec(key)?.[1];
    if (groupTax !== undefined) {
      groupPercentages[groupTax] = number(value, key);
    } else if (numeric.includes(key)) {
      number(value, key);
    }
    if (groupTax === undefined && !CLIENT_SUMS.includes(key) && key !== "adjustmentType") {
      rest[key] = value;
    }
  }
  if (values.adjustmentType !== undefined) signedAdjustment("", values.adjustmentType);
  const group = (values.taxtype ?? "").trim().toLowerCase() === "group";
  // A group tax at 0 is the same as one not named; leaving it out keeps an inactive tax at 0 valid.
  const groupTaxes = group
    ? Object.fromEntries(
      Object.entries(groupPercentages).filter(([, percent]) => percent !== "" && +percent !== 0),
    )
    : undefined;
  const lineItems = itemsArray(items).map((line, index) =>
    lineOf(lineTexts(line, index + 1), groupTaxes)
  );
  const translated: Record<string, string> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === "discount_percentage_final" || key === "discount_amount_final") continue;
    if (key === "adjustment") {
      translated.txtAdjustment = signedAdjustment(value, values.adjustmentType);
    } else if (Object.hasOwn(HEADER_FIELDS, key)) translated[HEADER_FIELDS[key]] = value;
    else translated[key] = value;
  }
  return { values: { ...translated, ...overallDiscount(values) }, lineItems };
}

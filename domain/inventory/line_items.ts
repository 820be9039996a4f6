/**
 * The line items of an inventory record (Quotes, SalesOrder, PurchaseOrder,
 * Invoice), as clients send them in `LineItems`: each line names a product
 * or service, a quantity, optionally a list price (the product's unit price
 * when left out, as Vtiger's webservice takes it), one discount, a comment
 * and, per tax, a percentage (`tax1`, `tax2`, ...).
 *
 * @module
 */

import { excerpt } from "../excerpt.ts";
import { type DomainError, invalidFieldValue } from "../errors.ts";
import { VTIGER_INT_MAX } from "../field.ts";
import { normalizeValue } from "../value_kind.ts";

/** The name of the body value that carries the lines. */
export const LINE_ITEMS_KEY = "LineItems";

/** The most lines one record may carry here (Vtiger has no limit; this bounds the work). */
export const MAX_LINE_ITEMS = 500;

/** One line as the client sent it: value texts by key. */
export type LineItemInput = Readonly<Record<string, string>>;

/** One checked line. Amounts are decimal texts as given (trimmed), never rounded here. */
export interface LineItem {
  /** The product or service (`vtiger_inventoryproductrel.productid`). */
  readonly productId: number;
  /** How many. */
  readonly quantity: string;
  /** The unit price; `undefined`: the product's unit price. */
  readonly listPrice?: string;
  /** A discount in percent of quantity × price (0 to 100). */
  readonly discountPercent?: string;
  /** A discount as an amount. */
  readonly discountAmount?: string;
  /** The line's comment (`""` when none). */
  readonly comment: string;
  /** The line's description (`""` when none). */
  readonly description: string;
  /** Tax percentages the client gave for this line, by tax name (`tax4` → `"8"`). */
  readonly taxes: Readonly<Record<string, string>>;
  /** Other columns of the line the client gave (`purchase_cost`, `usageunit`, ...), by column. */
  readonly extra: Readonly<Record<string, string>>;
}

/** What a line may carry besides its product, quantity, price, discounts, comment and taxes. */
export interface LineItemColumns {
  /** Extra decimal columns of `vtiger_inventoryproductrel` a line may set (`purchase_cost`, `margin`). */
  readonly decimals: ReadonlySet<string>;
  /** Extra text columns (`usageunit`). */
  readonly texts: ReadonlySet<string>;
  /** Extra checkbox columns (`reducedtaxrate`). */
  readonly checkboxes: ReadonlySet<string>;
  /** The tax names of the install (`tax1` ... `taxN`), active or not. */
  readonly taxNames: ReadonlySet<string>;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DIGITS = /^\d+$/;
const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "productid",
  "quantity",
  "listprice",
  "discount_percent",
  "discount_amount",
  "comment",
  "description",
]);

/** The name used in messages for a key of line `index` (1-based, as Vtiger's sequence). */
function where(index: number, key: string): string {
  return `${LINE_ITEMS_KEY}[${index}].${key}`;
}

function bad(index: number, key: string, message: string): DomainError {
  return invalidFieldValue(LINE_ITEMS_KEY, `${where(index, key)} ${message}`);
}

function decimal(line: LineItemInput, index: number, key: string): string | undefined {
  const value = (line[key] ?? "").trim();
  if (value === "") return undefined;
  if (!DECIMAL.test(value)) throw bad(index, key, `must be a number, not '${excerpt(value)}'`);
  return value;
}

function productIdOf(line: LineItemInput, index: number): number {
  const value = (line.productid ?? "").trim();
  if (value === "") throw bad(index, "productid", "is missing: each line names a product");
  if (!DIGITS.test(value) || Number(value) < 1 || Number(value) > VTIGER_INT_MAX) {
    throw bad(index, "productid", `must be a product or service id, not '${excerpt(value)}'`);
  }
  return Number(value);
}

function quantityOf(line: LineItemInput, index: number): string {
  const quantity = decimal(line, index, "quantity");
  if (quantity === undefined) throw bad(index, "quantity", "is missing");
  if (Number(quantity) <= 0) {
    throw bad(index, "quantity", `must be more than 0, not '${excerpt(quantity)}'`);
  }
  return quantity;
}

function discountsOf(
  line: LineItemInput,
  index: number,
): { discountPercent?: string; discountAmount?: string } {
  const percent = decimal(line, index, "discount_percent");
  const amount = decimal(line, index, "discount_amount");
  if (
    percent !== undefined && amount !== undefined && Number(percent) !== 0 && Number(amount) !== 0
  ) {
    throw bad(index, "discount_percent", "and discount_amount are both given; give one discount");
  }
  if (percent !== undefined && (Number(percent) < 0 || Number(percent) > 100)) {
    throw bad(index, "discount_percent", `must be from 0 to 100, not '${excerpt(percent)}'`);
  }
  if (amount !== undefined && Number(amount) < 0) {
    throw bad(index, "discount_amount", `must be 0 or more, not '${excerpt(amount)}'`);
  }
  return {
    ...(percent === undefined ? {} : { discountPercent: percent }),
    ...(amount === undefined ? {} : { discountAmount: amount }),
  };
}

function checkbox(value: string, index: number, key: string): string {
  // The one checkbox rule of every write (value_kind.ts): `constructor` is no checkbox word.
  const normalized = normalizeValue("checkbox", value);
  if (normalized === undefined) throw bad(index, key, `must be 0 or 1, not '${excerpt(value)}'`);
  return normalized;
}

function parseLine(line: LineItemInput, index: number, columns: LineItemColumns): LineItem {
  const taxes: Record<string, string> = {};
  const extra: Record<string, string> = {};
  for (const key of Object.keys(line)) {
    if (KNOWN_KEYS.has(key)) continue;
    if (columns.taxNames.has(key)) {
      const percent = decimal(line, index, key);
      if (percent === undefined) continue;
      if (Number(percent) < 0 || Number(percent) > 100) {
        throw bad(index, key, `must be a percentage from 0 to 100, not '${excerpt(percent)}'`);
      }
      taxes[key] = percent;
    } else if (columns.decimals.has(key)) {
      const value = decimal(line, index, key);
      if (value !== undefined) extra[key] = value;
    } else if (columns.texts.has(key)) {
      extra[key] = line[key];
    } else if (columns.checkboxes.has(key)) {
      if (line[key].trim() !== "") extra[key] = checkbox(line[key].trim(), index, key);
    } else {
      throw bad(index, excerpt(key), "is not a field of a line item");
    }
  }
  const listPrice = decimal(line, index, "listprice");
  if (listPrice !== undefined && Number(listPrice) < 0) {
    throw bad(index, "listprice", `must be 0 or more, not '${excerpt(listPrice)}'`);
  }
  return {
    productId: productIdOf(line, index),
    quantity: quantityOf(line, index),
    ...(listPrice === undefined ? {} : { listPrice }),
    ...discountsOf(line, index),
    comment: line.comment ?? "",
    description: line.description ?? "",
    taxes,
    extra,
  };
}

/**
 * Checks the lines a client sent: at least one, at most
 * {@linkcode MAX_LINE_ITEMS}, each with a product id, a positive quantity,
 * numbers where numbers go, at most one discount, and only keys a line has.
 * Throws `INVALID_FIELD_VALUE` naming the line and key (`LineItems[2].quantity`).
 */
export function parseLineItems(
  lines: readonly LineItemInput[],
  columns: LineItemColumns,
): LineItem[] {
  if (lines.length === 0) {
    throw invalidFieldValue(LINE_ITEMS_KEY, `${LINE_ITEMS_KEY} must hold at least one line`);
  }
  if (lines.length > MAX_LINE_ITEMS) {
    throw invalidFieldValue(
      LINE_ITEMS_KEY,
      `${LINE_ITEMS_KEY} holds ${lines.length} lines; at most ${MAX_LINE_ITEMS} are accepted`,
    );
  }
  return lines.map((line, index) => parseLine(line, index + 1, columns));
}

/**
 * The `criteria` and `order` query languages of the protocol, parsed into
 * validated values. Nothing here builds SQL: adapters turn these values into
 * bound queries.
 *
 * @module
 */

import { type ColumnRef, resolveColumn } from "./column.ts";
import { invalidParameter } from "./errors.ts";
import type { FieldDefinition } from "./field.ts";
import type { ModuleDefinition } from "./module.ts";

/** Comparison operators a criteria item may use. */
export const OPERATORS = ["eq", "neq", "lt", "gt", "lte", "gte", "like"] as const;

/** One comparison operator. */
export type Operator = typeof OPERATORS[number];

/** One `COLUMN[:OP]:VALUE` item of a criteria string. */
export interface Condition {
  /** The column compared. */
  readonly column: ColumnRef;
  /** The comparison. */
  readonly operator: Operator;
  /** The value compared with, always bound as a parameter. */
  readonly value: string;
}

/** Sort direction. */
export type Direction = "ASC" | "DESC";

/** One `COLUMN [ASC|DESC]` item of an order string. */
export interface OrderTerm {
  /** The column sorted on. */
  readonly column: ColumnRef;
  /** The direction. */
  readonly direction: Direction;
}

/** The most items one criteria or order string may hold. */
export const MAX_QUERY_ITEMS = 20;

/** Splits on `;` except where escaped as `\;`, unescaping those. */
function splitCriteriaItems(text: string): string[] {
  const items: string[] = [];
  let current = "";
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "\\" && text[index + 1] === ";") {
      current += ";";
      index++;
    } else if (char === ";") {
      items.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  items.push(current);
  return items;
}

function isOperator(text: string): text is Operator {
  return (OPERATORS as readonly string[]).includes(text);
}

/**
 * Parses `COLUMN:VALUE;COLUMN:OP:VALUE;...` into conditions, all ANDed.
 * `fields` are the fields the caller may see; others are refused.
 */
export function parseCriteria(
  module: ModuleDefinition,
  fields: readonly FieldDefinition[],
  text: string,
): Condition[] {
  if (text.trim() === "") throw invalidParameter("Criteria is empty");
  const items = splitCriteriaItems(text);
  if (items.length > MAX_QUERY_ITEMS) {
    throw invalidParameter(
      `Criteria has ${items.length} items; at most ${MAX_QUERY_ITEMS} are allowed`,
    );
  }
  return items.map((item, index) => {
    if (item.trim() === "") throw invalidParameter(`Criteria item ${index + 1} is empty`);
    const colon = item.indexOf(":");
    if (colon === -1) {
      throw invalidParameter(`Criteria item '${item}' is not of the form COLUMN:VALUE`);
    }
    if (item.slice(0, colon).trim() === "") {
      throw invalidParameter(`Criteria item '${item}' has no column`);
    }
    const column = resolveColumn(module, fields, item.slice(0, colon));
    const rest = item.slice(colon + 1);
    const second = rest.indexOf(":");
    const maybeOperator = second === -1 ? "" : rest.slice(0, second);
    if (isOperator(maybeOperator)) {
      return { column, operator: maybeOperator, value: rest.slice(second + 1) };
    }
    return { column, operator: "eq", value: rest };
  });
}

/** Parses `COLUMN [ASC|DESC], ...` into order terms. */
export function parseOrder(
  module: ModuleDefinition,
  fields: readonly FieldDefinition[],
  text: string,
): OrderTerm[] {
  if (text.trim() === "") throw invalidParameter("Order is empty");
  const items = text.split(",");
  if (items.length > MAX_QUERY_ITEMS) {
    throw invalidParameter(
      `Order has ${items.length} items; at most ${MAX_QUERY_ITEMS} are allowed`,
    );
  }
  return items.map((item, index) => {
    const words = item.trim().split(/\s+/);
    if (words[0] === "") throw invalidParameter(`Order item ${index + 1} is empty`);
    if (words.length > 2) {
      throw invalidParameter(`Order item '${item.trim()}' is not of the form COLUMN [ASC|DESC]`);
    }
    const direction = (words[1] ?? "ASC").toUpperCase();
    if (direction !== "ASC" && direction !== "DESC") {
      throw invalidParameter(`Order direction '${words[1]}' is not ASC or DESC`);
    }
    return { column: resolveColumn(module, fields, words[0]), direction };
  });
}

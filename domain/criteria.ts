/**
 * The `criteria` and `order` query languages of the protocol, parsed into
 * validated values. Nothing here builds SQL: adapters turn these values into
 * bound queries.
 *
 * @module
 */

import { type ColumnRef, requireSortable, resolveColumn } from "./column.ts";
import { invalidParameter } from "./errors.ts";
import { excerpt } from "./excerpt.ts";
import type { FieldDefinition } from "./field.ts";
import { CRMENTITY_TABLE, type ModuleDefinition } from "./module.ts";
import { normalizeValue, VALUE_KIND_FORMS, type ValueKind, valueKindOf } from "./value_kind.ts";

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
  /**
   * The value compared with, always bound as a parameter: checked against
   * the column's kind and normalized (`+7` → `7`, `on` → `1`), except for
   * `like`, whose value is a pattern.
   */
  readonly value: string;
  /** How the column's values compare: numbers as numbers, the rest as text. */
  readonly kind: ValueKind;
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

/**
 * The most terms one order may hold. Each term adds a sort key to every
 * matching row; a few suffice to order any list (the record id always breaks
 * ties), and a list sorted on many keys is a cheap way to keep the database
 * busy.
 */
export const MAX_ORDER_TERMS = 3;

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
 * A word that reads as an operator: letters (`GTE`, `greater`, `note`) or
 * comparison signs (`>=`, `!=`). See {@linkcode parseCriteria} for the rule.
 */
const OPERATOR_LIKE = /^\s*([A-Za-z_]+|[<>=!~]+)\s*$/;

/** `vtiger_crmentity` columns that are not fields but hold ids or times. */
const CRMENTITY_KINDS: ReadonlyMap<string, ValueKind> = new Map([
  ["crmid", "id"],
  ["smcreatorid", "id"],
  ["smownerid", "id"],
  ["modifiedby", "id"],
  ["createdtime", "datetime"],
  ["modifiedtime", "datetime"],
]);

/** The kind of a column's values: its field's, or that of an id or bookkeeping column. */
function columnKind(module: ModuleDefinition, column: ColumnRef): ValueKind {
  if (column.field !== undefined) return valueKindOf(column.field);
  if (
    Object.hasOwn(module.recordTables, column.table) &&
    module.recordTables[column.table] === column.column
  ) {
    return "id";
  }
  if (column.table === CRMENTITY_TABLE) return CRMENTITY_KINDS.get(column.column) ?? "text";
  return "text";
}

/** The operator and raw value of what follows `COLUMN:` in an item. */
function splitOperator(item: string, rest: string): { operator: Operator; value: string } {
  const colon = rest.indexOf(":");
  if (colon === -1) return { operator: "eq", value: rest };
  const word = rest.slice(0, colon);
  const value = rest.slice(colon + 1);
  const operator = word.trim().toLowerCase();
  if (isOperator(operator)) return { operator, value };
  if (OPERATOR_LIKE.test(word) && !value.startsWith("//")) {
    throw invalidParameter(
      `Criteria item '${excerpt(item)}': '${excerpt(word.trim())}' is not an operator (${
        OPERATORS.join(", ")
      }); to match a value with ':' in it, write COLUMN:eq:VALUE`,
    );
  }
  return { operator: "eq", value: rest };
}

/**
 * The value checked against the column's kind and normalized. Text and
 * e-mail columns take any text (a filter may look for a partial address);
 * `like` takes a pattern; an empty value means "empty" with `eq` and `neq`.
 */
function checkedValue(
  item: string,
  columnText: string,
  kind: ValueKind,
  operator: Operator,
  value: string,
): string {
  if (operator === "like" || kind === "text" || kind === "email") return value;
  if (value === "" && (operator === "eq" || operator === "neq")) return value;
  const normalized = normalizeValue(kind, value.trim());
  if (normalized === undefined) {
    throw invalidParameter(
      `Criteria item '${excerpt(item)}': column '${excerpt(columnText.trim())}' takes ${
        VALUE_KIND_FORMS[kind]
      }, not '${excerpt(value)}'`,
    );
  }
  return normalized;
}

/**
 * Parses `COLUMN:VALUE;COLUMN:OP:VALUE;...` into conditions, all ANDed.
 * `fields` are the fields the caller may see; others are refused.
 *
 * Operators are matched case-insensitively. A value may contain `:` (times,
 * URLs); when what follows `COLUMN:` has a `:`, the text before it decides:
 * - an operator (`gt`, `LIKE`): it is the operator, the rest is the value;
 * - a single word of letters or comparison signs (`GTE2` is not one, but
 *   `greater`, `note` and `>=` are) not followed by `//`: refused, as a
 *   mistyped operator would otherwise silently become part of the value; a
 *   value of that shape is written with its operator, `note:eq:Re: call`;
 * - anything else (`10:30`, `2017-01-01 00:00:00`, `https://x`): the whole
 *   text is the value, compared with `eq`.
 *
 * Each value is checked against the column's kind (integer, number, date,
 * date and time, time, checkbox) before it reaches any query.
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
      throw invalidParameter(`Criteria item '${excerpt(item)}' is not of the form COLUMN:VALUE`);
    }
    const columnText = item.slice(0, colon);
    if (columnText.trim() === "") {
      throw invalidParameter(`Criteria item '${excerpt(item)}' has no column`);
    }
    const column = resolveColumn(module, fields, columnText);
    const kind = columnKind(module, column);
    const { operator, value } = splitOperator(item, item.slice(colon + 1));
    return {
      column,
      operator,
      value: checkedValue(item, columnText, kind, operator, value),
      kind,
    };
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
  if (items.length > MAX_ORDER_TERMS) {
    throw invalidParameter(
      `Order has ${items.length} items; at most ${MAX_ORDER_TERMS} are allowed`,
    );
  }
  return items.map((item, index) => {
    const words = item.trim().split(/\s+/);
    if (words[0] === "") throw invalidParameter(`Order item ${index + 1} is empty`);
    if (words.length > 2) {
      throw invalidParameter(
        `Order item '${excerpt(item.trim())}' is not of the form COLUMN [ASC|DESC]`,
      );
    }
    const direction = (words[1] ?? "ASC").toUpperCase();
    if (direction !== "ASC" && direction !== "DESC") {
      throw invalidParameter(`Order direction '${excerpt(words[1])}' is not ASC or DESC`);
    }
    return { column: requireSortable(resolveColumn(module, fields, words[0])), direction };
  });
}

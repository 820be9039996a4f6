/**
 * Evaluates criteria and order on in-memory rows the way MySQL would on
 * Vtiger's columns: numbers compare as numbers, text case-insensitively.
 *
 * @module
 */

import type { ColumnRef } from "../../domain/column.ts";
import type { Condition, OrderTerm } from "../../domain/criteria.ts";
import { isNumericKind, type ValueKind } from "../../domain/value_kind.ts";

/** A row's columns keyed `table.column`. */
export type ColumnValues = ReadonlyMap<string, string | null>;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** The key a column is stored under. */
export function columnKey(column: Pick<ColumnRef, "table" | "column">): string {
  return `${column.table}.${column.column}`;
}

function compareValues(left: string, right: string): number {
  if (NUMBER.test(left) && NUMBER.test(right)) return Number(left) - Number(right);
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

function likePattern(pattern: string): RegExp {
  let source = "";
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "\\" && index + 1 < pattern.length) {
      source += pattern[++index].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    } else if (char === "%") source += "[\\s\\S]*";
    else if (char === "_") source += "[\\s\\S]";
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "i");
}

/**
 * Compares a stored value with a condition's value by the column's kind:
 * numbers as numbers, everything else (dates, times, text) as text without
 * regard to case, as MySQL's collations and date types compare them.
 */
function compareByKind(stored: string, value: string, kind: ValueKind): number {
  if (isNumericKind(kind)) return Number(stored) - Number(value);
  const a = stored.toLowerCase();
  const b = value.toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether the row satisfies the condition, with SQL's rules for empty
 * values: `NULL` (and `''` in a column that is not text, which MySQL could
 * not hold there) matches no comparison but `neq`, and an empty condition
 * value with `eq`/`neq` asks whether the column is empty.
 */
export function matches(row: ColumnValues, condition: Condition): boolean {
  const stored = row.get(columnKey(condition.column)) ?? null;
  const isText = condition.kind === "text" || condition.kind === "email";
  const empty = stored === null || (stored === "" && !isText);
  if (condition.value === "" && (condition.operator === "eq" || condition.operator === "neq")) {
    const isEmpty = stored === null || stored === "";
    return condition.operator === "eq" ? isEmpty : !isEmpty;
  }
  if (empty) return condition.operator === "neq";
  if (condition.operator === "like") return likePattern(condition.value).test(stored);
  const order = compareByKind(stored, condition.value, condition.kind);
  switch (condition.operator) {
    case "eq":
      return order === 0;
    case "neq":
      return order !== 0;
    case "lt":
      return order < 0;
    case "gt":
      return order > 0;
    case "lte":
      return order <= 0;
    case "gte":
      return order >= 0;
  }
}

/** Compares two rows by the order terms, then by the tie-breaker key ascending. */
export function compareRows(
  left: ColumnValues,
  right: ColumnValues,
  order: readonly OrderTerm[],
  tieBreaker: string,
): number {
  for (const term of order) {
    const key = columnKey(term.column);
    const result = compareValues(left.get(key) ?? "", right.get(key) ?? "");
    if (result !== 0) return term.direction === "ASC" ? result : -result;
  }
  return compareValues(left.get(tieBreaker) ?? "", right.get(tieBreaker) ?? "");
}

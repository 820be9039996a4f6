/**
 * Evaluates criteria and order on in-memory rows the way MySQL would on
 * Vtiger's columns: numbers compare as numbers, text case-insensitively.
 *
 * @module
 */

import type { ColumnRef } from "../../domain/column.ts";
import type { Condition, OrderTerm } from "../../domain/criteria.ts";

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

/** Whether the row satisfies the condition. */
export function matches(row: ColumnValues, condition: Condition): boolean {
  const value = row.get(columnKey(condition.column)) ?? "";
  const order = compareValues(value, condition.value);
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
    case "like":
      return likePattern(condition.value).test(value);
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

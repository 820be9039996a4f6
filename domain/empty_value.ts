/**
 * What Vtiger's save stores for a field a create leaves empty, by the field
 * alone (`CRMEntity::insertIntoEntityTable` and `get_column_value`): a
 * checkbox is unchecked, a number or a reference is 0, a date or time is
 * NULL. A store that knows its columns refines this (a decimal column shows
 * its scale, a nullable foreign key holds NULL).
 *
 * @module
 */

import type { FieldDefinition } from "./field.ts";

/** Uitypes whose empty value is stored as NULL (dates, times, 14). */
const NULL_WHEN_EMPTY: ReadonlySet<number> = new Set([5, 6, 14, 23, 70]);

/** Vtiger's type letters of numbers (`I~O`, `N~O`, `NN~O`). */
const NUMERIC_TYPES: ReadonlySet<string> = new Set(["I", "N", "NN"]);

/** The value stored for a field left empty, judged by its uitype and type alone. */
export function emptyFieldValue(field: FieldDefinition): string | null {
  if (field.uitype === 56 || field.uitype === 57) return "0";
  if (field.uitype === 26) return "1";
  if (NULL_WHEN_EMPTY.has(field.uitype)) return null;
  if (NUMERIC_TYPES.has(field.dataType)) return "0";
  return "";
}

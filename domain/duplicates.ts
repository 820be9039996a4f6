/**
 * Vtiger's duplicate prevention (`CheckDuplicateHandler`, Vtiger 7.1 and
 * later): in a module whose `vtiger_tab.allowduplicates` is 0, a create or an
 * update whose unique fields (`vtiger_field.isunique = 1`, editable ones) all
 * equal those of a live record of the module is refused. Vtiger compares in
 * SQL with `=`, so the column's collation decides: case, trailing spaces (and
 * with MySQL's `_general_ci` collations, accents) do not matter. An empty
 * unique value matches an empty or NULL one; when every unique value is
 * empty, nothing is checked. On an update the record's own values fill in
 * the unique fields not given, and the record itself does not count.
 *
 * @module
 */

import { DomainError } from "./errors.ts";
import { type FieldDefinition, isClientWritable } from "./field.ts";
import type { ModuleDefinition } from "./module.ts";

/** The fields a duplicate is judged on: none when the module allows duplicates. */
export function uniqueFieldsOf(module: ModuleDefinition): FieldDefinition[] {
  if (module.allowDuplicates !== false) return [];
  return module.fields.filter((field) => field.unique === true && isClientWritable(field));
}

/** Whether the record's unique values call for a check (not all of them empty). */
export function needsDuplicateCheck(
  fields: readonly FieldDefinition[],
  values: Readonly<Record<string, string | null | undefined>>,
): boolean {
  return fields.some((field) => (values[field.name] ?? "") !== "");
}

/**
 * A value as a case- and accent-insensitive collation with trailing-space
 * padding compares it (MySQL's `utf8_general_ci`): what two values must share
 * to be duplicates, for stores that compare outside MySQL.
 */
export function duplicateKey(value: string | null | undefined): string {
  return (value ?? "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ +$/, "");
}

/**
 * `DUPLICATE_RECORD` naming the unique fields, and the existing record's id
 * only when the caller may see that record (`undefined` otherwise), so that a
 * refusal never reveals a record the caller could not read.
 */
export function duplicateRecord(
  module: ModuleDefinition,
  fields: readonly FieldDefinition[],
  visibleDuplicateId: number | undefined,
): DomainError {
  const names = fields.map((field) => field.name);
  const which = visibleDuplicateId === undefined
    ? `Another ${module.name} record`
    : `${module.name} record ${visibleDuplicateId}`;
  return new DomainError(
    "DUPLICATE_RECORD",
    `${which} already has this ${names.join(", ")}, and module ${module.name} allows no ` +
      `duplicates`,
    visibleDuplicateId === undefined
      ? { fields: names }
      : { fields: names, duplicateId: visibleDuplicateId },
  );
}

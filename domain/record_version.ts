/**
 * A record's version, for optimistic concurrency: its id and the time it was
 * last modified (`vtiger_crmentity.modifiedtime`), as an opaque tag such as
 * `3-20170904092915`. Vtiger stores that time to the second, so two changes
 * within one second share a version.
 *
 * @module
 */

import { DomainError } from "./errors.ts";
import type { FieldDefinition } from "./field.ts";
import { CRMENTITY_TABLE, type ModuleDefinition } from "./module.ts";
import type { StoredRecord } from "./record.ts";

/** What `If-Match: *` asks: any version, as long as the record exists. */
export const ANY_VERSION = "*";

/** The module's field stored in `vtiger_crmentity.modifiedtime`, if it has one. */
export function modifiedTimeField(
  fields: readonly FieldDefinition[],
): FieldDefinition | undefined {
  return fields.find((field) => field.table === CRMENTITY_TABLE && field.column === "modifiedtime");
}

/**
 * The record's version, or `undefined` when the module has no modified time
 * among `fields` (pass the fields the caller sees, so that a version never
 * reveals a time the caller may not read).
 */
export function recordVersion(
  fields: readonly FieldDefinition[],
  record: StoredRecord,
): string | undefined {
  const field = modifiedTimeField(fields);
  const time = field === undefined ? undefined : record.values[field.name];
  if (time === undefined || time === null) return undefined;
  return `${record.id}-${time.replace(/\D/g, "")}`;
}

/**
 * Throws `PRECONDITION_FAILED` unless the record's version is one of those
 * expected (or `*` is); nothing expected means no condition.
 */
export function requireVersion(
  module: ModuleDefinition,
  record: StoredRecord,
  expected: readonly string[] | undefined,
): void {
  if (expected === undefined || expected.includes(ANY_VERSION)) return;
  const current = recordVersion(module.fields, record);
  if (current === undefined || !expected.includes(current)) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      `${module.name} record ${record.id} has changed since the version given in If-Match; ` +
        "read it again",
    );
  }
}

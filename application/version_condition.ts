/**
 * `If-Match` for updates and deletes: the versions a client read, checked
 * against the record before its body is read and again on the locked row.
 *
 * @module
 */

import { DomainError } from "../domain/errors.ts";
import type { FieldDefinition } from "../domain/field.ts";
import type { ModuleDefinition } from "../domain/module.ts";
import { ANY_VERSION, modifiedTimeField, requireVersion } from "../domain/record_version.ts";
import type { StoredRecord } from "../domain/record.ts";

/**
 * The versions a write may proceed on, checked against the record found.
 * A caller who may not see the record's modified time never got a version
 * of it, so anything but `*` fails for them without comparing, and no
 * answer reveals that time.
 */
export function checkVersion(
  module: ModuleDefinition,
  visible: readonly FieldDefinition[],
  record: StoredRecord,
  ifMatch: readonly string[] | undefined,
): readonly string[] | undefined {
  if (ifMatch === undefined) return undefined;
  if (!ifMatch.includes(ANY_VERSION) && modifiedTimeField(visible) === undefined) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      `${module.name} record ${record.id} has no version you can match`,
    );
  }
  requireVersion(module, record, ifMatch);
  return ifMatch;
}

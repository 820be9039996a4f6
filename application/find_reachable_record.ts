/**
 * Loads the record a read, update or delete targets and checks the caller may reach it.
 *
 * @module
 */

import { accessDenied, recordNotFound } from "../domain/errors.ts";
import type { ModuleDefinition } from "../domain/module.ts";
import type { RecordRepository } from "../domain/ports.ts";
import { type OwnerScope, scopeIncludes } from "../domain/privileges.ts";
import type { StoredRecord } from "../domain/record.ts";

/** `RECORD_NOT_FOUND` when absent or deleted, `ACCESS_DENIED` when outside the scope. */
export async function findReachableRecord(
  records: RecordRepository,
  module: ModuleDefinition,
  id: number,
  scope: OwnerScope,
  verb: "read" | "update" | "delete",
): Promise<StoredRecord> {
  const record = await records.findById(module, id);
  if (record === undefined) throw recordNotFound(module.name, id);
  if (!scopeIncludes(scope, record.ownerId)) {
    throw accessDenied(`Permission to ${verb} ${module.name} record ${id} is denied`);
  }
  return record;
}

/**
 * Loads the record a read, update or delete targets and checks the caller may reach it.
 *
 * @module
 */

import { recordNotFound } from "../domain/errors.ts";
import type { ModuleDefinition } from "../domain/module.ts";
import type { RecordRepository } from "../domain/ports.ts";
import { type OwnerScope, type RecordVerb, requireOwnerInScope } from "../domain/privileges.ts";
import type { StoredRecord } from "../domain/record.ts";

/** `RECORD_NOT_FOUND` when absent or deleted, `ACCESS_DENIED` when outside the scope. */
export async function findReachableRecord(
  records: RecordRepository,
  module: ModuleDefinition,
  id: number,
  scope: OwnerScope,
  verb: RecordVerb,
): Promise<StoredRecord> {
  const record = await records.findById(module, id);
  if (record === undefined) throw recordNotFound(module.name, id);
  requireOwnerInScope(scope, record.ownerId, module.name, id, verb);
  return record;
}

/**
 * Whether the caller may reach a record: the one rule behind reading,
 * changing and deleting a record by id, and behind pointing a reference at
 * one. A record is reachable when its owner lies in the caller's scope for its
 * module and, for comments, when its parent is a record the caller may read
 * (`domain/comments.ts`); a comment is changed or deleted by its author only.
 *
 * @module
 */

import { parentIdOf, parentScopeOf, requireCommentAuthor } from "../domain/comments.ts";
import { recordNotFound } from "../domain/errors.ts";
import type { ModuleDefinition } from "../domain/module.ts";
import type { ModuleCatalog, RecordRepository } from "../domain/ports.ts";
import {
  mayReadRecordOf,
  type OwnerScope,
  parentAllows,
  type Privileges,
  recordAccessDenied,
  type RecordVerb,
  requireOwnerInScope,
} from "../domain/privileges.ts";
import type { StoredRecord } from "../domain/record.ts";

/** The ports needed to tell whether a record is reachable. */
export interface ReachDeps {
  /** Record storage. */
  readonly records: RecordRepository;
  /** Module metadata, to read a comment's parent. */
  readonly modules: ModuleCatalog;
}

/** Whether the record's parent lets the caller reach it (always, for records without one). */
async function parentLetsReach(
  records: RecordRepository,
  privileges: Privileges,
  module: ModuleDefinition,
  record: StoredRecord,
): Promise<boolean> {
  const scope = parentScopeOf(privileges, module);
  if (scope === undefined) return true;
  const parentId = parentIdOf(module, scope, record);
  return parentAllows(scope, parentId === undefined ? undefined : await records.locate(parentId));
}

/**
 * The record a read, update or delete targets: `RECORD_NOT_FOUND` when absent
 * or deleted, `ACCESS_DENIED` when its owner lies outside `scope`, when it is a
 * comment whose parent the caller may not read, or, for a change or a delete,
 * a comment of someone else.
 */
export async function findReachableRecord(
  records: RecordRepository,
  privileges: Privileges,
  module: ModuleDefinition,
  id: number,
  scope: OwnerScope,
  verb: RecordVerb,
): Promise<StoredRecord> {
  const record = await records.findById(module, id);
  if (record === undefined) throw recordNotFound(module.name, id);
  requireOwnerInScope(scope, record.ownerId, module.name, id, verb);
  if (!await parentLetsReach(records, privileges, module, record)) {
    throw recordAccessDenied(module.name, id, verb);
  }
  if (verb !== "read") requireCommentAuthor(privileges, module, record, verb);
  return record;
}

/**
 * The module of the live record `id` when the caller may read it, else
 * `undefined` — absent, deleted and out of reach alike, so that the answer
 * never tells which records exist beyond the caller's reach.
 */
export async function readableModuleOf(
  deps: ReachDeps,
  privileges: Privileges,
  id: number,
): Promise<string | undefined> {
  const location = await deps.records.locate(id);
  if (location === undefined || !mayReadRecordOf(privileges, location.module, location.ownerId)) {
    return undefined;
  }
  const module = await deps.modules.findModule(location.module);
  if (module === undefined) return undefined;
  if (parentScopeOf(privileges, module) !== undefined) {
    const record = await deps.records.findById(module, id);
    if (record === undefined || !await parentLetsReach(deps.records, privileges, module, record)) {
      return undefined;
    }
  }
  return location.module;
}

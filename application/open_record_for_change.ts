/**
 * The first steps an update and a delete share: the caller, the module opened
 * for the action, the record reached within the action's scope, and the
 * `If-Match` condition checked against it, all before any body is read.
 *
 * @module
 */

import type { ModuleCatalog, RecordRepository } from "../domain/ports.ts";
import { parseRecordId, type StoredRecord } from "../domain/record.ts";
import type { Caller, CallerDeps } from "./authenticate_caller.ts";
import { findReachableRecord } from "./find_reachable_record.ts";
import { type OpenedModule, openModuleFor } from "./open_module.ts";
import { checkVersion } from "./version_condition.ts";

/** The ports needed to reach a record for a change. */
export interface RecordChangeDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Record storage. */
  readonly records: RecordRepository;
}

/** What an update or a delete names before its body. */
export interface RecordChangeTarget {
  /** The caller's token. */
  readonly token: string | undefined;
  /** The module name. */
  readonly module: string;
  /** The record id. */
  readonly id: string | number;
  /** The versions (`If-Match`) the record must still have, or `*`; absent: no condition. */
  readonly ifMatch?: readonly string[];
}

/** A record the caller may change, as found, with the condition its write must carry. */
export interface RecordToChange extends OpenedModule, Caller {
  /** The record id. */
  readonly id: number;
  /** The record as stored now. */
  readonly current: StoredRecord;
  /** The `If-Match` versions to check again on the locked row; absent: no condition. */
  readonly expectedVersions: readonly string[] | undefined;
}

/**
 * Opens the module for `edit` or `delete`, finds the record within the
 * caller's write or delete scope (`RECORD_NOT_FOUND`, `ACCESS_DENIED`) and
 * checks `If-Match` (`PRECONDITION_FAILED`).
 */
export async function openRecordForChange(
  deps: RecordChangeDeps,
  target: RecordChangeTarget,
  action: "edit" | "delete",
): Promise<RecordToChange> {
  const opened = await openModuleFor(deps, target.token, target.module, action);
  const id = parseRecordId(target.id);
  const current = await findReachableRecord(
    deps.records,
    opened.privileges,
    opened.module,
    id,
    action === "edit" ? opened.grant.write : opened.grant.remove,
    action === "edit" ? "update" : "delete",
  );
  const expectedVersions = checkVersion(opened.module, opened.fields, current, target.ifMatch);
  return { ...opened, id, current, expectedVersions };
}

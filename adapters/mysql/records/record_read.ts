/**
 * Reading single records: one live record of a module (optionally locking
 * its `vtiger_crmentity` row for a write), the module a record id belongs to,
 * and the label Vtiger derives from a record.
 *
 * @module
 */

import { sql } from "kysely";
import { CRMENTITY_TABLE, recordLabel } from "../../../domain/module.ts";
import type { StoredRecord } from "../../../domain/record.ts";
import { type ModuleStorage, TASK_ACTIVITY_TYPE } from "../catalog/module_storage.ts";
import { dynamic, type VtigerDb } from "../database.ts";
import { CRMID_REF, type RecordRow, selectRecords, toStoredRecord } from "./record_select.ts";

/** The live record of the module with that id; `lock` takes a row lock (inside a transaction). */
export async function readRecord(
  db: VtigerDb,
  storage: ModuleStorage,
  id: number,
  lock = false,
): Promise<RecordRow | undefined> {
  let query = selectRecords(dynamic(db), storage).where(sql<boolean>`${CRMID_REF} = ${id}`)
    .limit(1);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toStoredRecord(storage, row);
}

/**
 * The module of a live record: its setype, except that a Calendar record
 * whose `activitytype` is not `Task` is an Events record.
 */
export async function readModuleOfRecord(db: VtigerDb, id: number): Promise<string | undefined> {
  const row = await db.selectFrom(CRMENTITY_TABLE).select("setype").where("crmid", "=", id)
    .where("deleted", "=", 0).executeTakeFirst();
  if (row?.setype === undefined || row.setype === null) return undefined;
  if (row.setype !== "Calendar") return row.setype;
  const activity = await sql<{ activitytype: string | null }>`
    SELECT activitytype FROM vtiger_activity WHERE activityid = ${id}`.execute(db);
  const type = activity.rows[0]?.activitytype;
  return type === undefined || type === null || type === TASK_ACTIVITY_TYPE ? "Calendar" : "Events";
}

/**
 * The label Vtiger's record label updater stores: the entity name columns'
 * values joined by one space, untrimmed, cut to the column's length.
 */
export function labelOf(storage: ModuleStorage, record: StoredRecord): string {
  const label = recordLabel(storage.module, record.values);
  const max = storage.crmentity.columns.get("label")?.maxLength ?? 255;
  return [...label].slice(0, max).join("");
}

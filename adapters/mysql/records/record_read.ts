/**
 * Reading single records: one live record of a module (optionally locking
 * its `vtiger_crmentity` row for a write), the module and owner of a record id,
 * and the label Vtiger derives from a record.
 *
 * @module
 */

import { CompiledQuery, sql } from "kysely";
import { recordLabel } from "../../../domain/module.ts";
import type { RecordLocation } from "../../../domain/privileges.ts";
import type { StoredRecord } from "../../../domain/record.ts";
import { type ModuleStorage, TASK_ACTIVITY_TYPE } from "../catalog/module_storage.ts";
import { dynamic, type VtigerDb } from "../database.ts";
import { type RecordRow, recordSelect } from "./record_select.ts";

/** The live record of the module with that id; `lock` takes a row lock (inside a transaction). */
export async function readRecord(
  db: VtigerDb,
  storage: ModuleStorage,
  id: number,
  lock = false,
): Promise<RecordRow | undefined> {
  const select = recordSelect(dynamic(db), storage);
  const statement = lock ? select.byId.locked : select.byId.plain;
  const parameters = [...statement.parameters];
  parameters[parameters.length - 1] = id;
  const result = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(statement.sql, parameters),
  );
  const row = result.rows[0];
  return row === undefined ? undefined : select.toRecordRow(row);
}

interface LocationRow {
  readonly setype: string | null;
  readonly smownerid: number | string;
  readonly activitytype: string | null;
}

/**
 * The module and owner of a live record: its setype, except that a Calendar
 * record whose `activitytype` is set and not `Task` is an Events record.
 */
export async function readLocation(db: VtigerDb, id: number): Promise<RecordLocation | undefined> {
  const result = await sql<LocationRow>`
    SELECT ce.setype, ce.smownerid, a.activitytype
    FROM vtiger_crmentity ce LEFT JOIN vtiger_activity a ON a.activityid = ce.crmid
    WHERE ce.crmid = ${id} AND ce.deleted = 0 LIMIT 1`.execute(db);
  const row = result.rows[0];
  if (row === undefined || row.setype === null) return undefined;
  const type = row.activitytype;
  const isEvent = row.setype === "Calendar" && type !== null && type !== TASK_ACTIVITY_TYPE;
  return { module: isEvent ? "Events" : row.setype, ownerId: Number(row.smownerid) };
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

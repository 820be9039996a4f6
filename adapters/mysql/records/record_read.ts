/**
 * Reading single records: one live record of a module (optionally locking
 * its `vtiger_crmentity` row for a write), the module and owner of a record id,
 * and the label Vtiger derives from a record.
 *
 * @module
 */

import { CompiledQuery, sql } from "kysely";
import { recordLabel } from "../../../domain/module.ts";
import { phpHtmlEntityDecode, phpTrim } from "./html_entities.ts";
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
 * The label the install stores (`LabelRule`): the entity name fields' values
 * joined by one space, untrimmed (Vtiger 7's label updater) or with HTML
 * entities decoded and trimmed (F-RevoCRM's save), cut to the column's
 * length. On F-RevoCRM an update whose label comes out empty keeps the
 * `previous` one.
 */
export function labelOf(
  storage: ModuleStorage,
  record: StoredRecord,
  previous?: string | null,
): string {
  const joined = recordLabel(storage.module, record.values);
  const label = storage.labelRule === "save" ? phpTrim(phpHtmlEntityDecode(joined)) : joined;
  if (label === "" && storage.labelRule === "save" && previous != null) return previous;
  const max = storage.crmentity.columns.get("label")?.maxLength ?? 255;
  return [...label].slice(0, max).join("");
}

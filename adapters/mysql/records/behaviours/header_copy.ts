/**
 * F-RevoCRM's copy of the record header in the base table: after every save
 * and delete of a record, `CRMEntity::updateBasicInformation` copies
 * `smcreatorid, smownerid, modifiedby, description, createdtime,
 * modifiedtime, viewedtime, deleted, label, smgroupid, source` from
 * `vtiger_crmentity` into the module's base table, and the fork's list views,
 * `query` and `vtiger_field` (owner, times, modifier, source) read the copy.
 * `vtiger_crmentity` stays the complete record; the copy follows it. Stock
 * Vtiger has no such columns, and nothing is copied.
 *
 * @module
 */

import { sql } from "kysely";
import type { ModuleStorage } from "../../catalog/module_storage.ts";
import type { VtigerDb } from "../../database.ts";
import type { WriteScene } from "../write_behaviour.ts";

/**
 * Copies the header of record `id` from `vtiger_crmentity` into the module's
 * base table; the general write path calls it after every change of the
 * record's `vtiger_crmentity` row, before reading the record back.
 */
export async function copyHeader(trx: VtigerDb, storage: ModuleStorage, id: number): Promise<void> {
  if (storage.headerCopy.length === 0) return;
  const base = storage.module.baseTable;
  const assignments = storage.headerCopy.map((column) =>
    sql`${sql.id(base, column)} = ${sql.id("vtiger_crmentity", column)}`
  );
  await sql`UPDATE ${sql.table(base)} INNER JOIN vtiger_crmentity
    ON ${sql.id(base, storage.module.baseIdColumn)} = vtiger_crmentity.crmid
    SET ${sql.join(assignments)} WHERE vtiger_crmentity.crmid = ${id}`.execute(trx);
}

/**
 * Refreshes the header copy of other records a write changed the
 * `vtiger_crmentity` row of (a related record's `modifiedtime` moved by a
 * comment or an activity), whatever their module. F-RevoCRM itself leaves
 * those copies stale; vtrest keeps them in step, so that the fork's list
 * views show what `vtiger_crmentity` says.
 */
export async function copyHeadersOf(scene: WriteScene, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const records = await sql<{ crmid: number; setype: string }>`
    SELECT crmid, setype FROM vtiger_crmentity WHERE crmid IN (${sql.join(ids)})`
    .execute(scene.trx);
  for (const record of records.rows) {
    const storage = await scene.storageOf(record.setype);
    if (storage !== undefined) await copyHeader(scene.trx, storage, Number(record.crmid));
  }
}

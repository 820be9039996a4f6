/**
 * Updates and deletes, as Vtiger's save and `mark_deleted` do them, inside the
 * caller's transaction. The record's `vtiger_crmentity` row is locked first,
 * so that concurrent changes of one record queue up and each history entry
 * compares against the state it changed.
 *
 * @module
 */

import { recordNotFound } from "../../../domain/errors.ts";
import { changeDetails, trackedValues } from "../../../domain/history.ts";
import { ownerField } from "../../../domain/module.ts";
import type { WriteContext } from "../../../domain/ports.ts";
import { requireOwnerInScope } from "../../../domain/privileges.ts";
import type { ModuleStorage } from "../catalog/module_storage.ts";
import { dynamic, type VtigerDb } from "../database.ts";
import { copyHeader } from "./behaviours/header_copy.ts";
import { behavioursOf } from "./behaviours/registry.ts";
import { HISTORY_STATUS, writeHistory } from "./history.ts";
import { expectedLabel } from "./record_label.ts";
import { labelOf, readRecord } from "./record_read.ts";
import type { RecordRow } from "./record_select.ts";
import { insertRelationRow } from "./relation_rows.ts";
import { fillRequiredColumns, givenColumns } from "./stored_values.ts";
import { changesRecord, type WriteScene } from "./write_behaviour.ts";
import { requireVersion } from "../../../domain/record_version.ts";

async function readLocked(trx: VtigerDb, storage: ModuleStorage, id: number): Promise<RecordRow> {
  const row = await readRecord(trx, storage, id, true);
  if (row === undefined) throw recordNotFound(storage.module.name, id);
  return row;
}

/**
 * Locks and reads the live record before a write; `RECORD_NOT_FOUND` when
 * absent or deleted, `ACCESS_DENIED` when the locked row's owner is outside
 * the context's scope, `PRECONDITION_FAILED` when it no longer has a version
 * the context expects (both checked here, so no other request can reassign or
 * change the record between the check and the write).
 */
async function requireWritable(
  trx: VtigerDb,
  storage: ModuleStorage,
  id: number,
  context: WriteContext,
  verb: "update" | "delete",
): Promise<RecordRow> {
  const row = await readLocked(trx, storage, id);
  requireOwnerInScope(context.scope, row.record.ownerId, storage.module.name, id, verb);
  requireVersion(storage.module, row.record, context.expectedVersions);
  return row;
}

async function writeTables(
  trx: VtigerDb,
  storage: ModuleStorage,
  id: number,
  values: Readonly<Record<string, string>>,
  now: string,
): Promise<void> {
  const db = dynamic(trx);
  for (const table of storage.tables) {
    const given = givenColumns(storage, table.name, table.info, values);
    if (given === undefined) continue;
    const matches = db.selectFrom(table.name).select(table.idColumn)
      .where(table.idColumn, "=", id);
    if (table.singleRow) {
      const updated = await db.updateTable(table.name).set(given).where(table.idColumn, "=", id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) > 0 || await matches.executeTakeFirst()) continue;
      const row = fillRequiredColumns(table.info, { ...given, [table.idColumn]: id }, now);
      await db.insertInto(table.name).values(row).execute();
    } else {
      // Relation tables are replaced, as Vtiger's save_module does for them.
      await db.deleteFrom(table.name).where(table.idColumn, "=", id).execute();
      await insertRelationRow(db, table, given, id, now);
    }
  }
}

/** Overlays the given values on a live record; refreshes modified time, modifier, label, history. */
export async function updateRecord(
  scene: WriteScene,
  id: number,
  given: Readonly<Record<string, string>>,
): Promise<void> {
  const { trx, storage, context, now } = scene;
  const before = await requireWritable(trx, storage, id, context, "update");
  const behaviours = behavioursOf(storage.module.name);
  const full = { ...given };
  for (const behaviour of behaviours) await behaviour.prepareUpdate?.(scene, full, before);
  await writeTables(trx, storage, id, full, now);
  const owner = ownerField(storage.module);
  const crmentity: Record<string, string | number> = {
    modifiedby: context.actorId,
    modifiedtime: now,
    smgroupid: 0,
  };
  if (owner !== undefined && full[owner.name] !== undefined) {
    crmentity.smownerid = Number(full[owner.name]);
  }
  if (full.description !== undefined) crmentity.description = full.description;
  const expected = expectedLabel(storage, full, before.record.values, before.label);
  await dynamic(trx).updateTable("vtiger_crmentity").set({ ...crmentity, label: expected })
    .where("crmid", "=", id).execute();
  await copyHeader(trx, storage, id);
  const after = await readLocked(trx, storage, id);
  const label = labelOf(storage, after.record, before.label);
  if (label !== expected) {
    await trx.updateTable("vtiger_crmentity").set({ label }).where("crmid", "=", id).execute();
    await copyHeader(trx, storage, id);
  }
  const changed = { id, values: full, before, after: { record: after.record, label } };
  let final = after.record;
  for (const behaviour of behaviours) await behaviour.afterUpdate?.(scene, changed);
  if (behaviours.some((behaviour) => changesRecord(behaviour, "afterUpdate"))) {
    // The history lists what the behaviours changed too (totals, durations, file fields).
    final = (await readRecord(trx, storage, id))?.record ?? final;
  }
  if (!storage.tracked) return;
  const details = changeDetails(
    trackedValues(storage.module, { ...before.record, label: before.label }),
    trackedValues(storage.module, { ...final, label }),
  );
  if (details.length === 0) return;
  await writeHistory(trx, {
    crmid: id,
    module: storage.historyModule,
    whodid: context.actorId,
    changedon: now,
    status: HISTORY_STATUS.updated,
    details,
  });
}

/** Marks a live record deleted (`deleted = 1`, modified time and modifier) with its history. */
export async function deleteRecord(scene: WriteScene, id: number): Promise<void> {
  const { trx, storage, context, now } = scene;
  const deleted = await requireWritable(trx, storage, id, context, "delete");
  if (storage.tracked) {
    await writeHistory(trx, {
      crmid: id,
      module: storage.historyModule,
      whodid: context.actorId,
      changedon: now,
      status: HISTORY_STATUS.deleted,
      details: [],
    });
  }
  await trx.updateTable("vtiger_crmentity")
    .set({ deleted: 1, modifiedtime: now, modifiedby: context.actorId })
    .where("crmid", "=", id).execute();
  await copyHeader(trx, storage, id);
  for (const behaviour of behavioursOf(storage.module.name)) {
    await behaviour.afterDelete?.(scene, deleted);
  }
}

/**
 * A create, as Vtiger's own save does it, inside the caller's transaction:
 * crmid from the sequence, record number, the `vtiger_crmentity` row, a row
 * in every single-row record table, rows in relation tables for the values
 * given for them, the creator's `vtiger_crmentity_user_field` row, the label,
 * the module's write behaviours, and the creation history.
 *
 * @module
 */

import { creationDetails, trackedValues } from "../../../domain/history.ts";
import { ownerField, recordNumberField } from "../../../domain/module.ts";
import { type ModuleStorage, TASK_ACTIVITY_TYPE } from "../catalog/module_storage.ts";
import { dynamic, type VtigerDb } from "../database.ts";
import { DatabaseError } from "../driver_errors.ts";
import { copyHeader } from "./behaviours/header_copy.ts";
import { behavioursOf } from "./behaviours/registry.ts";
import { HISTORY_STATUS, writeHistory } from "./history.ts";
import { nextSequenceValue, takeRecordNumber } from "./numbering.ts";
import { expectedLabel } from "./record_label.ts";
import { labelOf, readRecord } from "./record_read.ts";
import { insertRelationRow } from "./relation_rows.ts";
import { type ColumnValue, creationRow, givenColumns } from "./stored_values.ts";
import { changesRecord, type WriteScene } from "./write_behaviour.ts";

/** The source Vtiger's webservice writes on the records it creates. */
const WEBSERVICE_SOURCE = "WEBSERVICE";

/** Values Vtiger sets itself on create: the record number, a task's activity type. */
async function systemValues(
  trx: VtigerDb,
  storage: ModuleStorage,
  values: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const full = { ...values };
  const numberField = recordNumberField(storage.module);
  if (numberField !== undefined) {
    full[numberField.name] = await takeRecordNumber(trx, storage.module.name);
  }
  if (storage.activityKind === "task") full.activitytype = TASK_ACTIVITY_TYPE;
  return full;
}

function crmEntityRow(
  scene: WriteScene,
  values: Readonly<Record<string, string>>,
  id: number,
): Record<string, ColumnValue> {
  const { storage, context, now } = scene;
  const ownerName = ownerField(storage.module)?.name;
  const owner = Number(ownerName === undefined ? "" : values[ownerName] ?? "") || context.actorId;
  const row: Record<string, ColumnValue> = {
    crmid: id,
    smcreatorid: context.actorId,
    smownerid: owner,
    smgroupid: 0,
    setype: storage.setype,
    // Vtiger's save copies its `description` field; a module without one gets NULL.
    description: storage.module.fields.some((field) => field.name === "description")
      ? values.description ?? ""
      : null,
    modifiedby: context.actorId,
    createdtime: now,
    modifiedtime: now,
    version: 0,
    presence: 1,
    deleted: 0,
  };
  if (storage.crmentity.columns.has("source")) row.source = WEBSERVICE_SOURCE;
  return row;
}

/** Inserts every row of a new record and returns its crmid. */
export async function insertRecord(
  scene: WriteScene,
  given: Readonly<Record<string, string>>,
): Promise<number> {
  const { trx, storage, context, now } = scene;
  const behaviours = behavioursOf(storage.module.name);
  const values = { ...given };
  for (const behaviour of behaviours) await behaviour.prepareCreate?.(scene, values);
  const db = dynamic(trx);
  const id = await nextSequenceValue(trx, "vtiger_crmentity_seq");
  const full = await systemValues(trx, storage, values);
  const expected = expectedLabel(storage, full);
  await db.insertInto("vtiger_crmentity").values({
    ...crmEntityRow(scene, full, id),
    label: expected,
  })
    .execute();
  for (const table of storage.tables) {
    if (table.singleRow) {
      await db.insertInto(table.name).values(creationRow(storage, table, full, id, now)).execute();
      continue;
    }
    await insertRelationRow(
      db,
      table,
      givenColumns(storage, table.name, table.info, full),
      id,
      now,
    );
  }
  if (storage.userFieldRow) {
    await trx.insertInto("vtiger_crmentity_user_field")
      .values({ recordid: id, userid: context.actorId, starred: "0" }).execute();
  }
  await copyHeader(trx, storage, id);
  const created = await readRecord(trx, storage, id);
  if (created === undefined) {
    throw new DatabaseError(
      `The new ${storage.module.name} record ${id} cannot be read`,
      undefined,
    );
  }
  const label = labelOf(storage, created.record);
  if (label !== expected) {
    await trx.updateTable("vtiger_crmentity").set({ label }).where("crmid", "=", id).execute();
    await copyHeader(trx, storage, id);
  }
  const row = { record: created.record, label };
  let final = created.record;
  for (const behaviour of behaviours) {
    await behaviour.afterCreate?.(scene, { id, values: full, row });
  }
  if (behaviours.some((behaviour) => changesRecord(behaviour, "afterCreate"))) {
    // The history lists what the behaviours wrote too (totals, durations, file fields).
    final = (await readRecord(trx, storage, id))?.record ?? final;
  }
  if (storage.tracked) {
    const more: Array<[string, string | null]> = [];
    for (const behaviour of behaviours) {
      more.push(...(await behaviour.creationHistory?.(scene, id) ?? []));
    }
    await writeHistory(trx, {
      crmid: id,
      module: storage.historyModule,
      whodid: context.actorId,
      changedon: now,
      status: HISTORY_STATUS.created,
      details: creationDetails([...trackedValues(storage.module, { ...final, label }), ...more]),
    });
  }
  return id;
}

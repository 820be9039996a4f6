/**
 * What a delete does to the records that point at the deleted one, as
 * Vtiger's `CRMEntity::trash` → `unlinkDependencies` does it, and the rows of
 * `vtiger_relatedlists_rb (entityid, action, rel_table, rel_column,
 * ref_column, related_crm_ids)` through which Vtiger's recycle bin restores
 * each link when the record is restored.
 *
 * Vtiger checks no permission on the related records a delete cascades to
 * (its code runs as the system); vtrest does the same: whoever may delete the
 * record causes its cascade.
 *
 * @module
 */

import { sql } from "kysely";
import { STANDARD_TAB_NAME_INDEX } from "../../catalog/standard_tables.ts";
import type { VtigerDb } from "../../database.ts";
import { copyHeader } from "./header_copy.ts";
import type { ModuleWriteBehaviour, WriteScene } from "../write_behaviour.ts";

/** `RB_RECORD_UPDATED`: restoring puts the column back to the deleted record's id. */
export const RB_RECORD_UPDATED = "update";
/** `RB_RECORD_DELETED`: restoring inserts the relation row again. */
export const RB_RECORD_DELETED = "delete";

/** One recycle-bin row: how to restore one link (or the cascade) of the deleted record. */
export interface RecycleBinLink {
  /** `RB_RECORD_UPDATED` or `RB_RECORD_DELETED`. */
  readonly action: string;
  /** The table whose rows changed. */
  readonly table: string;
  /** The column that changed (or the relation column). */
  readonly column: string;
  /** The column naming each changed row. */
  readonly refColumn: string;
  /** The changed rows' ids, comma-separated (`""` when none). */
  readonly ids: string;
}

/** Writes one `vtiger_relatedlists_rb` row for the deleted record. */
export async function rememberLink(
  trx: VtigerDb,
  entityId: number,
  link: RecycleBinLink,
): Promise<void> {
  await sql`INSERT INTO vtiger_relatedlists_rb
    (entityid, action, rel_table, rel_column, ref_column, related_crm_ids)
    VALUES (${entityId}, ${link.action}, ${link.table}, ${link.column}, ${link.refColumn},
      ${link.ids})`.execute(trx);
}

/** The values of one column of the rows of `table` whose `where` column is `id`, as text. */
export async function idsWhere(
  trx: VtigerDb,
  table: string,
  column: string,
  where: string,
  id: number,
): Promise<string[]> {
  const result = await sql<{ id: unknown }>`SELECT ${sql.ref(column)} AS id FROM ${
    sql.table(table)
  } WHERE ${sql.ref(where)} = ${id}`.execute(trx);
  return result.rows.map((row) => String(row.id));
}

/**
 * Vtiger's "backup, then unlink" of a reference column: when rows of `table`
 * point at the deleted record through `column`, remembers their ids (from
 * `refColumn`) and sets `column` to 0. No history, no modified time: Vtiger
 * writes none for them.
 */
export async function unlinkColumn(
  scene: WriteScene,
  entityId: number,
  table: string,
  column: string,
  refColumn: string,
): Promise<void> {
  const ids = await idsWhere(scene.trx, table, refColumn, column, entityId);
  if (ids.length > 0) {
    await rememberLink(scene.trx, entityId, {
      action: RB_RECORD_UPDATED,
      table,
      column,
      refColumn,
      ids: ids.join(","),
    });
  }
  await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = 0 WHERE ${
    sql.ref(column)
  } = ${entityId}`.execute(scene.trx);
}

/**
 * Vtiger's cascade to dependent records (an Account's Potentials and Quotes,
 * a Vendor's Purchase Orders): the live records of `module` whose
 * `table.column` is the deleted record are marked deleted (their modified
 * time untouched), and one recycle-bin row lists them, written even when
 * there are none. F-RevoCRM's header copy of each follows.
 */
export async function deleteDependents(
  scene: WriteScene,
  entityId: number,
  module: string,
  table: string,
  idColumn: string,
  column: string,
): Promise<void> {
  const { trx } = scene;
  const found = await sql<{ id: unknown }>`SELECT vtiger_crmentity.crmid AS id FROM vtiger_crmentity
    INNER JOIN ${sql.table(table)} ON vtiger_crmentity.crmid = ${sql.id(table, idColumn)}
    WHERE vtiger_crmentity.deleted = 0 AND ${sql.id(table, column)} = ${entityId}`.execute(trx);
  const ids = found.rows.map((row) => Number(row.id));
  const storage = await scene.storageOf(module);
  for (const id of ids) {
    await sql`UPDATE vtiger_crmentity SET deleted = 1 WHERE crmid = ${id}`.execute(trx);
    if (storage !== undefined) await copyHeader(trx, storage, id);
  }
  await rememberLink(trx, entityId, {
    action: RB_RECORD_UPDATED,
    table: "vtiger_crmentity",
    column: "deleted",
    refColumn: "crmid",
    ids: ids.join(","),
  });
}

interface ReferencingField {
  readonly module: string;
  readonly tablename: string;
  readonly columnname: string;
  readonly basetable: string | null;
  readonly entityidfield: string | null;
}

/** The column of `table` holding a record id of `module` (its `tab_name_index`). */
function recordColumnOf(field: ReferencingField): string | undefined {
  const standard = Object.hasOwn(STANDARD_TAB_NAME_INDEX, field.module)
    ? STANDARD_TAB_NAME_INDEX[field.module][field.tablename]
    : undefined;
  if (standard !== undefined) return standard;
  if (field.basetable === null || field.entityidfield === null) return undefined;
  return field.tablename === field.basetable || field.tablename === `${field.basetable}cf`
    ? field.entityidfield
    : undefined;
}

/**
 * `CRMEntity::unlinkDependencies`, run after the module's own: for every
 * field declared in `vtiger_fieldmodulerel` as pointing at the deleted
 * record's module, the rows pointing at it are remembered in the recycle bin
 * (deleted ones too, as Vtiger does), and left as they are.
 */
export const referencingRecords: ModuleWriteBehaviour = {
  name: "recycle bin of referencing records",
  afterDelete: async (scene, deleted) => {
    const { trx, storage } = scene;
    const id = deleted.record.id;
    const fields = await sql<ReferencingField>`
      SELECT t.name AS module, f.tablename AS tablename, f.columnname AS columnname,
        e.tablename AS basetable, e.entityidfield AS entityidfield
      FROM vtiger_field f INNER JOIN vtiger_tab t ON t.tabid = f.tabid
      LEFT JOIN vtiger_entityname e ON e.tabid = f.tabid
      WHERE f.fieldid IN (SELECT fieldid FROM vtiger_fieldmodulerel WHERE relmodule = ${storage.module.name})
      ORDER BY f.fieldid`.execute(trx);
    for (const field of fields.rows) {
      const column = recordColumnOf(field);
      if (column === undefined || field.entityidfield === null) continue;
      const ids = await idsWhere(trx, field.tablename, column, field.columnname, id);
      if (ids.length === 0) continue;
      await rememberLink(trx, id, {
        action: RB_RECORD_UPDATED,
        table: field.tablename,
        column: field.columnname,
        refColumn: field.entityidfield,
        ids: ids.join(","),
      });
    }
  },
};

/**
 * The rest of `CRMEntity::trash`: the deleting user's tags on the record
 * (`vtiger_freetagged_objects`) and its entry in their recently viewed list
 * (`vtiger_tracker`) go.
 */
export const trashedRecordTraces: ModuleWriteBehaviour = {
  name: "tags and recently viewed",
  afterDelete: async (scene, deleted) => {
    const id = deleted.record.id;
    const user = scene.context.actorId;
    await sql`DELETE FROM vtiger_freetagged_objects WHERE tagger_id = ${user} AND object_id = ${id}`
      .execute(scene.trx);
    await sql`DELETE FROM vtiger_tracker WHERE user_id = ${user} AND item_id = ${id}`
      .execute(scene.trx);
  },
};

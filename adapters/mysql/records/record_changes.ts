/**
 * The changes a sync reads: a module's records, deleted ones included,
 * modified after a time, within the caller's reach, in the order of their
 * modified time and id (Vtiger's `vtws_sync` reads `vtiger_crmentity` the
 * same way).
 *
 * @module
 */

import { sql } from "kysely";
import { CRMENTITY_TABLE } from "../../../domain/module.ts";
import type { ChangeQuery, RecordChange } from "../../../domain/ports.ts";
import type { ModuleStorage } from "../catalog/module_storage.ts";
import type { DynamicDb } from "../database.ts";
import { listScopeConditions, type StoredParentScope } from "./list_scope.ts";
import { CRMID_REF, selectRecords, toText } from "./record_select.ts";

const MODIFIED = sql.id(CRMENTITY_TABLE, "modifiedtime");

/** Reads the changes after the query's time, in one statement. */
export async function readChanges(
  db: DynamicDb,
  storage: ModuleStorage,
  query: ChangeQuery,
  parents?: StoredParentScope,
): Promise<RecordChange[]> {
  let statement = selectRecords(db, storage, { only: new Set(), withDeleted: true })
    .clearSelect()
    .select([
      CRMID_REF.as("id"),
      sql<string>`${MODIFIED}`.as("modified"),
      sql.id(CRMENTITY_TABLE, "deleted").as("deleted"),
    ])
    .where(sql<boolean>`${MODIFIED} > ${query.after}`);
  if (query.through !== undefined) {
    statement = statement.where(sql<boolean>`${MODIFIED} <= ${query.through}`);
  }
  for (const condition of listScopeConditions(storage, query.scope, parents)) {
    statement = statement.where(condition);
  }
  statement = statement.orderBy(sql`${MODIFIED} ASC, ${CRMID_REF} ASC`);
  if (query.limit !== undefined) statement = statement.limit(query.limit);
  const rows = await statement.execute();
  return rows.map((row) => ({
    id: Number(row.id),
    modifiedTime: toText(row.modified) ?? "",
    deleted: Number(row.deleted) !== 0,
  }));
}

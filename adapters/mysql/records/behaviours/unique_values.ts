/**
 * Vtiger's duplicate prevention (`domain/duplicates.ts` says the rule) on the
 * database: the same SQL `=` on each unique field's column as Vtiger's
 * `CheckDuplicateHandler`, so that the column's collation decides what is
 * equal exactly as it does for Vtiger. The check and the write it guards are
 * serialized per module by a row lock on the module's `vtiger_tab` row, so
 * that two concurrent creates cannot both find no duplicate.
 *
 * @module
 */

import { type Expression, sql } from "kysely";
import {
  duplicateRecord,
  needsDuplicateCheck,
  uniqueFieldsOf,
} from "../../../../domain/duplicates.ts";
import type { FieldDefinition } from "../../../../domain/field.ts";
import { scopeIncludes } from "../../../../domain/privileges.ts";
import { comparableText, dynamic } from "../../database.ts";
import { CRMID_REF, ID_ALIAS, OWNER_ALIAS, selectRecords } from "../record_select.ts";
import { columnOf, storedValue } from "../stored_values.ts";
import type { ModuleWriteBehaviour, WriteScene } from "../write_behaviour.ts";

/** Modules whose converted records do not count as duplicates (Vtiger's own exception). */
const CONVERTIBLE_MODULES: ReadonlySet<string> = new Set(["Leads", "Potentials"]);

function condition(
  scene: WriteScene,
  field: FieldDefinition,
  text: string | null | undefined,
): Expression<boolean> {
  const table = scene.storage.tables.find((candidate) => candidate.name === field.table);
  const column = table === undefined ? undefined : columnOf(table.info, field);
  const given = text === "0" && field.referenceModules !== undefined ? "" : text ?? "";
  const value = given === "" ? "" : storedValue(field, column, given);
  const ref = sql.id(field.table, field.column);
  if (value === "" || value === null) return sql<boolean>`(${ref} = '' OR ${ref} IS NULL)`;
  return sql<boolean>`${ref} = ${typeof value === "string" ? comparableText(value) : value}`;
}

async function requireNoDuplicate(
  scene: WriteScene,
  values: Readonly<Record<string, string | null | undefined>>,
  ownId: number | undefined,
): Promise<void> {
  const { trx, storage, context } = scene;
  const fields = uniqueFieldsOf(storage.module);
  if (fields.length === 0 || !needsDuplicateCheck(fields, values)) return;
  await trx.selectFrom("vtiger_tab").select("tabid").where("tabid", "=", storage.module.tabId)
    .forUpdate().execute();
  // Which record, not its fields: the crmid and owner are all a refusal needs.
  let query = selectRecords(dynamic(trx), storage, { only: new Set() });
  for (const field of fields) query = query.where(condition(scene, field, values[field.name]));
  if (ownId !== undefined) query = query.where(sql<boolean>`${CRMID_REF} <> ${ownId}`);
  const base = storage.module.baseTable;
  if (
    CONVERTIBLE_MODULES.has(storage.module.name) &&
    storage.tables[0]?.info.columns.has("converted")
  ) {
    query = query.where(sql<boolean>`${sql.id(base, "converted")} = 0`);
  }
  const found = await query.limit(1).executeTakeFirst();
  if (found === undefined) return;
  const owner = Number(found[OWNER_ALIAS]);
  const visible = context.readScope === undefined || scopeIncludes(context.readScope, owner);
  throw duplicateRecord(storage.module, fields, visible ? Number(found[ID_ALIAS]) : undefined);
}

/** Refuses a create or an update that would duplicate a live record's unique fields. */
export const uniqueValues: ModuleWriteBehaviour = {
  name: "unique values",
  prepareCreate: (scene, values) => requireNoDuplicate(scene, values, undefined),
  prepareUpdate: (scene, values, before) =>
    requireNoDuplicate(scene, { ...before.record.values, ...values }, before.record.id),
};

/**
 * Rows of relation tables (tables with several rows per record, such as
 * `vtiger_seactivityrel`): a create adds one, and an update replaces the
 * record's rows with one, from the values given for the table, as Vtiger's
 * `save_module` does; no row is made when every value is PHP-empty.
 *
 * @module
 */

import { isPhpEmpty } from "../../../domain/history.ts";
import type { StorageTable } from "../catalog/module_storage.ts";
import type { DynamicDb } from "../database.ts";
import { type ColumnValue, fillRequiredColumns } from "./stored_values.ts";

/**
 * Inserts the record's row into a relation table from the given column
 * values, unless there are none or every one is PHP-empty.
 */
export async function insertRelationRow(
  db: DynamicDb,
  table: StorageTable,
  given: Readonly<Record<string, ColumnValue>> | undefined,
  id: number,
  now: string,
): Promise<void> {
  if (given === undefined || Object.values(given).every(isPhpEmpty)) return;
  const row = fillRequiredColumns(table.info, { ...given, [table.idColumn]: id }, now);
  await db.insertInto(table.name).values(row).execute();
}

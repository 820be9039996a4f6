/**
 * The values Vtiger's save puts in a record's columns: what a client gave,
 * converted for the column, and for a field left empty the value Vtiger's
 * `CRMEntity::get_column_value` and `insertIntoEntityTable` fall back to.
 *
 * @module
 */

import { emptyFieldValue } from "../../../domain/empty_value.ts";
import { type FieldDefinition, isRecordReference } from "../../../domain/field.ts";
import type { ModuleStorage, StorageTable } from "../catalog/module_storage.ts";
import { nullWhenEmpty } from "../catalog/write_rules.ts";
import {
  type ColumnInfo,
  isNumericColumn,
  isTemporalColumn,
  type TableInfo,
} from "../catalog/schema_reader.ts";

/** A value bound into an INSERT or UPDATE. */
export type ColumnValue = string | number | null;

/** Display types Vtiger's create writes (2 and 5 are left to the column default). */
const CREATE_DISPLAY_TYPES: ReadonlySet<number> = new Set([1, 3, 4, 6]);

/** The column of a field, when known. */
export function columnOf(table: TableInfo, field: FieldDefinition): ColumnInfo | undefined {
  return table.columns.get(field.column);
}

/** The value stored for a field left empty. */
export function emptyValue(field: FieldDefinition, column: ColumnInfo | undefined): ColumnValue {
  // A reference with no record in a column a foreign key guards can only be NULL (Vtiger's
  // rows hold NULL there: 0 would name no row and the insert would fail).
  if (column?.foreignKey === true && column.nullable && isRecordReference(field)) return null;
  const byField = emptyFieldValue(field);
  // A checkbox, a document folder, a contact (uitypes 56, 26, 57): the value whatever the column.
  if (field.uitype === 56) return byField;
  if (field.uitype === 26 || field.uitype === 57) return Number(byField);
  if (byField === null || isTemporalColumn(column)) return null;
  if (byField === "0" || isNumericColumn(column)) return 0;
  return "";
}

/** The value stored for a field, from the (already checked) client text. */
export function storedValue(
  field: FieldDefinition,
  column: ColumnInfo | undefined,
  text: string | undefined,
): ColumnValue {
  if (text === undefined || text === "") return emptyValue(field, column);
  if (field.uitype === 56) return text === "1" || text.toLowerCase() === "on" ? "1" : "0";
  if (column?.dataType === "date") return text.slice(0, 10);
  return text;
}

/**
 * The value stored for a field of the module: {@linkcode storedValue}, except
 * for the columns a module's own `get_column_value` leaves NULL when empty
 * (`write_rules.ts`).
 */
function storedValueIn(
  storage: ModuleStorage,
  field: FieldDefinition,
  column: ColumnInfo | undefined,
  text: string | undefined,
): ColumnValue {
  if ((text === undefined || text === "") && nullWhenEmpty(storage.module.name, field.column)) {
    return null;
  }
  return storedValue(field, column, text);
}

/** The zero value written to a NOT NULL column without default that no field fills. */
function requiredFiller(column: ColumnInfo, now: string): ColumnValue {
  if (isNumericColumn(column)) return 0;
  if (column.dataType === "date") return now.slice(0, 10);
  if (column.dataType === "time") return now.slice(11);
  if (isTemporalColumn(column)) return now;
  return "";
}

/** Adds a value to every NOT NULL column without default that `row` leaves out. */
export function fillRequiredColumns(
  table: TableInfo,
  row: Record<string, ColumnValue>,
  now: string,
): Record<string, ColumnValue> {
  for (const [name, column] of table.columns) {
    if (!column.nullable && !column.hasDefault && !Object.hasOwn(row, name)) {
      row[name] = requiredFiller(column, now);
    }
  }
  return row;
}

/** The module's fields stored on a table, first field per column. */
export function fieldsOnTable(storage: ModuleStorage, table: string): FieldDefinition[] {
  const seen = new Set<string>();
  return storage.module.fields.filter((field) => {
    if (field.table !== table || seen.has(field.column)) return false;
    seen.add(field.column);
    return true;
  });
}

/**
 * The row a create inserts into a single-row record table: the id, then
 * every field Vtiger's create writes (given or its empty value).
 */
export function creationRow(
  storage: ModuleStorage,
  table: StorageTable,
  values: Readonly<Record<string, string>>,
  id: number,
  now: string,
): Record<string, ColumnValue> {
  const row: Record<string, ColumnValue> = { [table.idColumn]: id };
  for (const field of fieldsOnTable(storage, table.name)) {
    if (!CREATE_DISPLAY_TYPES.has(field.displayType) && !Object.hasOwn(values, field.name)) {
      continue;
    }
    if (field.column === table.idColumn) continue;
    row[field.column] = storedValueIn(
      storage,
      field,
      columnOf(table.info, field),
      values[field.name],
    );
  }
  return fillRequiredColumns(table.info, row, now);
}

/** The given fields stored on a table, as column values (`undefined` when none). */
export function givenColumns(
  storage: ModuleStorage,
  table: string,
  info: TableInfo,
  values: Readonly<Record<string, string>>,
): Record<string, ColumnValue> | undefined {
  const row: Record<string, ColumnValue> = {};
  for (const field of fieldsOnTable(storage, table)) {
    if (!Object.hasOwn(values, field.name)) continue;
    row[field.column] = storedValueIn(storage, field, columnOf(info, field), values[field.name]);
  }
  return Object.keys(row).length === 0 ? undefined : row;
}

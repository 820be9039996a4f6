/**
 * Resolving the column names clients use in `criteria` and `order` against a
 * module's whitelist of columns.
 *
 * One rule decides what may be queried: a column is queryable only when the
 * caller sees, in the records themselves, everything its value is made of.
 * A field's column is made of that field; `vtiger_crmentity.label` of every
 * label field (`vtiger_entityname`); the record tables' id columns of the
 * record id, which every record shows. Any other bookkeeping column of
 * `vtiger_crmentity` (`smownerid`, `smcreatorid`, `modifiedby`, `createdtime`,
 * `modifiedtime`, `description`) is queryable exactly when a field the caller
 * sees is stored in it, and is then that field. Otherwise filtering or sorting
 * on it would recover, letter by letter, a value the caller may not read.
 * Where a Vtiger 8 fork keeps such a field on the module's own table instead
 * (F-RevoCRM), the `vtiger_crmentity` column names that field there.
 *
 * @module
 */

import { invalidParameter } from "./errors.ts";
import { excerpt } from "./excerpt.ts";
import type { FieldDefinition } from "./field.ts";
import { CRMENTITY_TABLE, type ModuleDefinition } from "./module.ts";

/** The `vtiger_crmentity` column holding the record's label, made of its label fields. */
export const LABEL_COLUMN = "label";

/** The alias the original PHP client uses for `vtiger_crmentity`. */
const CRMENTITY_ALIAS = "ce";

/** A column a client may query, resolved against a module. */
export interface ColumnRef {
  /** The table, always one of the module's record tables. */
  readonly table: string;
  /** The column of that table. */
  readonly column: string;
  /** The field stored in that column, when there is one. */
  readonly field?: FieldDefinition;
}

/**
 * Whether the caller sees every field the stored label is made of: only then
 * may `vtiger_crmentity.label` be filtered or sorted on.
 */
export function labelIsVisible(
  module: ModuleDefinition,
  fields: readonly FieldDefinition[],
): boolean {
  return module.labelFields.length > 0 &&
    module.labelFields.every((name) => fields.some((field) => field.name === name));
}

/**
 * Resolves `table.column`, `CE.column` or a plain field name against the
 * module's fields. Only fields listed in `fields` (the ones the caller may
 * see), the record tables' id columns and, when every label field is among
 * `fields`, `vtiger_crmentity.label` are allowed.
 */
export function resolveColumn(
  module: ModuleDefinition,
  fields: readonly FieldDefinition[],
  name: string,
): ColumnRef {
  const text = name.trim();
  const dot = text.indexOf(".");
  if (dot === -1) {
    const field = fields.find((candidate) => candidate.name === text && candidate.onRecordTable);
    if (field === undefined) {
      throw invalidParameter(
        `Column '${excerpt(text)}' is not a field you can query in module ${module.name}`,
      );
    }
    return { table: field.table, column: field.column, field };
  }
  const prefix = text.slice(0, dot);
  const column = text.slice(dot + 1);
  const table = prefix.toLowerCase() === CRMENTITY_ALIAS ? CRMENTITY_TABLE : prefix;
  if (!Object.hasOwn(module.recordTables, table)) {
    throw invalidParameter(`Table '${excerpt(prefix)}' is not a table of module ${module.name}`);
  }
  const field = fields.find((candidate) =>
    candidate.table === table && candidate.column === column && candidate.onRecordTable
  );
  if (field !== undefined) return { table, column, field };
  const storesAField = module.fields.some((candidate) =>
    candidate.table === table && candidate.column === column
  );
  const moved = table === CRMENTITY_TABLE && !storesAField
    ? movedHeaderField(module, fields, column)
    : undefined;
  if (moved !== undefined) return { table: moved.table, column: moved.column, field: moved };
  // `table` is one of the module's own tables (checked above), never an inherited name.
  const isIdColumn = column === module.recordTables[table] && !storesAField;
  const isVisibleLabel = table === CRMENTITY_TABLE && column === LABEL_COLUMN &&
    labelIsVisible(module, fields);
  if (isIdColumn || isVisibleLabel) return { table, column };
  throw invalidParameter(
    `Column '${excerpt(text)}' is not a column you can query in module ${module.name}`,
  );
}

/**
 * The record header columns of `vtiger_crmentity` that a Vtiger 8 fork may
 * store a field's value in on the module's own table instead.
 */
const HEADER_COLUMNS: ReadonlySet<string> = new Set([
  "smownerid",
  "smcreatorid",
  "modifiedby",
  "createdtime",
  "modifiedtime",
  "description",
]);

/**
 * The visible field a header column of `vtiger_crmentity` names when the
 * module keeps that field on one of its own tables. F-RevoCRM 8 copies the
 * record header (owner, creator, times, description) into each module's base
 * table, writes both copies alike, and declares the fields on the module's
 * table, so `CE.createdtime`, the original PHP client's default order, means
 * the module's `createdtime` field there; it is queryable exactly when that
 * field is visible, as on Vtiger 7.
 */
function movedHeaderField(
  module: ModuleDefinition,
  fields: readonly FieldDefinition[],
  column: string,
): FieldDefinition | undefined {
  if (!HEADER_COLUMNS.has(column)) return undefined;
  return fields.find((candidate) =>
    candidate.column === column && candidate.onRecordTable &&
    candidate.table !== CRMENTITY_TABLE && Object.hasOwn(module.recordTables, candidate.table)
  );
}

/** The longest text, in characters, a list may be sorted on. */
export const MAX_SORTABLE_TEXT_LENGTH = 255;

/** Uitypes of long text (text areas, multi-select picklists), whatever their column's length. */
const LONG_TEXT_UITYPES: ReadonlySet<number> = new Set([19, 20, 21, 24, 33]);

/**
 * Whether a list may be sorted on the column: the record ids, the label and
 * every field but long text. Sorting carries each matching row's key through
 * the sort; a key of up to 255 characters (or a number, a date) keeps that
 * cheap, and such columns are the ones Vtiger indexes, while sorting on a
 * long text (a description) is costly and orders nothing a client needs.
 */
export function isSortable(column: ColumnRef): boolean {
  const field = column.field;
  if (field === undefined) return true;
  return field.maxLength === undefined
    ? !LONG_TEXT_UITYPES.has(field.uitype)
    : field.maxLength <= MAX_SORTABLE_TEXT_LENGTH;
}

/** Returns the column, or throws `INVALID_PARAMETER` when a list cannot be sorted on it. */
export function requireSortable(column: ColumnRef): ColumnRef {
  if (isSortable(column)) return column;
  throw invalidParameter(
    `Column '${column.field?.name ?? column.column}' cannot be sorted on: a list sorts on ids, ` +
      `numbers, dates and text of at most ${MAX_SORTABLE_TEXT_LENGTH} characters`,
  );
}

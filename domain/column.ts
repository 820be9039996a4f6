/**
 * Resolving the column names clients use in `criteria` and `order` against a
 * module's whitelist of columns.
 *
 * @module
 */

import { invalidParameter } from "./errors.ts";
import { excerpt } from "./excerpt.ts";
import type { FieldDefinition } from "./field.ts";
import { CRMENTITY_TABLE, type ModuleDefinition } from "./module.ts";

/** `vtiger_crmentity` columns that may be filtered or sorted on besides the module's fields. */
export const CRMENTITY_QUERY_COLUMNS: readonly string[] = [
  "crmid",
  "smcreatorid",
  "smownerid",
  "modifiedby",
  "createdtime",
  "modifiedtime",
  "label",
  "description",
];

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
 * Resolves `table.column`, `CE.column` or a plain field name against the
 * module's fields. Only fields listed in `fields` (the ones the caller may see)
 * and the record tables' id and bookkeeping columns are allowed.
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
  const idColumn = module.recordTables[table];
  const field = fields.find((candidate) =>
    candidate.table === table && candidate.column === column && candidate.onRecordTable
  );
  if (field !== undefined) return { table, column, field };
  const isBookkeeping = table === CRMENTITY_TABLE && CRMENTITY_QUERY_COLUMNS.includes(column);
  const hiddenField = module.fields.some((candidate) =>
    candidate.table === table && candidate.column === column
  );
  if ((column === idColumn || isBookkeeping) && !hiddenField) return { table, column };
  throw invalidParameter(
    `Column '${excerpt(text)}' is not a column you can query in module ${module.name}`,
  );
}

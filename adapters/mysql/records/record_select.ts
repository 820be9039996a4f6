/**
 * The SELECT every read starts from: `vtiger_crmentity` joined to the
 * module's record tables, live records of the module only, one row per
 * record. Tables with one row per record are joined; a table that may hold
 * several rows per record (relation tables such as `vtiger_seactivityrel`)
 * is read through a scalar subquery taking its first row, as Vtiger's
 * retrieve takes the first row of its join.
 *
 * Each column is aliased with its field name, so that the driver's row
 * object is the record's values as they are. The SELECT that reads a record
 * by id or a page of records ({@linkcode recordSelect}) is compiled once per
 * module, field selection and metadata version (a new metadata load makes
 * new {@linkcode ModuleStorage} objects), not per request: building and
 * compiling its 40-odd columns with Kysely cost more than the database's
 * answer.
 *
 * Every identifier comes from metadata and is quoted by Kysely; values are
 * always bound.
 *
 * @module
 */

import { sendPrepared } from "../prepared_statements.ts";
import { type Expression, type RawBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { FieldDefinition } from "../../../domain/field.ts";
import { CRMENTITY_TABLE } from "../../../domain/module.ts";
import type { StoredRecord } from "../../../domain/record.ts";
import type { ModuleStorage } from "../catalog/module_storage.ts";
import { TASK_ACTIVITY_TYPE } from "../catalog/module_storage.ts";
import type { DynamicDb } from "../database.ts";
import type { DynamicTables } from "../schema_types.ts";

/** A SELECT over the dynamic tables of a module. */
export type RecordQuery = SelectQueryBuilder<DynamicTables, string, Record<string, unknown>>;

/** The alias of the crmid in a record row (no field name starts with `__`). */
export const ID_ALIAS = "__crmid";
/** The alias of the owner in a record row. */
export const OWNER_ALIAS = "__owner";
/** The alias of the stored label in a record row. */
export const LABEL_ALIAS = "__label";

/** `vtiger_crmentity.crmid`, the key every record table joins on. */
export const CRMID_REF: RawBuilder<unknown> = sql.id(CRMENTITY_TABLE, "crmid");

/**
 * The expression reading `table.column` of the module's record: the column
 * itself for `vtiger_crmentity` and single-row tables, the first row's value
 * for tables with several rows per record.
 */
export function columnExpression(
  storage: ModuleStorage,
  table: string,
  column: string,
): RawBuilder<unknown> {
  const multi = storage.tables.find((candidate) =>
    candidate.name === table && !candidate.singleRow
  );
  if (multi === undefined) return sql.id(table, column);
  return sql`(SELECT ${sql.id(table, column)} FROM ${sql.table(table)} WHERE ${
    sql.id(table, multi.idColumn)
  } = ${CRMID_REF} LIMIT 1)`;
}

/**
 * The conditions that make a row a live record of the module (not deleted,
 * right setype), or with `withDeleted` any record of it.
 */
export function liveRecordConditions(
  storage: ModuleStorage,
  withDeleted = false,
): Expression<boolean>[] {
  const conditions: Expression<boolean>[] = [
    sql<boolean>`${sql.id(CRMENTITY_TABLE, "setype")} = ${storage.setype}`,
  ];
  if (!withDeleted) conditions.unshift(sql<boolean>`${sql.id(CRMENTITY_TABLE, "deleted")} = 0`);
  if (storage.activityKind !== undefined) {
    const type = sql.id(storage.module.baseTable, "activitytype");
    conditions.push(
      storage.activityKind === "task"
        ? sql<boolean>`${type} = ${TASK_ACTIVITY_TYPE}`
        : sql<boolean>`${type} <> ${TASK_ACTIVITY_TYPE}`,
    );
  }
  return conditions;
}

/** The tables the live-record conditions read besides `vtiger_crmentity`. */
export function liveRecordTables(storage: ModuleStorage): string[] {
  return storage.activityKind === undefined ? [] : [storage.module.baseTable];
}

/** The fields a SELECT reads: those on record tables, or of them only those in `only`. */
function selectedFields(storage: ModuleStorage, only?: ReadonlySet<string>): FieldDefinition[] {
  return storage.module.fields.filter((field) =>
    field.onRecordTable && (only === undefined || only.has(field.name))
  );
}

/** The columns of a record row: crmid, owner and label, then each field under its name. */
function recordColumns(storage: ModuleStorage, fields: readonly FieldDefinition[]) {
  return [
    CRMID_REF.as(ID_ALIAS),
    sql.id(CRMENTITY_TABLE, "smownerid").as(OWNER_ALIAS),
    sql.id(CRMENTITY_TABLE, "label").as(LABEL_ALIAS),
    ...fields.map((field) => columnExpression(storage, field.table, field.column).as(field.name)),
  ];
}

/** What {@linkcode selectRecords} reads. */
export interface SelectOptions {
  /** Only these fields (a client's field selection); absent: every field. */
  readonly only?: ReadonlySet<string>;
  /** Deleted records too (a sync); absent: live records only. */
  readonly withDeleted?: boolean;
}

/**
 * Starts a SELECT of the module's live records with every field value it can
 * read, or as `options` say, to be refined with Kysely (counts, syncs).
 */
export function selectRecords(
  db: DynamicDb,
  storage: ModuleStorage,
  options: SelectOptions = {},
): RecordQuery {
  let query = db.selectFrom(CRMENTITY_TABLE) as unknown as RecordQuery;
  for (const table of storage.tables) {
    if (!table.singleRow) continue;
    const on = `${table.name}.${table.idColumn}`;
    query = table.name === storage.module.baseTable
      ? query.innerJoin(table.name, (join) => join.onRef(on, "=", `${CRMENTITY_TABLE}.crmid`))
      : query.leftJoin(table.name, (join) => join.onRef(on, "=", `${CRMENTITY_TABLE}.crmid`));
  }
  query = query.select(recordColumns(storage, selectedFields(storage, options.only)));
  for (const condition of liveRecordConditions(storage, options.withDeleted)) {
    query = query.where(condition);
  }
  return query;
}

/**
 * `FROM vtiger_crmentity` and the joins of the record tables: the base table
 * inner joined (a record has its row there) and the other single-row tables
 * left joined; with `only`, just the tables it names; with `crmentityIndex`,
 * `vtiger_crmentity` read through that index.
 */
export function recordTablesSql(
  storage: ModuleStorage,
  only?: ReadonlySet<string>,
  crmentityIndex?: string,
): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [
    crmentityIndex === undefined
      ? sql`from ${sql.table(CRMENTITY_TABLE)}`
      : sql`from ${sql.table(CRMENTITY_TABLE)} force index (${sql.id(crmentityIndex)})`,
  ];
  for (const table of storage.tables) {
    if (!table.singleRow || (only !== undefined && !only.has(table.name))) continue;
    const on = sql`${sql.id(table.name, table.idColumn)} = ${CRMID_REF}`;
    parts.push(
      table.name === storage.module.baseTable
        ? sql`inner join ${sql.table(table.name)} on ${on}`
        : sql`left join ${sql.table(table.name)} on ${on}`,
    );
  }
  return sql.join(parts, sql` `);
}

/** A piece of SQL compiled to text with `?` placeholders, and its bound values. */
export interface SqlText {
  /** The text. */
  readonly sql: string;
  /** The values of its placeholders, in order. */
  readonly parameters: readonly unknown[];
}

/** The module's record SELECT for one field selection, compiled. */
export interface RecordSelect {
  /** `select <bookkeeping and the fields> from vtiger_crmentity <joins>`: no placeholders. */
  readonly selectFrom: string;
  /** One live record by crmid, whose value is the last parameter, and the same with a row lock. */
  readonly byId: { readonly plain: SqlText; readonly locked: SqlText };
  /** Turns a row of this SELECT into a stored record; the row object becomes its values. */
  readonly toRecordRow: (row: Record<string, unknown>) => RecordRow;
}

/** Field selections kept per module and metadata version (clients choose them). */
const SELECTIONS_PER_MODULE = 64;

const compiledSelects = new WeakMap<ModuleStorage, Map<string, RecordSelect>>();

/**
 * The record SELECT of the module (of the `only` fields, when given),
 * compiled on first use for this metadata version.
 */
export function recordSelect(
  db: DynamicDb,
  storage: ModuleStorage,
  only?: ReadonlySet<string>,
): RecordSelect {
  let selects = compiledSelects.get(storage);
  if (selects === undefined) {
    selects = new Map();
    compiledSelects.set(storage, selects);
  }
  const fields = selectedFields(storage, only);
  const key = only === undefined ? "" : `=${fields.map((field) => field.name).join(",")}`;
  let found = selects.get(key);
  if (found === undefined) {
    if (selects.size >= SELECTIONS_PER_MODULE) selects.clear();
    found = compileRecordSelect(db, storage, fields);
    selects.set(key, found);
  }
  return found;
}

function compileRecordSelect(
  db: DynamicDb,
  storage: ModuleStorage,
  fields: readonly FieldDefinition[],
): RecordSelect {
  const selectFrom = sql`select ${sql.join(recordColumns(storage, fields))} ${
    recordTablesSql(storage)
  }`.compile(db);
  if (selectFrom.parameters.length !== 0) {
    throw new Error(`The record SELECT of ${storage.module.name} binds values`);
  }
  const byId = sql`${sql.raw(selectFrom.sql)} where ${
    sql.join(liveRecordConditions(storage), sql` and `)
  } and ${CRMID_REF} = ${0} limit 1`.compile(db);
  sendPrepared(byId.sql);
  return {
    selectFrom: selectFrom.sql,
    byId: {
      plain: { sql: byId.sql, parameters: byId.parameters },
      locked: { sql: `${byId.sql} for update`, parameters: byId.parameters },
    },
    toRecordRow: recordRowReader(fields.map((field) => field.name)),
  };
}

/** A database value as the protocol's text (`null` stays `null`). */
export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return String(value);
}

/** A record read by the record SELECT, and the label stored for it. */
export interface RecordRow {
  /** The record. */
  readonly record: StoredRecord;
  /** `vtiger_crmentity.label` (`""` for NULL). */
  readonly label: string;
}

/**
 * Reads rows whose columns are aliased by field name: the values the driver
 * did not give as text (integers, binary) become text in place, and the row
 * itself is the record's values (its `__` bookkeeping aliases are no field's
 * name, so nothing reads them as one). No copy per row: a page of a hundred
 * 45-field records makes no garbage beyond the driver's own rows.
 *
 * Generated once per field selection, each field read by its literal name:
 * a loop over the names read `row[name]` by a key that changes each step,
 * which V8 cannot specialise (a hundred 45-field rows: 39-55 us in a loop,
 * 25 us generated). The names are quoted with `JSON.stringify`, so a name
 * can only ever be a string key, never code.
 */
function recordRowReader(names: readonly string[]): (row: Record<string, unknown>) => RecordRow {
  const conversions = names.map((name) => {
    const key = JSON.stringify(name);
    return `  value = row[${key}];
  if (value !== null && value !== undefined && typeof value !== "string") row[${key}] = toText(value);`;
  });
  const source = `"use strict";
return function readRecordRow(row) {
  let value;
${conversions.join("\n")}
  return {
    record: {
      id: Number(row[${JSON.stringify(ID_ALIAS)}]),
      ownerId: Number(row[${JSON.stringify(OWNER_ALIAS)}]),
      values: row,
    },
    label: toText(row[${JSON.stringify(LABEL_ALIAS)}]) ?? "",
  };
};`;
  return new Function("toText", source)(toText) as (row: Record<string, unknown>) => RecordRow;
}

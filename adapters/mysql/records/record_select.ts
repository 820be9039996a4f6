/**
 * The SELECT every read starts from: `vtiger_crmentity` joined to the
 * module's record tables, live records of the module only, one row per
 * record. Tables with one row per record are joined; a table that may hold
 * several rows per record (relation tables such as `vtiger_seactivityrel`)
 * is read through a scalar subquery taking its first row, as Vtiger's
 * retrieve takes the first row of its join.
 *
 * Every identifier comes from metadata and is quoted by Kysely; values are
 * always bound.
 *
 * @module
 */

import { type Expression, type RawBuilder, type SelectQueryBuilder, sql } from "kysely";
import { CRMENTITY_TABLE } from "../../../domain/module.ts";
import type { StoredRecord } from "../../../domain/record.ts";
import type { ModuleStorage } from "../catalog/module_storage.ts";
import { TASK_ACTIVITY_TYPE } from "../catalog/module_storage.ts";
import type { DynamicDb } from "../database.ts";
import type { DynamicTables } from "../schema_types.ts";

/** A SELECT over the dynamic tables of a module. */
export type RecordQuery = SelectQueryBuilder<DynamicTables, string, Record<string, unknown>>;

/** The alias of the crmid in a record row. */
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

/** The alias of a field's value in a record row. */
function fieldAlias(index: number): string {
  return `f${index}`;
}

/**
 * The conditions that make a row a live record of the module (not deleted,
 * right setype), or with `withDeleted` any record of it.
 */
function liveRecordConditions(storage: ModuleStorage, withDeleted = false): Expression<unknown>[] {
  const conditions: Expression<unknown>[] = [
    sql`${sql.id(CRMENTITY_TABLE, "setype")} = ${storage.setype}`,
  ];
  if (!withDeleted) conditions.unshift(sql`${sql.id(CRMENTITY_TABLE, "deleted")} = 0`);
  if (storage.activityKind !== undefined) {
    const type = sql.id(storage.module.baseTable, "activitytype");
    conditions.push(
      storage.activityKind === "task"
        ? sql`${type} = ${TASK_ACTIVITY_TYPE}`
        : sql`${type} <> ${TASK_ACTIVITY_TYPE}`,
    );
  }
  return conditions;
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
 * read, or as `options` say.
 */
export function selectRecords(
  db: DynamicDb,
  storage: ModuleStorage,
  options: SelectOptions = {},
): RecordQuery {
  const { only } = options;
  let query = db.selectFrom(CRMENTITY_TABLE) as unknown as RecordQuery;
  for (const table of storage.tables) {
    if (!table.singleRow) continue;
    const on = `${table.name}.${table.idColumn}`;
    query = table.name === storage.module.baseTable
      ? query.innerJoin(table.name, (join) => join.onRef(on, "=", `${CRMENTITY_TABLE}.crmid`))
      : query.leftJoin(table.name, (join) => join.onRef(on, "=", `${CRMENTITY_TABLE}.crmid`));
  }
  query = query.select([
    CRMID_REF.as(ID_ALIAS),
    sql.id(CRMENTITY_TABLE, "smownerid").as(OWNER_ALIAS),
    sql.id(CRMENTITY_TABLE, "label").as(LABEL_ALIAS),
  ]);
  storage.module.fields.forEach((field, index) => {
    if (!field.onRecordTable || (only !== undefined && !only.has(field.name))) return;
    query = query.select(
      columnExpression(storage, field.table, field.column).as(fieldAlias(index)),
    );
  });
  for (const condition of liveRecordConditions(storage, options.withDeleted)) {
    query = query.where(condition as Expression<boolean>);
  }
  return query;
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

/** A record read by {@linkcode selectRecords}, and the label stored for it. */
export interface RecordRow {
  /** The record. */
  readonly record: StoredRecord;
  /** `vtiger_crmentity.label` (`""` for NULL). */
  readonly label: string;
}

/** A row of {@linkcode selectRecords} as a stored record, with its stored label. */
export function toStoredRecord(
  storage: ModuleStorage,
  row: Readonly<Record<string, unknown>>,
): RecordRow {
  const values: Record<string, string | null> = {};
  storage.module.fields.forEach((field, index) => {
    const alias = fieldAlias(index);
    if (field.onRecordTable && Object.hasOwn(row, alias)) values[field.name] = toText(row[alias]);
  });
  return {
    record: { id: Number(row[ID_ALIAS]), ownerId: Number(row[OWNER_ALIAS]), values },
    label: toText(row[LABEL_ALIAS]) ?? "",
  };
}

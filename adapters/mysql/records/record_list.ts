/**
 * One page of a module's records in one SQL statement: the validated
 * criteria as bound conditions, the permission scope, the order with the
 * crmid as tie-breaker and LIMIT/OFFSET choose the page's ids; the record
 * SELECT reads their fields. Counts use the same filter.
 *
 * @module
 */

import { type CompiledQuery, type Expression, type RawBuilder, sql } from "kysely";
import type { Condition, OrderTerm } from "../../../domain/criteria.ts";
import { isNumericKind, type ValueKind } from "../../../domain/value_kind.ts";
import type { CountQuery, ListQuery } from "../../../domain/ports.ts";
import type { StoredRecord } from "../../../domain/record.ts";
import type { ModuleStorage } from "../catalog/module_storage.ts";
import { comparableText, type DynamicDb } from "../database.ts";
import { listScopeConditions, type StoredParentScope } from "./list_scope.ts";
import { relatedCondition } from "./related_condition.ts";
import {
  columnExpression,
  CRMID_REF,
  liveRecordConditions,
  liveRecordTables,
  recordSelect,
  recordTablesSql,
} from "./record_select.ts";

/**
 * The value bound for a condition: numbers as numbers, so that MySQL compares
 * numerically whatever the column's SQL type; text through
 * {@linkcode comparableText}. `like` values are SQL LIKE patterns as the
 * client wrote them.
 */
function boundValue(condition: Condition): unknown {
  if (condition.operator !== "like" && isNumericKind(condition.kind)) {
    return Number(condition.value);
  }
  return comparableText(condition.value);
}

/** `IS NULL`, or for a text column also `= ''`: what an empty criteria value asks for. */
function emptySql(
  column: RawBuilder<unknown>,
  kind: ValueKind,
  negated: boolean,
): RawBuilder<boolean> {
  const isText = kind === "text" || kind === "email";
  if (negated) {
    return isText
      ? sql<boolean>`(${column} IS NOT NULL AND ${column} <> '')`
      : sql<boolean>`${column} IS NOT NULL`;
  }
  return isText
    ? sql<boolean>`(${column} IS NULL OR ${column} = '')`
    : sql<boolean>`${column} IS NULL`;
}

/** One condition on one column as SQL, its value bound (the rules: `domain/criteria.ts`). */
function columnConditionSql(
  column: RawBuilder<unknown>,
  condition: Condition,
): RawBuilder<boolean> {
  const value = boundValue(condition);
  switch (condition.operator) {
    case "eq":
      return condition.value === ""
        ? emptySql(column, condition.kind, false)
        : sql<boolean>`${column} = ${value}`;
    case "neq":
      return condition.value === ""
        ? emptySql(column, condition.kind, true)
        : sql<boolean>`(${column} IS NULL OR ${column} <> ${value})`;
    case "lt":
      return sql<boolean>`${column} < ${value}`;
    case "gt":
      return sql<boolean>`${column} > ${value}`;
    case "lte":
      return sql<boolean>`${column} <= ${value}`;
    case "gte":
      return sql<boolean>`${column} >= ${value}`;
    case "like":
      return sql<boolean>`${column} LIKE ${value}`;
  }
}

/**
 * One condition as SQL. A column of a table with several rows per record
 * (an invoice's line items, an activity's contacts) matches when any of the
 * record's rows does; `neq` then means that none does, and an empty value
 * that the record has no non-empty value there.
 */
function conditionSql(storage: ModuleStorage, condition: Condition): Expression<boolean> {
  const { table, column } = condition.column;
  const multi = storage.tables.find((candidate) =>
    candidate.name === table && !candidate.singleRow
  );
  if (multi === undefined) {
    return columnConditionSql(columnExpression(storage, table, column), condition);
  }
  const rowColumn = sql.id(multi.name, column);
  const anyRow = (predicate: RawBuilder<boolean>) =>
    sql<boolean>`EXISTS (SELECT 1 FROM ${sql.table(multi.name)} WHERE ${
      sql.id(multi.name, multi.idColumn)
    } = ${CRMID_REF} AND ${predicate})`;
  const nonEmpty = emptySql(rowColumn, condition.kind, true);
  if (condition.operator === "neq") {
    return condition.value === ""
      ? anyRow(nonEmpty)
      : sql<boolean>`NOT ${anyRow(sql<boolean>`${rowColumn} = ${boundValue(condition)}`)}`;
  }
  if (condition.operator === "eq" && condition.value === "") {
    return sql<boolean>`NOT ${anyRow(nonEmpty)}`;
  }
  return anyRow(columnConditionSql(rowColumn, condition));
}

function orderExpression(storage: ModuleStorage, term: OrderTerm): RawBuilder<unknown> {
  const column = columnExpression(storage, term.column.table, term.column.column);
  return term.direction === "DESC" ? sql`${column} DESC` : sql`${column} ASC`;
}

/** The alias of the page's ids, and of their derived table. */
const PAGE = "__page";
const PAGE_ID = "__page_id";

/** What chooses a list's or a count's records. */
type Filter = Pick<ListQuery, "conditions" | "scope" | "ids" | "relatedTo">;

/** How a list or count is scoped besides its query: resolved parents and the related record's module. */
export interface Scoping {
  /** The list's parent scope resolved (comments). */
  readonly parents?: StoredParentScope;
  /** The module of `relatedTo`'s record. */
  readonly relatedSource?: ModuleStorage;
  /** An index of `vtiger_crmentity` for deep plain pages (`scan_index.ts`). */
  readonly pageScanIndex?: string;
}

/** From this offset on, a plain page's ids are found through the page scan index. */
export const DEEP_PAGE_START = 10_000;

/**
 * The index to find the page's ids through, for a deep page in creation order
 * with nothing but the permission scope to filter by; `undefined` otherwise
 * (a shallow page stops after its first rows in crmid order, which the index
 * would not: it sorts every id it reads).
 */
function pageScanIndexFor(storage: ModuleStorage, query: ListQuery, scoping: Scoping) {
  const plain = query.conditions.length === 0 && query.order.length === 0 &&
    query.ids === undefined && query.relatedTo === undefined && scoping.parents === undefined &&
    storage.activityKind === undefined;
  return plain && query.start >= DEEP_PAGE_START ? scoping.pageScanIndex : undefined;
}

/**
 * The conditions of a list or count: live records of the module, related to
 * the given record, of the given ids, matching the criteria, within the
 * permission scope.
 */
function filterConditions(
  storage: ModuleStorage,
  query: Filter,
  scoping: Scoping,
): Expression<boolean>[] {
  const conditions = liveRecordConditions(storage);
  if (query.relatedTo !== undefined && scoping.relatedSource !== undefined) {
    conditions.push(relatedCondition(storage, scoping.relatedSource, query.relatedTo));
  }
  if (query.ids !== undefined) {
    const ids = query.ids.filter(Number.isSafeInteger);
    conditions.push(
      ids.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`${CRMID_REF} IN (${sql.join(ids)})`,
    );
  }
  for (const condition of query.conditions) conditions.push(conditionSql(storage, condition));
  conditions.push(...listScopeConditions(storage, query.scope, scoping.parents));
  return conditions;
}

/** `FROM` with the record tables the filter and the order read, joined, and nothing more. */
function narrowTables(
  storage: ModuleStorage,
  query: Filter & Partial<Pick<ListQuery, "order">>,
  scoping: Scoping,
  crmentityIndex?: string,
): RawBuilder<unknown> {
  return recordTablesSql(
    storage,
    new Set([
      ...liveRecordTables(storage),
      ...query.conditions.map((condition) => condition.column.table),
      ...(query.order ?? []).map((term) => term.column.table),
      ...(scoping.parents === undefined ? [] : [scoping.parents.table]),
    ]),
    crmentityIndex,
  );
}

function fieldSelection(query: ListQuery): ReadonlySet<string> | undefined {
  return query.fields === undefined ? undefined : new Set(query.fields);
}

/**
 * The page's statement. A page is found on ids first: the live records that
 * match the filter, sorted (crmid last), skipped and cut, joining only the
 * tables the filter and the order read, so that skipping 90,000 rows reads
 * 90,000 `vtiger_crmentity` rows (five times faster than whole records) and
 * sorting sorts ids, not whole records with their TEXT columns. Only the
 * page's ids are then joined to the record SELECT (of the chosen fields), in
 * the same order. One statement, as always.
 *
 * A `vtiger_crmentity` row without its base-table row (which Vtiger never
 * writes) is counted by the offset but, as the record SELECT inner joins the
 * base table, never returned.
 */
export function listStatement(
  db: DynamicDb,
  storage: ModuleStorage,
  query: ListQuery,
  scoping: Scoping = {},
): CompiledQuery<Record<string, unknown>> {
  const order = sql.join([
    ...query.order.map((term) => orderExpression(storage, term)),
    sql`${CRMID_REF} ASC`,
  ]);
  const ids = sql`select ${CRMID_REF} as ${sql.id(PAGE_ID)} ${
    narrowTables(storage, query, scoping, pageScanIndexFor(storage, query, scoping))
  } where ${
    sql.join(filterConditions(storage, query, scoping), sql` and `)
  } order by ${order} limit ${query.length} offset ${query.start}`;
  const select = recordSelect(db, storage, fieldSelection(query));
  const statement = sql`${sql.raw(select.selectFrom)} inner join (${ids}) as ${sql.id(PAGE)} on ${
    sql.id(PAGE, PAGE_ID)
  } = ${CRMID_REF} order by ${order}`;
  return statement.compile(db) as CompiledQuery<Record<string, unknown>>;
}

/** Reads one page of the module's live records matching the query, in one statement. */
export async function listRecords(
  db: DynamicDb,
  storage: ModuleStorage,
  query: ListQuery,
  scoping: Scoping = {},
): Promise<StoredRecord[]> {
  const statement = listStatement(db, storage, query, scoping);
  const result = await db.executeQuery(statement);
  const { toRecordRow } = recordSelect(db, storage, fieldSelection(query));
  return result.rows.map((row) => toRecordRow(row).record);
}

/** Counts the module's live records matching the query's conditions and permissions. */
export async function countRecords(
  db: DynamicDb,
  storage: ModuleStorage,
  query: CountQuery,
  parents?: StoredParentScope,
  relatedSource?: ModuleStorage,
): Promise<number> {
  const scoping = { parents, relatedSource };
  const result = await db.executeQuery(
    sql<{ total: number | string }>`select count(*) as ${sql.id("total")} ${
      narrowTables(storage, query, scoping)
    } where ${sql.join(filterConditions(storage, query, scoping), sql` and `)}`.compile(db),
  );
  return Number(result.rows[0]?.total ?? 0);
}

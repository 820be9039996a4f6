/**
 * One page of a module's records in one SQL statement: the record SELECT,
 * the validated criteria as bound conditions, the permission scope, the
 * order with the crmid as tie-breaker, and LIMIT/OFFSET.
 *
 * @module
 */

import { type Expression, type RawBuilder, sql } from "kysely";
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
  type RecordQuery,
  selectRecords,
  toStoredRecord,
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

/**
 * Adds the query's conditions, the permission scope (`parents`: the list's
 * parent scope resolved, for comments) and the order (crmid last) to the
 * record SELECT.
 */
export function applyListQuery(
  base: RecordQuery,
  storage: ModuleStorage,
  query: Pick<ListQuery, "conditions" | "order" | "scope" | "ids" | "relatedTo">,
  parents?: StoredParentScope,
  relatedSource?: ModuleStorage,
): RecordQuery {
  let statement = base;
  if (query.relatedTo !== undefined && relatedSource !== undefined) {
    statement = statement.where(relatedCondition(storage, relatedSource, query.relatedTo));
  }
  if (query.ids !== undefined) {
    const ids = query.ids.filter(Number.isSafeInteger);
    statement = statement.where(
      ids.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`${CRMID_REF} IN (${sql.join(ids)})`,
    );
  }
  for (const condition of query.conditions) {
    statement = statement.where(conditionSql(storage, condition));
  }
  for (const condition of listScopeConditions(storage, query.scope, parents)) {
    statement = statement.where(condition);
  }
  const terms = [
    ...query.order.map((term) => orderExpression(storage, term)),
    sql`${CRMID_REF} ASC`,
  ];
  return statement.orderBy(sql.join(terms));
}

/** Reads one page of the module's live records matching the query, in one statement. */
export async function listRecords(
  db: DynamicDb,
  storage: ModuleStorage,
  query: ListQuery,
  parents?: StoredParentScope,
  relatedSource?: ModuleStorage,
): Promise<StoredRecord[]> {
  const only = query.fields === undefined ? undefined : new Set(query.fields);
  const statement = applyListQuery(
    selectRecords(db, storage, { only }),
    storage,
    query,
    parents,
    relatedSource,
  )
    .limit(query.length).offset(query.start);
  const rows = await statement.execute();
  return rows.map((row) => toStoredRecord(storage, row).record);
}

/** Counts the module's live records matching the query's conditions and permissions. */
export async function countRecords(
  db: DynamicDb,
  storage: ModuleStorage,
  query: CountQuery,
  parents?: StoredParentScope,
  relatedSource?: ModuleStorage,
): Promise<number> {
  const filtered = applyListQuery(
    selectRecords(db, storage, { only: new Set() }),
    storage,
    { ...query, order: [] },
    parents,
    relatedSource,
  );
  const row = await filtered.clearSelect().clearOrderBy()
    .select(sql<number | string>`COUNT(*)`.as("total")).executeTakeFirst();
  return Number(row?.total ?? 0);
}

/**
 * The permission scope of a list, as conditions of its WHERE clause: the one
 * place where "which records may this user reach" becomes SQL — the owners
 * whose records the caller may read, and for records reachable only through
 * a parent (comments) the parents the caller may read — so that the list
 * statement, however it is built, applies both inside its single statement.
 *
 * @module
 */

import { type Expression, sql } from "kysely";
import { CRMENTITY_TABLE } from "../../../domain/module.ts";
import type { OwnerScope, ParentScope } from "../../../domain/privileges.ts";
import {
  type ActivityKind,
  type ModuleStorage,
  TASK_ACTIVITY_TYPE,
} from "../catalog/module_storage.ts";
import { columnExpression } from "./record_select.ts";

/** A module a parent may belong to, as the database tells its records apart, and whose records. */
export interface ParentTarget {
  /** `vtiger_crmentity.setype` of its records. */
  readonly setype: string;
  /** For Calendar (tasks) and Events: which activities. */
  readonly activityKind?: ActivityKind;
  /** Whose records of it the caller may read. */
  readonly scope: OwnerScope;
}

/** A {@linkcode ParentScope} with its modules resolved to how their records are stored. */
export interface StoredParentScope {
  /** The table of the column holding the parent's crmid. */
  readonly table: string;
  /** The column holding the parent's crmid. */
  readonly column: string;
  /** The parents' modules the caller may read. */
  readonly targets: readonly ParentTarget[];
}

/** The alias of the parent's `vtiger_crmentity` row inside the parent condition. */
const PARENT_ALIAS = "vtrest_parent";

/** Resolves the parent modules' storage; a module the database does not serve is left out. */
export async function storedParentScope(
  scope: ParentScope,
  storageOf: (moduleName: string) => Promise<ModuleStorage | undefined>,
): Promise<StoredParentScope> {
  const targets: ParentTarget[] = [];
  for (const [name, owners] of scope.readable) {
    const storage = await storageOf(name);
    if (storage === undefined) continue;
    targets.push({
      setype: storage.setype,
      ...(storage.activityKind === undefined ? {} : { activityKind: storage.activityKind }),
      scope: owners,
    });
  }
  return { table: scope.table, column: scope.column, targets };
}

/**
 * The condition limiting `table.smownerid` to the scope, or `undefined` when
 * the scope reaches every owner. An empty owner set reaches none.
 */
function ownerCondition(table: string, scope: OwnerScope): Expression<boolean> | undefined {
  if (scope.all) return undefined;
  const owners = [...scope.ownerIds].filter(Number.isSafeInteger);
  if (owners.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`${sql.id(table, "smownerid")} IN (${sql.join(owners)})`;
}

/** Whether the parent is an Events record (a Calendar record whose activity is not a task). */
function isEvent(): Expression<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM vtiger_activity WHERE vtiger_activity.activityid = ${
    sql.id(PARENT_ALIAS, "crmid")
  } AND vtiger_activity.activitytype <> ${TASK_ACTIVITY_TYPE})`;
}

function targetCondition(target: ParentTarget): Expression<boolean> {
  const parts: Expression<boolean>[] = [
    sql<boolean>`${sql.id(PARENT_ALIAS, "setype")} = ${target.setype}`,
  ];
  const owners = ownerCondition(PARENT_ALIAS, target.scope);
  if (owners !== undefined) parts.push(owners);
  if (target.activityKind === "event") parts.push(isEvent());
  if (target.activityKind === "task") parts.push(sql<boolean>`NOT ${isEvent()}`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * The condition that each record's parent is a live record the caller may
 * read, as `parentAllows` decides it for one record.
 */
export function parentCondition(
  storage: ModuleStorage,
  parents: StoredParentScope,
): Expression<boolean> {
  if (parents.targets.length === 0) return sql<boolean>`1 = 0`;
  const parentId = columnExpression(storage, parents.table, parents.column);
  const alias = sql.id(PARENT_ALIAS);
  return sql<boolean>`EXISTS (SELECT 1 FROM ${sql.table(CRMENTITY_TABLE)} AS ${alias} WHERE ${
    sql.id(PARENT_ALIAS, "crmid")
  } = ${parentId} AND ${sql.id(PARENT_ALIAS, "deleted")} = 0 AND (${
    sql.join(parents.targets.map(targetCondition), sql` OR `)
  }))`;
}

/** Every condition the caller's permissions put on a list of the module's records. */
export function listScopeConditions(
  storage: ModuleStorage,
  scope: OwnerScope,
  parents: StoredParentScope | undefined,
): Expression<boolean>[] {
  const conditions: Expression<boolean>[] = [];
  const owners = ownerCondition(CRMENTITY_TABLE, scope);
  if (owners !== undefined) conditions.push(owners);
  if (parents !== undefined) conditions.push(parentCondition(storage, parents));
  return conditions;
}

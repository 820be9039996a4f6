/**
 * The permission scope of a list, as a condition of its WHERE clause: the
 * one place where "which records may this user reach" becomes SQL, so that
 * richer scopes (groups, shared records) only change this file.
 *
 * @module
 */

import { type Expression, sql } from "kysely";
import { CRMENTITY_TABLE } from "../../../domain/module.ts";
import type { OwnerScope } from "../../../domain/privileges.ts";

/**
 * The condition limiting records to the scope, or `undefined` when the scope
 * reaches every record. An empty owner set reaches none.
 */
export function scopeCondition(scope: OwnerScope): Expression<boolean> | undefined {
  if (scope.all) return undefined;
  const owners = [...scope.ownerIds].filter(Number.isSafeInteger);
  if (owners.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`${sql.id(CRMENTITY_TABLE, "smownerid")} IN (${sql.join(owners)})`;
}

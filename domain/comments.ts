/**
 * ModComments privacy. Vtiger shows a comment only inside the record it
 * belongs to (`vtiger_modcomments.related_to`), so a comment is reachable
 * (listed, read, changed) only through a parent the caller may read. Vtiger's
 * own screens offer "Edit" on a comment to its author alone (the user in
 * `vtiger_modcomments.userid`) and delete no comment at all; here a comment
 * is changed or deleted by its author or an administrator only.
 *
 * @module
 */

import { type FieldDefinition, VTIGER_INT_MAX } from "./field.ts";
import { CRMENTITY_TABLE, type ModuleDefinition } from "./module.ts";
import {
  type ParentScope,
  type Privileges,
  readScopesOf,
  recordAccessDenied,
  type RecordVerb,
} from "./privileges.ts";
import type { StoredRecord } from "./record.ts";

/** The module of comments. */
export const COMMENTS_MODULE = "ModComments";

/** The table holding a comment's own columns. */
const COMMENTS_TABLE = "vtiger_modcomments";

/** The column naming the record a comment belongs to. */
const PARENT_COLUMN = "related_to";

/** The column Vtiger's comment screens fill with the commenting user. */
const AUTHOR_COLUMN = "userid";

/** The record's creator, the author of a comment made where `userid` stays empty. */
const CREATOR_COLUMN = "smcreatorid";

function fieldAt(module: ModuleDefinition, table: string, column: string) {
  return module.fields.find((field) => field.table === table && field.column === column);
}

/** A stored id as a number, or `undefined` for empty, `0` or anything not an id. */
function idValue(
  record: StoredRecord,
  field: FieldDefinition | undefined,
): number | undefined {
  const text = field === undefined ? undefined : record.values[field.name]?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const id = Number(text);
  return id >= 1 && id <= VTIGER_INT_MAX ? id : undefined;
}

/** Whether records of the module are comments, reachable only through their parent. */
export function isCommentsModule(module: ModuleDefinition): boolean {
  return module.name === COMMENTS_MODULE;
}

/**
 * The parents through which the caller may reach the module's records:
 * `undefined` when nothing limits them (not comments, or an administrator).
 * A parent must be a record of a module `related_to` may point to that the
 * caller may read; with `related_to` inactive, no comment is reachable.
 */
export function parentScopeOf(
  privileges: Privileges,
  module: ModuleDefinition,
): ParentScope | undefined {
  if (!isCommentsModule(module) || privileges.isAdmin) return undefined;
  const field = fieldAt(module, COMMENTS_TABLE, PARENT_COLUMN);
  return {
    table: COMMENTS_TABLE,
    column: PARENT_COLUMN,
    readable: readScopesOf(privileges, field?.referenceModules ?? []),
  };
}

/** The crmid of the record's parent under the scope, or `undefined` when it names none. */
export function parentIdOf(
  module: ModuleDefinition,
  scope: ParentScope,
  record: StoredRecord,
): number | undefined {
  return idValue(record, fieldAt(module, scope.table, scope.column));
}

/** A comment's author: `userid` when set, else the record's creator. */
export function commentAuthorId(
  module: ModuleDefinition,
  record: StoredRecord,
): number | undefined {
  return idValue(record, fieldAt(module, COMMENTS_TABLE, AUTHOR_COLUMN)) ??
    idValue(record, fieldAt(module, CRMENTITY_TABLE, CREATOR_COLUMN));
}

/**
 * Throws `ACCESS_DENIED` when the caller may not change or delete the record
 * because it is a comment of someone else (administrators may).
 */
export function requireCommentAuthor(
  privileges: Privileges,
  module: ModuleDefinition,
  record: StoredRecord,
  verb: Exclude<RecordVerb, "read">,
): void {
  if (!isCommentsModule(module) || privileges.isAdmin) return;
  if (commentAuthorId(module, record) !== privileges.userId) {
    throw recordAccessDenied(module.name, record.id, verb);
  }
}

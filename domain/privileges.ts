/**
 * A user's Vtiger privileges as a plain value, and the pure decisions made
 * from it. Adapters load the value (MySQL computes it from Vtiger's tables,
 * memory fabricates it); use cases only ask these functions.
 *
 * @module
 */

import { accessDenied, type DomainError } from "./errors.ts";
import type { FieldDefinition } from "./field.ts";
import type { ModuleDefinition } from "./module.ts";

/** What a call does to a module's records. */
export type RecordAction = "list" | "view" | "create" | "edit" | "delete";

/** The owners (users and groups) whose records a user may reach, or all of them. */
export type OwnerScope =
  | { readonly all: true }
  | { readonly all: false; readonly ownerIds: ReadonlySet<number> };

/** Reaches every record. */
export const ALL_OWNERS: OwnerScope = { all: true };

/** What a user may do in one module. */
export interface ModuleGrant {
  /** The actions the user's profiles allow on the module. */
  readonly actions: ReadonlySet<RecordAction>;
  /** Field names the user may not see. */
  readonly hiddenFields: ReadonlySet<string>;
  /** Field names the user may see but not write. */
  readonly readOnlyFields: ReadonlySet<string>;
  /** Whose records the user may read. */
  readonly read: OwnerScope;
  /** Whose records the user may edit. */
  readonly write: OwnerScope;
  /** Whose records the user may delete. */
  readonly remove: OwnerScope;
  /** For role-based picklists: the values the user's role may use, by field name. */
  readonly picklistValues: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Everything a user may do, computed once per user. */
export interface Privileges {
  /** The user. */
  readonly userId: number;
  /** Administrators bypass every rule. */
  readonly isAdmin: boolean;
  /** The user's id and the ids of the groups they belong to: owners a create may assign to. */
  readonly ownIds: ReadonlySet<number>;
  /** Grants by module name; a module missing here is not accessible. */
  readonly modules: ReadonlyMap<string, ModuleGrant>;
}

/** Every action. */
export const ALL_ACTIONS: ReadonlySet<RecordAction> = new Set<RecordAction>([
  "list",
  "view",
  "create",
  "edit",
  "delete",
]);

/** The privileges of an administrator. */
export function adminPrivileges(userId: number): Privileges {
  return { userId, isAdmin: true, ownIds: new Set([userId]), modules: new Map() };
}

/** A grant that allows everything in a module. */
export function fullGrant(): ModuleGrant {
  return {
    actions: ALL_ACTIONS,
    hiddenFields: new Set(),
    readOnlyFields: new Set(),
    read: ALL_OWNERS,
    write: ALL_OWNERS,
    remove: ALL_OWNERS,
    picklistValues: new Map(),
  };
}

const ADMIN_GRANT: ModuleGrant = fullGrant();

/** The user's grant for a module, or `undefined` when the module is closed to them. */
export function grantFor(
  privileges: Privileges,
  module: ModuleDefinition,
): ModuleGrant | undefined {
  return privileges.isAdmin ? ADMIN_GRANT : privileges.modules.get(module.name);
}

/** Whether the user may use the module of that name at all (Vtiger's module permission). */
export function mayUseModule(privileges: Privileges, moduleName: string): boolean {
  return privileges.isAdmin || privileges.modules.has(moduleName);
}

/** Returns the grant when the user may use the module at all; `ACCESS_DENIED` otherwise. */
export function requireModuleUse(privileges: Privileges, module: ModuleDefinition): ModuleGrant {
  const grant = grantFor(privileges, module);
  if (grant === undefined) {
    throw accessDenied(`Permission to use module ${module.name} is denied`);
  }
  return grant;
}

/** Returns the grant when the action is allowed on the module; `ACCESS_DENIED` otherwise. */
export function requireAction(
  privileges: Privileges,
  module: ModuleDefinition,
  action: RecordAction,
): ModuleGrant {
  const grant = requireModuleUse(privileges, module);
  if (!grant.actions.has(action)) {
    throw accessDenied(`Permission to ${action} records of module ${module.name} is denied`);
  }
  return grant;
}

/** The module's fields the grant lets the user see, in `fieldid` order. */
export function visibleFields(module: ModuleDefinition, grant: ModuleGrant): FieldDefinition[] {
  return module.fields.filter((field) => !grant.hiddenFields.has(field.name));
}

/** Whether a record owned by `ownerId` lies inside the scope. */
export function scopeIncludes(scope: OwnerScope, ownerId: number): boolean {
  return scope.all || scope.ownerIds.has(ownerId);
}

/**
 * Whether the caller may read a record of that module owned by `ownerId`: the
 * module open to them with its view action, and the owner in their read
 * scope. Administrators read everything.
 */
export function mayReadRecordOf(
  privileges: Privileges,
  moduleName: string,
  ownerId: number,
): boolean {
  if (privileges.isAdmin) return true;
  const grant = privileges.modules.get(moduleName);
  return grant !== undefined && grant.actions.has("view") && scopeIncludes(grant.read, ownerId);
}

/**
 * The read scope of each of the named modules whose records the caller may
 * read at all (see {@linkcode mayReadRecordOf}); the others are left out.
 */
export function readScopesOf(
  privileges: Privileges,
  moduleNames: readonly string[],
): Map<string, OwnerScope> {
  const scopes = new Map<string, OwnerScope>();
  for (const name of moduleNames) {
    const grant = privileges.isAdmin ? ADMIN_GRANT : privileges.modules.get(name);
    if (grant !== undefined && grant.actions.has("view")) scopes.set(name, grant.read);
  }
  return scopes;
}

/**
 * For records reachable only through a parent record (comments inside the
 * record they belong to): the column naming each one's parent, and the
 * parents the caller may read. A record whose parent is absent, deleted, of
 * another module or outside that module's scope is out of reach.
 */
export interface ParentScope {
  /** The table of the column holding the parent's crmid. */
  readonly table: string;
  /** The column holding the parent's crmid. */
  readonly column: string;
  /** The parent modules the caller may read, each with whose records of it. */
  readonly readable: ReadonlyMap<string, OwnerScope>;
}

/** Where a live record belongs: its module and its owner. */
export interface RecordLocation {
  /** The module name (`Events` for a Calendar record that is not a task). */
  readonly module: string;
  /** The owner (`smownerid`). */
  readonly ownerId: number;
}

/** Whether a parent (`undefined`: absent or deleted) lets its child records be reached. */
export function parentAllows(scope: ParentScope, parent: RecordLocation | undefined): boolean {
  if (parent === undefined) return false;
  const owners = scope.readable.get(parent.module);
  return owners !== undefined && scopeIncludes(owners, parent.ownerId);
}

/** What a call does to one record, as `ACCESS_DENIED` messages name it. */
export type RecordVerb = "read" | "update" | "delete";

/** The `ACCESS_DENIED` error for a record whose owner lies outside the caller's scope. */
export function recordAccessDenied(moduleName: string, id: number, verb: RecordVerb): DomainError {
  return accessDenied(`Permission to ${verb} ${moduleName} record ${id} is denied`);
}

/**
 * Throws {@linkcode recordAccessDenied} unless a record owned by `ownerId`
 * lies inside the scope; no scope means no limit.
 */
export function requireOwnerInScope(
  scope: OwnerScope | undefined,
  ownerId: number,
  moduleName: string,
  id: number,
  verb: RecordVerb,
): void {
  if (scope !== undefined && !scopeIncludes(scope, ownerId)) {
    throw recordAccessDenied(moduleName, id, verb);
  }
}

/** The values of a role-based picklist the grant allows, or `undefined` for no limit. */
export function allowedPicklistValues(
  grant: ModuleGrant,
  fieldName: string,
): ReadonlySet<string> | undefined {
  return grant.picklistValues.get(fieldName);
}

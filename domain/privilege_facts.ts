/**
 * What Vtiger's tables say about one user's permissions, as a plain value,
 * and {@linkcode computePrivileges}, which turns it into {@linkcode Privileges}
 * the way Vtiger's `isPermitted`, `getNonAdminAccessControlQuery` and field
 * visibility decide.
 *
 * Adapters only gather facts (MySQL reads them from the tables, memory
 * fabricates them); every rule lives here and in `domain/permissions/`.
 * Permission numbers keep Vtiger's encoding: `0` allows, anything else denies.
 *
 * @module
 */

import type { ModuleDefinition } from "./module.ts";
import { combineProfiles, moduleActions } from "./permissions/combine_profiles.ts";
import { fieldRestrictions, rolePicklistLimits } from "./permissions/field_grants.ts";
import { moduleScopes } from "./permissions/record_scopes.ts";
import { adminPrivileges, type ModuleGrant, type Privileges } from "./privileges.ts";

/** The permission rows of one profile (`vtiger_profile2*`). */
export interface ProfileFacts {
  /** `vtiger_profile.profileid`. */
  readonly profileId: number;
  /** `vtiger_profile2globalpermissions`: global action id (1 View all, 2 Edit all) → permission. */
  readonly globalPermissions: ReadonlyMap<number, number>;
  /** `vtiger_profile2tab`: tabid → permission. */
  readonly tabPermissions: ReadonlyMap<number, number>;
  /** `vtiger_profile2standardpermissions`: tabid → operation id → permission. */
  readonly actionPermissions: ReadonlyMap<number, ReadonlyMap<number, number>>;
  /** `vtiger_profile2field` rows with `visible = 0`: fieldid → `readonly` (0 writable, 1 view only). */
  readonly visibleFields: ReadonlyMap<number, number>;
}

/** What Vtiger knows about a module (`vtiger_tab`, `vtiger_def_org_share`). */
export interface TabFacts {
  /** `vtiger_tab.presence = 0`. */
  readonly active: boolean;
  /** `vtiger_tab.ownedby`: 1 for modules without record ownership rules. */
  readonly ownedBy: number;
  /**
   * `vtiger_def_org_share.permission`: 0 public read only, 1 public read/create/edit,
   * 2 public read/create/edit/delete, 3 private; `undefined` when the module has no row.
   */
  readonly sharingLevel?: number;
}

/** One sharing rule (`vtiger_datashare_*`) that applies to the user, its source expanded. */
export interface SharingRuleFacts {
  /** The module the rule shares (`vtiger_datashare_module_rel.tabid`). */
  readonly tabId: number;
  /** `permission`: 0 read only, 1 read and write. */
  readonly permission: number;
  /** Users whose records the rule shares (the source role's, role-and-subordinates' or group's users). */
  readonly userIds: readonly number[];
  /** Groups whose records the rule shares (a source group and the groups nested in it). */
  readonly groupIds: readonly number[];
}

/** Everything the tables say about one user's permissions. */
export interface PrivilegeFacts {
  /** `vtiger_users.id`. */
  readonly userId: number;
  /** `vtiger_users.is_admin = 'on'`: every other fact is then ignored. */
  readonly isAdmin: boolean;
  /** `vtiger_user2role.roleid`, if the user has a role. */
  readonly roleId?: string;
  /** The role's profiles in `vtiger_role2profile` order (the first one matters, as in Vtiger). */
  readonly profiles: readonly ProfileFacts[];
  /** Module facts by tabid. */
  readonly tabs: ReadonlyMap<number, TabFacts>;
  /** Fields the organisation shows (`vtiger_def_org_field.visible = 0`), by fieldid. */
  readonly orgVisibleFieldIds: ReadonlySet<number>;
  /** Users whose role lies below the user's role in the hierarchy (`parentrole`). */
  readonly subordinateUserIds: ReadonlySet<number>;
  /** Groups the user belongs to: directly, through their role, role-and-subordinates, or nesting. */
  readonly groupIds: ReadonlySet<number>;
  /** Sharing rules whose receiving side is the user (their role, a parent role, or a group of theirs). */
  readonly sharingRules: readonly SharingRuleFacts[];
  /**
   * Role-based picklists (`vtiger_picklist`) by field name, with the values the
   * user's role may use (`vtiger_role2picklist`). A picklist missing here is not role-based.
   */
  readonly rolePicklistValues: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The facts of a user without a role: no profile, so nothing is allowed. */
export function factsWithoutRole(userId: number): PrivilegeFacts {
  return {
    userId,
    isAdmin: false,
    profiles: [],
    tabs: new Map(),
    orgVisibleFieldIds: new Set(),
    subordinateUserIds: new Set(),
    groupIds: new Set(),
    sharingRules: [],
    rolePicklistValues: new Map(),
  };
}

/** The facts of an administrator: nothing else needs reading. */
export function adminFacts(userId: number): PrivilegeFacts {
  return { ...factsWithoutRole(userId), isAdmin: true };
}

/**
 * Computes a user's privileges over the given modules from the facts, as
 * Vtiger does: profiles combined, View all / Edit all, module and action
 * permissions, record scopes from the organisation sharing level, the role
 * hierarchy, groups and sharing rules, field visibility and role picklists.
 * A module the user may do nothing in is left out (every call on it is then
 * `ACCESS_DENIED`).
 */
export function computePrivileges(
  facts: PrivilegeFacts,
  modules: readonly ModuleDefinition[],
): Privileges {
  if (facts.isAdmin) return adminPrivileges(facts.userId);
  const combined = combineProfiles(facts.profiles);
  const grants = new Map<string, ModuleGrant>();
  for (const module of modules) {
    const tab = facts.tabs.get(module.tabId);
    if (tab === undefined || !tab.active) continue;
    const decisions = moduleActions(combined, module.tabId);
    if (decisions.actions.size === 0) continue;
    const scopes = moduleScopes(facts, module, tab, combined, decisions);
    const fields = fieldRestrictions(facts, module, combined.viewAll || combined.editAll);
    grants.set(module.name, {
      actions: decisions.actions,
      hiddenFields: fields.hidden,
      readOnlyFields: fields.readOnly,
      read: scopes.read,
      write: scopes.write,
      remove: scopes.remove,
      picklistValues: rolePicklistLimits(facts, module),
    });
  }
  return {
    userId: facts.userId,
    isAdmin: false,
    ownIds: new Set([facts.userId, ...facts.groupIds]),
    modules: grants,
  };
}

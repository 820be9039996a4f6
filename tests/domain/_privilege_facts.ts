/**
 * The facts and shorthands the permission rule tests share: user 10 in role
 * H5 with the Sales profile, on the demo's Accounts and Contacts.
 *
 * @module
 */

import assert from "node:assert/strict";
import { DEMO_ACCOUNTS, DEMO_CONTACTS } from "../../adapters/memory/demo/demo_modules.ts";
import {
  activeTab,
  allFieldIds,
  type ModuleProfileSpec,
  profileFacts,
} from "../../adapters/memory/memory_privilege_facts.ts";
import type { ModuleDefinition } from "../../domain/module.ts";
import { SHARING_LEVEL } from "../../domain/permissions/record_scopes.ts";
import {
  computePrivileges,
  factsWithoutRole,
  type PrivilegeFacts,
  type ProfileFacts,
} from "../../domain/privilege_facts.ts";
import type { ModuleGrant, OwnerScope, Privileges, RecordAction } from "../../domain/privileges.ts";

/** The modules the facts are about. */
export const MODULES: readonly ModuleDefinition[] = [DEMO_ACCOUNTS, DEMO_CONTACTS];

/** The user whose privileges are computed. */
export const ME = 10;

/** A profile over `modules`, each fully allowed unless its spec says otherwise. */
export function profile(
  profileId: number,
  modules: readonly ModuleProfileSpec[] = MODULES.map((module) => ({ module })),
  global: { viewAll?: boolean; editAll?: boolean } = {},
): ProfileFacts {
  return profileFacts({ profileId, modules, ...global });
}

/**
 * The facts of user 10 (role H5, profile 2, subordinate 11, group 30), both
 * modules private, every field visible in the organisation; then `overrides`.
 */
export function facts(overrides: Partial<PrivilegeFacts> = {}): PrivilegeFacts {
  return {
    ...factsWithoutRole(ME),
    roleId: "H5",
    profiles: [profile(2)],
    tabs: new Map([[6, activeTab(SHARING_LEVEL.private)], [4, activeTab(SHARING_LEVEL.private)]]),
    orgVisibleFieldIds: allFieldIds(MODULES),
    subordinateUserIds: new Set([11]),
    groupIds: new Set([30]),
    ...overrides,
  };
}

/** The grant for one module, which must be there. */
export function grant(
  privileges: Privileges,
  module: ModuleDefinition = DEMO_ACCOUNTS,
): ModuleGrant {
  const found = privileges.modules.get(module.name);
  assert.ok(found, `no grant for ${module.name}`);
  return found;
}

/** The actions allowed on a module, sorted. */
export function actions(
  privileges: Privileges,
  module: ModuleDefinition = DEMO_ACCOUNTS,
): string[] {
  return [...(privileges.modules.get(module.name)?.actions ?? [])].sort();
}

/** The owners a scope opens, sorted, or "all". */
export function ids(scope: OwnerScope): number[] | "all" {
  return scope.all ? "all" : [...scope.ownerIds].sort((a, b) => a - b);
}

/** The privileges the facts give on both modules. */
export function compute(value: PrivilegeFacts): Privileges {
  return computePrivileges(value, MODULES);
}

/** Every record action, sorted. */
export const EVERY: RecordAction[] = ["create", "delete", "edit", "list", "view"];

/** Who may read, write and delete a record of Accounts at a sharing level. */
export interface Scopes {
  readonly read: number[] | "all";
  readonly write: number[] | "all";
  readonly remove: number[] | "all";
}

/** The Accounts record scopes of {@linkcode facts} at one organisation sharing level. */
export function scopesAt(
  level: number | undefined,
  overrides: Partial<PrivilegeFacts> = {},
): Scopes {
  const privileges = compute(facts({
    tabs: new Map([[6, activeTab(level)]]),
    ...overrides,
  }));
  const { read, write, remove } = grant(privileges);
  return { read: ids(read), write: ids(write), remove: ids(remove) };
}

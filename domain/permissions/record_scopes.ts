/**
 * Whose records a user reaches in a module: the record part of Vtiger's
 * `isPermitted` (owner, subordinates, groups, the organisation sharing level,
 * sharing rules) and the owner filter of `getNonAdminAccessControlQuery`.
 *
 * @module
 */

import type { ModuleDefinition } from "../module.ts";
import type { PrivilegeFacts, SharingRuleFacts, TabFacts } from "../privilege_facts.ts";
import { ALL_OWNERS, type OwnerScope } from "../privileges.ts";
import { ACTION_ID, type CombinedPermissions, type ModuleActions } from "./combine_profiles.ts";

/** `vtiger_def_org_share.permission` values (`vtiger_org_share_action_mapping`). */
export const SHARING_LEVEL = {
  /** Public: read only. */
  publicReadOnly: 0,
  /** Public: read, create/edit. */
  publicReadWrite: 1,
  /** Public: read, create/edit, delete. */
  publicReadWriteDelete: 2,
  /** Private. */
  private: 3,
} as const;

/** The three scopes of a module grant. */
export interface ModuleScopes {
  /** Whose records the user may list and read. */
  readonly read: OwnerScope;
  /** Whose records the user may edit (and assign new records to). */
  readonly write: OwnerScope;
  /** Whose records the user may delete. */
  readonly remove: OwnerScope;
}

/** What sharing rules open in one module. */
interface SharedOwners {
  readonly read: ReadonlySet<number>;
  readonly write: ReadonlySet<number>;
}

/** Calendar's own sharing (`isCalendarPermittedBySharing`) is not modelled: see {@linkcode moduleScopes}. */
const CALENDAR_MODULES: ReadonlySet<string> = new Set(["Calendar", "Events"]);

function owners(...sets: Iterable<number>[]): OwnerScope {
  const ids = new Set<number>();
  for (const set of sets) for (const id of set) ids.add(id);
  return { all: false, ownerIds: ids };
}

function ruleOwners(rule: SharingRuleFacts): number[] {
  return [...rule.userIds, ...rule.groupIds];
}

/**
 * `getUserModuleSharingObjects`: rules count only at level 3 or 0 (a missing
 * level reads as 0, as PHP's `null == 0` makes it). Private: read-only rules
 * share reading, read-write rules reading and writing. Public read only:
 * read-write rules share writing; read-only rules add nothing.
 */
export function sharedOwners(rules: readonly SharingRuleFacts[], level: number): SharedOwners {
  const read = new Set<number>();
  const write = new Set<number>();
  for (const rule of rules) {
    if (level === SHARING_LEVEL.private) {
      for (const id of ruleOwners(rule)) read.add(id);
      if (rule.permission === 1) { for (const id of ruleOwners(rule)) write.add(id); }
    } else if (level === SHARING_LEVEL.publicReadOnly && rule.permission === 1) {
      for (const id of ruleOwners(rule)) write.add(id);
    }
  }
  return { read, write };
}

/**
 * The owners `isPermitted` accepts after the module-level checks, for reads,
 * writes and deletes: the user, users of subordinate roles and the user's
 * groups always; then by level: 0 everyone reads, writes need a sharing rule,
 * nobody else deletes; 1 everyone reads and writes; 2 everything; 3 reads and
 * writes need a sharing rule; other levels allow everything. Modules with
 * `ownedby = 1` have no record rules.
 */
export function ownerRuleScopes(
  facts: PrivilegeFacts,
  module: ModuleDefinition,
  tab: TabFacts,
): ModuleScopes {
  if (tab.ownedBy === 1) return { read: ALL_OWNERS, write: ALL_OWNERS, remove: ALL_OWNERS };
  const calendar = CALENDAR_MODULES.has(module.name);
  const mine = [[facts.userId], calendar ? [] : facts.subordinateUserIds, facts.groupIds];
  const level = tab.sharingLevel ?? SHARING_LEVEL.publicReadOnly;
  const rules = calendar ? [] : facts.sharingRules.filter((rule) => rule.tabId === module.tabId);
  const shared = sharedOwners(rules, level);
  switch (level) {
    case SHARING_LEVEL.publicReadOnly:
      return { read: ALL_OWNERS, write: owners(...mine, shared.write), remove: owners(...mine) };
    case SHARING_LEVEL.publicReadWrite:
      return { read: ALL_OWNERS, write: ALL_OWNERS, remove: owners(...mine) };
    case SHARING_LEVEL.private:
      return {
        read: owners(...mine, shared.read),
        write: owners(...mine, shared.write),
        remove: owners(...mine),
      };
    default:
      return { read: ALL_OWNERS, write: ALL_OWNERS, remove: ALL_OWNERS };
  }
}

/**
 * The module grant's scopes: the owner rules where `isPermitted` looks at the
 * record, everyone where it answers before that (View all / Edit all, or no
 * permission row for the action). Reading in a private module without View
 * all always keeps to the owner rules, as Vtiger's list query
 * (`getNonAdminAccessControlQuery`) does, so that a list and a read agree.
 *
 * Calendar's subordinate and sharing checks (`isCalendarPermittedBySharing`)
 * are not modelled: there, only the user's and their groups' records count
 * beyond the public levels.
 */
export function moduleScopes(
  facts: PrivilegeFacts,
  module: ModuleDefinition,
  tab: TabFacts,
  combined: CombinedPermissions,
  decisions: ModuleActions,
): ModuleScopes {
  const rules = ownerRuleScopes(facts, module, tab);
  const outcome = (id: number) => decisions.outcomes.get(id);
  const privateList = !combined.viewAll && tab.ownedBy !== 1 &&
    tab.sharingLevel === SHARING_LEVEL.private;
  const readOutcome = outcome(ACTION_ID.detailView) === "no"
    ? outcome(ACTION_ID.index)
    : outcome(ACTION_ID.detailView);
  const writeAll = outcome(ACTION_ID.save) === "all" && outcome(ACTION_ID.editView) === "all";
  return {
    read: readOutcome === "all" && !privateList ? ALL_OWNERS : rules.read,
    write: writeAll ? ALL_OWNERS : rules.write,
    remove: outcome(ACTION_ID.delete) === "all" ? ALL_OWNERS : rules.remove,
  };
}

/**
 * Profiles combined the way Vtiger combines them
 * (`getCombinedUser{Global,Tabs,Action}Permissions`), and the module-level
 * part of `isPermitted`: which actions a user may take in a module, and
 * whether the record owner still needs checking.
 *
 * @module
 */

import type { ProfileFacts } from "../privilege_facts.ts";
import type { RecordAction } from "../privileges.ts";

/** Vtiger's action ids (`vtiger_actionmapping`) that vtrest's calls map to. */
export const ACTION_ID = {
  /** `Save`. */
  save: 0,
  /** `EditView`. */
  editView: 1,
  /** `Delete`. */
  delete: 2,
  /** `index` (list). */
  index: 3,
  /** `DetailView`. */
  detailView: 4,
  /** `CreateView` (Vtiger 7). */
  createView: 7,
} as const;

/** Vtiger's global action ids (`vtiger_profile2globalpermissions.globalactionid`). */
export const GLOBAL_ACTION_ID = {
  /** View all. */
  viewAll: 1,
  /** Edit all. */
  editAll: 2,
} as const;

/** The profiles of a user, combined into one set of permissions. */
export interface CombinedPermissions {
  /** View all (or Edit all, which Vtiger lets imply it). */
  readonly viewAll: boolean;
  /** Edit all. */
  readonly editAll: boolean;
  /** tabid → permission. */
  readonly tabs: ReadonlyMap<number, number>;
  /** tabid → action id → permission. */
  readonly actions: ReadonlyMap<number, ReadonlyMap<number, number>>;
}

/**
 * How `isPermitted` answers one action in one module before looking at a
 * record: `no`; `all` (allowed whatever record: a global permission, or no
 * permission row for the action); or `record` (allowed, depending on the
 * record's owner).
 */
export type ActionOutcome = "no" | "all" | "record";

/** The module-level answers for one module. */
export interface ModuleActions {
  /** The vtrest actions the user may take. */
  readonly actions: ReadonlySet<RecordAction>;
  /** `isPermitted`'s answer per Vtiger action id. */
  readonly outcomes: ReadonlyMap<number, ActionOutcome>;
}

/**
 * Vtiger's combination: start from the first profile's entries; an entry of
 * exactly 1 becomes 0 when a later profile holds 0 for the same key. Keys the
 * first profile lacks stay absent, as in Vtiger.
 */
function combineEntries<K>(maps: readonly ReadonlyMap<K, number>[]): Map<K, number> {
  const [first, ...others] = maps;
  const combined = new Map(first ?? []);
  for (const [key, value] of combined) {
    if (value === 1 && others.some((other) => other.get(key) === 0)) combined.set(key, 0);
  }
  return combined;
}

/**
 * Combines the user's profiles (in `vtiger_role2profile` order). A user
 * without profiles ends up with nothing allowed. A tab the first profile has
 * no row for is open when another profile opens it: `isPermitted` lets a
 * missing tab through and the webservice wants a 0 in some profile, so both
 * agree there; a tab no profile opens stays closed (the webservice's rule,
 * stricter than `isPermitted`'s `null != 0`).
 */
export function combineProfiles(profiles: readonly ProfileFacts[]): CombinedPermissions {
  const global = combineEntries(profiles.map((profile) => profile.globalPermissions));
  const tabs = combineEntries(profiles.map((profile) => profile.tabPermissions));
  for (const { tabPermissions } of profiles) {
    for (const [tabId, permission] of tabPermissions) {
      if (!tabs.has(tabId) && permission === 0) tabs.set(tabId, 0);
    }
  }
  const actions = new Map<number, Map<number, number>>();
  const first = profiles[0]?.actionPermissions ?? new Map<number, ReadonlyMap<number, number>>();
  for (const tabId of first.keys()) {
    actions.set(
      tabId,
      combineEntries(
        profiles.map((profile) =>
          profile.actionPermissions.get(tabId) ?? new Map<number, number>()
        ),
      ),
    );
  }
  const editAll = global.get(GLOBAL_ACTION_ID.editAll) === 0;
  const viewAll = editAll || global.get(GLOBAL_ACTION_ID.viewAll) === 0;
  return { viewAll, editAll, tabs, actions };
}

/**
 * `isPermitted(module, action)` without a record: View all opens index and
 * DetailView, Edit all also Save and EditView, both before the module's tab
 * permission is looked at; then the tab must be allowed; then the action's
 * row decides (no row at all: allowed for every record, as in Vtiger).
 */
export function actionOutcome(
  combined: CombinedPermissions,
  tabId: number,
  actionId: number,
): ActionOutcome {
  const isRead = actionId === ACTION_ID.index || actionId === ACTION_ID.detailView;
  const isEdit = actionId === ACTION_ID.save || actionId === ACTION_ID.editView;
  if (combined.viewAll && isRead) return "all";
  if (combined.editAll && (isRead || isEdit)) return "all";
  if (combined.tabs.get(tabId) !== 0) return "no";
  const permission = combined.actions.get(tabId)?.get(actionId);
  if (permission === undefined) return "all";
  return permission === 0 ? "record" : "no";
}

/**
 * The actions a user may take in a module: list (index), view (DetailView),
 * create (CreateView and Save), edit (EditView and Save), delete (Delete),
 * as Vtiger 7.1's list, detail and save actions ask.
 */
export function moduleActions(combined: CombinedPermissions, tabId: number): ModuleActions {
  const outcomes = new Map<number, ActionOutcome>();
  for (const actionId of Object.values(ACTION_ID)) {
    outcomes.set(actionId, actionOutcome(combined, tabId, actionId));
  }
  const allowed = (...ids: number[]): boolean => ids.every((id) => outcomes.get(id) !== "no");
  const actions = new Set<RecordAction>();
  if (allowed(ACTION_ID.index)) actions.add("list");
  if (allowed(ACTION_ID.detailView)) actions.add("view");
  if (allowed(ACTION_ID.createView, ACTION_ID.save)) actions.add("create");
  if (allowed(ACTION_ID.editView, ACTION_ID.save)) actions.add("edit");
  if (allowed(ACTION_ID.delete)) actions.add("delete");
  return { actions, outcomes };
}

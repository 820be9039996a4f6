/**
 * Reads one user's {@linkcode PrivilegeFacts} from a Vtiger database: the user
 * and role first, then every other kind of fact in parallel (one statement
 * each). Only the modules vtrest serves are looked at for fields and
 * picklists; an administrator needs nothing beyond the first statement.
 *
 * @module
 */

import type { ModuleDefinition } from "../../../domain/module.ts";
import {
  adminFacts,
  factsWithoutRole,
  type PrivilegeFacts,
} from "../../../domain/privilege_facts.ts";
import {
  readOrgVisibleFields,
  readProfiles,
  readSubordinateUsers,
  readTabs,
  readUserGroups,
  readUserRole,
} from "./fact_queries.ts";
import type { VtigerDb } from "../database.ts";
import { readRolePicklistValues, rolePicklistCandidates } from "./role_picklist_query.ts";
import { readSharingRules } from "./sharing_rule_query.ts";

/**
 * The facts of user `userId` over the given modules. A user that does not
 * exist, or has no role, gets facts that allow nothing.
 */
export async function loadPrivilegeFacts(
  db: VtigerDb,
  userId: number,
  modules: readonly ModuleDefinition[],
): Promise<PrivilegeFacts> {
  const user = await readUserRole(db, userId);
  if (user?.isAdmin) return adminFacts(userId);
  if (user?.roleId === undefined) return factsWithoutRole(userId);
  const roleId = user.roleId;
  const rolePath = user.parentRole === undefined ? [roleId] : user.parentRole.split("::");
  const tabIds = [...new Set(modules.map((module) => module.tabId))];
  const [
    profiles,
    tabs,
    orgVisibleFieldIds,
    subordinateUserIds,
    groupIds,
    sharingRules,
    picklists,
  ] = await Promise.all([
    readProfiles(db, roleId, tabIds),
    readTabs(db),
    readOrgVisibleFields(db, tabIds),
    user.parentRole === undefined
      ? Promise.resolve(new Set<number>())
      : readSubordinateUsers(db, user.parentRole),
    readUserGroups(db, userId, roleId, rolePath),
    readSharingRules(db, userId, roleId, rolePath),
    readRolePicklistValues(db, roleId, rolePicklistCandidates(modules)),
  ]);
  return {
    userId,
    isAdmin: false,
    roleId,
    profiles,
    tabs,
    orgVisibleFieldIds,
    subordinateUserIds,
    groupIds,
    sharingRules,
    rolePicklistValues: picklists,
  };
}

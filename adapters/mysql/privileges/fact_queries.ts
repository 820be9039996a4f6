/**
 * The queries that read one user's permission facts from Vtiger's tables
 * (the same tables `createUserPrivilegesfile` reads), one statement per kind
 * of fact, every value bound as a parameter.
 *
 * @module
 */

import { type RawBuilder, sql } from "kysely";
import type { ProfileFacts, TabFacts } from "../../../domain/privilege_facts.ts";
import type { VtigerDb } from "../database.ts";

/** The user's row: admin flag, role and the role's place in the hierarchy. */
export interface UserRoleRow {
  /** `vtiger_users.is_admin = 'on'`. */
  readonly isAdmin: boolean;
  /** `vtiger_user2role.roleid`, if any. */
  readonly roleId?: string;
  /** `vtiger_role.parentrole` (`H1::H2::H3`), if the role exists. */
  readonly parentRole?: string;
}

/** `LIKE` pattern text matching `text` literally. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The user's admin flag and role; `undefined` when no such user exists. */
export async function readUserRole(
  db: VtigerDb,
  userId: number,
): Promise<UserRoleRow | undefined> {
  const row = await db.selectFrom("vtiger_users as u")
    .leftJoin("vtiger_user2role as ur", "ur.userid", "u.id")
    .leftJoin("vtiger_role as r", "r.roleid", "ur.roleid")
    .select(["u.is_admin", "ur.roleid", "r.parentrole"])
    .where("u.id", "=", userId)
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    isAdmin: row.is_admin === "on",
    ...(row.roleid === null ? {} : { roleId: row.roleid }),
    ...(row.parentrole === null ? {} : { parentRole: row.parentrole }),
  };
}

interface MutableProfile {
  readonly profileId: number;
  readonly globalPermissions: Map<number, number>;
  readonly tabPermissions: Map<number, number>;
  readonly actionPermissions: Map<number, Map<number, number>>;
  readonly visibleFields: Map<number, number>;
}

/**
 * The role's profiles in `vtiger_role2profile` order (its primary key, so
 * by profile id, as Vtiger reads them) with their global, tab, standard
 * action and visible field rows; fields only of the given modules.
 */
export async function readProfiles(
  db: VtigerDb,
  roleId: string,
  tabIds: readonly number[],
): Promise<ProfileFacts[]> {
  const ofRole = db.selectFrom("vtiger_role2profile as rp").where("rp.roleid", "=", roleId);
  const [permissions, fields] = await Promise.all([
    ofRole
      .select([
        "rp.profileid",
        sql.lit("P").as("kind"),
        sql.lit<number | null>(0).as("tabid"),
        sql.lit(0).as("actionid"),
        sql.lit<number | null>(0).as("permission"),
      ])
      .unionAll(
        ofRole.innerJoin("vtiger_profile2globalpermissions as g", "g.profileid", "rp.profileid")
          .select([
            "g.profileid",
            sql.lit("G").as("kind"),
            sql.lit(0).as("tabid"),
            "g.globalactionid as actionid",
            "g.globalactionpermission as permission",
          ]),
      )
      .unionAll(
        ofRole.innerJoin("vtiger_profile2tab as t", "t.profileid", "rp.profileid")
          .select([
            "rp.profileid",
            sql.lit("T").as("kind"),
            "t.tabid",
            sql.lit(0).as("actionid"),
            "t.permissions as permission",
          ]),
      )
      .unionAll(
        ofRole.innerJoin("vtiger_profile2standardpermissions as s", "s.profileid", "rp.profileid")
          .select([
            "s.profileid",
            sql.lit("A").as("kind"),
            "s.tabid",
            "s.operation as actionid",
            "s.permissions as permission",
          ]),
      )
      .execute(),
    tabIds.length === 0 ? Promise.resolve([]) : ofRole
      .innerJoin("vtiger_profile2field as f", "f.profileid", "rp.profileid")
      .select(["f.profileid", "f.fieldid", "f.readonly"])
      .where("f.visible", "=", 0)
      .where("f.tabid", "in", [...tabIds])
      .execute(),
  ]);
  const profiles = new Map<number, MutableProfile>();
  const profile = (id: unknown): MutableProfile => {
    const profileId = Number(id);
    let found = profiles.get(profileId);
    if (found === undefined) {
      found = {
        profileId,
        globalPermissions: new Map(),
        tabPermissions: new Map(),
        actionPermissions: new Map(),
        visibleFields: new Map(),
      };
      profiles.set(profileId, found);
    }
    return found;
  };
  for (const row of permissions) {
    const target = profile(row.profileid);
    const [tabId, actionId, permission] = [row.tabid, row.actionid, row.permission].map(Number);
    if (row.kind === "G") target.globalPermissions.set(actionId, permission);
    if (row.kind === "T") target.tabPermissions.set(tabId, permission);
    if (row.kind === "A") {
      const actions = target.actionPermissions.get(tabId) ?? new Map<number, number>();
      actions.set(actionId, permission);
      target.actionPermissions.set(tabId, actions);
    }
  }
  for (const row of fields) {
    // A NULL `readonly` never matches Vtiger's `readonly = 0`: view only.
    const readOnly = row.readonly === null ? 1 : Number(row.readonly);
    profile(row.profileid).visibleFields.set(Number(row.fieldid), readOnly);
  }
  return [...profiles.values()].sort((a, b) => a.profileId - b.profileId);
}

/**
 * Every module's activeness, `ownedby` and organisation sharing level. Events
 * is active when Calendar is, as `isPermitted` checks it; when a module has
 * several `vtiger_def_org_share` rows the last one counts, as in Vtiger.
 */
export async function readTabs(db: VtigerDb): Promise<Map<number, TabFacts>> {
  const found = await db.selectFrom("vtiger_tab as t")
    .leftJoin("vtiger_def_org_share as d", "d.tabid", "t.tabid")
    .select(["t.tabid", "t.name", "t.presence", "t.ownedby", "d.permission as level"])
    .orderBy("t.tabid")
    .orderBy("d.ruleid")
    .execute();
  const calendarActive = found.some((row) => row.name === "Calendar" && Number(row.presence) === 0);
  const tabs = new Map<number, TabFacts>();
  for (const row of found) {
    const active = row.name === "Events" ? calendarActive : Number(row.presence) === 0;
    tabs.set(Number(row.tabid), {
      active,
      ownedBy: Number(row.ownedby),
      ...(row.level === null ? {} : { sharingLevel: Number(row.level) }),
    });
  }
  return tabs;
}

/** The fields of the given modules the organisation shows (`vtiger_def_org_field.visible = 0`). */
export async function readOrgVisibleFields(
  db: VtigerDb,
  tabIds: readonly number[],
): Promise<Set<number>> {
  if (tabIds.length === 0) return new Set();
  const found = await db.selectFrom("vtiger_def_org_field").select("fieldid")
    .where("visible", "=", 0).where("tabid", "in", [...tabIds]).execute();
  return new Set(found.map((row) => Number(row.fieldid)));
}

/**
 * Users of every role strictly below `parentRole` (`parentrole LIKE 'seq::%'`),
 * whatever their status, as `getSubordinateRoleAndUsers` finds them.
 */
export async function readSubordinateUsers(
  db: VtigerDb,
  parentRole: string,
): Promise<Set<number>> {
  const found = await db.selectFrom("vtiger_role as r")
    .innerJoin("vtiger_user2role as ur", "ur.roleid", "r.roleid")
    .innerJoin("vtiger_users as u", "u.id", "ur.userid")
    .select("ur.userid")
    .distinct()
    .where("r.parentrole", "like", `${likeLiteral(parentRole)}::%`)
    .execute();
  return new Set(found.map((row) => Number(row.userid)));
}

/**
 * The groups the user belongs to (`GetUserGroups::getAllUserGroups`) as a
 * recursive CTE: direct membership, groups of their exact role, groups of a
 * role-and-subordinates on their role's path, then every group containing
 * one of those, transitively.
 */
export function userGroupsCte(
  userId: number,
  roleId: string | undefined,
  rolePath: readonly string[],
): RawBuilder<unknown> {
  const path = rolePath.length === 0 ? [""] : [...rolePath];
  return sql`
    direct_groups AS (
      SELECT groupid FROM vtiger_users2group WHERE userid = ${userId}
      UNION SELECT groupid FROM vtiger_group2role WHERE roleid = ${roleId ?? ""}
      UNION SELECT groupid FROM vtiger_group2rs WHERE roleandsubid IN (${sql.join(path)})
    ),
    my_groups AS (
      SELECT groupid FROM direct_groups
      UNION SELECT gg.groupid FROM vtiger_group2grouprel gg
        JOIN my_groups m ON gg.containsgroupid = m.groupid
    )`;
}

/** The ids of the groups the user belongs to. */
export async function readUserGroups(
  db: VtigerDb,
  userId: number,
  roleId: string | undefined,
  rolePath: readonly string[],
): Promise<Set<number>> {
  const found = await sql<{ groupid: number }>`
    WITH RECURSIVE ${userGroupsCte(userId, roleId, rolePath)}
    SELECT DISTINCT groupid FROM my_groups`.execute(db);
  return new Set(found.rows.map((row) => Number(row.groupid)));
}

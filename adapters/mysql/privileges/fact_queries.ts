/**
 * The queries that read one user's permission facts from Vtiger's tables
 * (the same tables `createUserPrivilegesfile` reads), one statement per kind
 * of fact, every value bound as a parameter.
 *
 * @module
 */

import { type Kysely, type RawBuilder, sql } from "kysely";
import type { ProfileFacts, TabFacts } from "../../../domain/privilege_facts.ts";

/** Any Kysely handle: these queries name their tables themselves. */
// deno-lint-ignore no-explicit-any
export type AnyDb = Kysely<any>;

/** The user's row: admin flag, role and the role's place in the hierarchy. */
export interface UserRoleRow {
  /** `vtiger_users.is_admin = 'on'`. */
  readonly isAdmin: boolean;
  /** `vtiger_user2role.roleid`, if any. */
  readonly roleId?: string;
  /** `vtiger_role.parentrole` (`H1::H2::H3`), if the role exists. */
  readonly parentRole?: string;
}

async function rows<T>(db: AnyDb, query: RawBuilder<T>): Promise<T[]> {
  return [...(await query.execute(db)).rows];
}

/** `LIKE` pattern text matching `text` literally. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The user's admin flag and role; `undefined` when no such user exists. */
export async function readUserRole(db: AnyDb, userId: number): Promise<UserRoleRow | undefined> {
  const found = await rows(
    db,
    sql<{ is_admin: string | null; roleid: string | null; parentrole: string | null }>`
      SELECT u.is_admin, ur.roleid, r.parentrole
      FROM vtiger_users u
      LEFT JOIN vtiger_user2role ur ON ur.userid = u.id
      LEFT JOIN vtiger_role r ON r.roleid = ur.roleid
      WHERE u.id = ${userId}
      LIMIT 1`,
  );
  const row = found[0];
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
  db: AnyDb,
  roleId: string,
  tabIds: readonly number[],
): Promise<ProfileFacts[]> {
  const [permissions, fields] = await Promise.all([
    rows(
      db,
      sql<{ profileid: number; kind: string; tabid: number; actionid: number; permission: number }>`
        SELECT rp.profileid, 'P' AS kind, 0 AS tabid, 0 AS actionid, 0 AS permission
          FROM vtiger_role2profile rp WHERE rp.roleid = ${roleId}
        UNION ALL SELECT g.profileid, 'G', 0, g.globalactionid, g.globalactionpermission
          FROM vtiger_role2profile rp
          JOIN vtiger_profile2globalpermissions g ON g.profileid = rp.profileid
          WHERE rp.roleid = ${roleId}
        UNION ALL SELECT t.profileid, 'T', t.tabid, 0, t.permissions
          FROM vtiger_role2profile rp JOIN vtiger_profile2tab t ON t.profileid = rp.profileid
          WHERE rp.roleid = ${roleId}
        UNION ALL SELECT s.profileid, 'A', s.tabid, s.operation, s.permissions
          FROM vtiger_role2profile rp
          JOIN vtiger_profile2standardpermissions s ON s.profileid = rp.profileid
          WHERE rp.roleid = ${roleId}`,
    ),
    tabIds.length === 0 ? Promise.resolve([]) : rows(
      db,
      sql<{ profileid: number; fieldid: number; readonly: number | null }>`
        SELECT f.profileid, f.fieldid, f.readonly
        FROM vtiger_role2profile rp JOIN vtiger_profile2field f ON f.profileid = rp.profileid
        WHERE rp.roleid = ${roleId} AND f.visible = 0 AND f.tabid IN (${sql.join([...tabIds])})`,
    ),
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
export async function readTabs(db: AnyDb): Promise<Map<number, TabFacts>> {
  const found = await rows(
    db,
    sql<{ tabid: number; name: string; presence: number; ownedby: number; level: number | null }>`
      SELECT t.tabid, t.name, t.presence, t.ownedby, d.permission AS level
      FROM vtiger_tab t LEFT JOIN vtiger_def_org_share d ON d.tabid = t.tabid
      ORDER BY t.tabid, d.ruleid`,
  );
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
  db: AnyDb,
  tabIds: readonly number[],
): Promise<Set<number>> {
  if (tabIds.length === 0) return new Set();
  const found = await rows(
    db,
    sql<{ fieldid: number }>`
      SELECT fieldid FROM vtiger_def_org_field
      WHERE visible = 0 AND tabid IN (${sql.join([...tabIds])})`,
  );
  return new Set(found.map((row) => Number(row.fieldid)));
}

/**
 * Users of every role strictly below `parentRole` (`parentrole LIKE 'seq::%'`),
 * whatever their status, as `getSubordinateRoleAndUsers` finds them.
 */
export async function readSubordinateUsers(db: AnyDb, parentRole: string): Promise<Set<number>> {
  const found = await rows(
    db,
    sql<{ userid: number }>`
      SELECT DISTINCT ur.userid
      FROM vtiger_role r
      JOIN vtiger_user2role ur ON ur.roleid = r.roleid
      JOIN vtiger_users u ON u.id = ur.userid
      WHERE r.parentrole LIKE ${`${likeLiteral(parentRole)}::%`}`,
  );
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
  db: AnyDb,
  userId: number,
  roleId: string | undefined,
  rolePath: readonly string[],
): Promise<Set<number>> {
  const found = await rows(
    db,
    sql<{ groupid: number }>`
      WITH RECURSIVE ${userGroupsCte(userId, roleId, rolePath)}
      SELECT DISTINCT groupid FROM my_groups`,
  );
  return new Set(found.map((row) => Number(row.groupid)));
}

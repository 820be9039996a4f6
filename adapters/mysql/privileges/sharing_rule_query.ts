/**
 * The sharing rules that apply to one user (`getUserModuleSharingObjects`),
 * their sources expanded to the users and groups whose records they share,
 * in one statement over the nine `vtiger_datashare_*` tables.
 *
 * @module
 */

import { type RawBuilder, sql } from "kysely";
import type { SharingRuleFacts } from "../../../domain/privilege_facts.ts";
import type { VtigerDb } from "../database.ts";
import { userGroupsCte } from "./fact_queries.ts";

/** The nine rule tables: source column and kind, receiving column and how it matches. */
const RULE_TABLES: readonly [table: string, source: string, kind: string, target: string][] = [
  ["vtiger_datashare_role2role", "share_roleid", "ROLE", "to_roleid"],
  ["vtiger_datashare_role2rs", "share_roleid", "ROLE", "to_roleandsubid"],
  ["vtiger_datashare_role2group", "share_roleid", "ROLE", "to_groupid"],
  ["vtiger_datashare_rs2role", "share_roleandsubid", "RS", "to_roleid"],
  ["vtiger_datashare_rs2rs", "share_roleandsubid", "RS", "to_roleandsubid"],
  ["vtiger_datashare_rs2grp", "share_roleandsubid", "RS", "to_groupid"],
  ["vtiger_datashare_grp2role", "share_groupid", "GROUP", "to_roleid"],
  ["vtiger_datashare_grp2rs", "share_groupid", "GROUP", "to_roleandsubid"],
  ["vtiger_datashare_grp2grp", "share_groupid", "GROUP", "to_groupid"],
];

/**
 * A rule applies when its receiving side is the user's role (`to_roleid`), a
 * role on the user's path as role-and-subordinates (`to_roleandsubid`), or one
 * of the user's groups (`to_groupid`).
 */
function appliesTo(target: string, roleId: string, path: readonly string[]): RawBuilder<unknown> {
  const column = sql.ref(`d.${target}`);
  if (target === "to_roleid") return sql`${column} = ${roleId}`;
  if (target === "to_roleandsubid") return sql`${column} IN (${sql.join([...path])})`;
  return sql`${column} IN (SELECT groupid FROM my_groups)`;
}

function ruleSelects(roleId: string, path: readonly string[]): RawBuilder<unknown> {
  return sql.join(
    RULE_TABLES.map(([table, source, kind, target]) =>
      sql`SELECT m.tabid, d.shareid, d.permission, ${sql.lit(kind)} AS kind,
          ${kind === "GROUP" ? sql`NULL` : sql.ref(`d.${source}`)} AS source_role,
          ${kind === "GROUP" ? sql.ref(`d.${source}`) : sql`NULL`} AS source_group
        FROM ${sql.table(table)} d
        JOIN vtiger_datashare_module_rel m ON m.shareid = d.shareid
        WHERE ${appliesTo(target, roleId, path)}`
    ),
    sql` UNION ALL `,
  );
}

/**
 * Users of the roles whose `parentrole` starts with the source role's
 * (`getRoleAndSubordinateUsers`: Vtiger's own `LIKE 'seq%'`, unescaped).
 */
const RS_USERS = sql`
  JOIN vtiger_role sub ON sub.parentrole LIKE CONCAT(src.parentrole, '%')
  JOIN vtiger_user2role ur ON ur.roleid = sub.roleid
  JOIN vtiger_users u ON u.id = ur.userid`;

/**
 * Reads the rules applying to the user, each with the users and groups whose
 * records it shares: a ROLE source's users; a role-and-subordinates source's
 * users (`parentrole LIKE 'seq%'`, Vtiger's own prefix match); a GROUP
 * source's nested groups and all their members (`getAllUsersInGroup`).
 */
export async function readSharingRules(
  db: VtigerDb,
  userId: number,
  roleId: string,
  rolePath: readonly string[],
): Promise<SharingRuleFacts[]> {
  const path = rolePath.length === 0 ? [roleId] : rolePath;
  const result = await sql<
    { tabid: number; shareid: number; permission: number; owner_kind: string; owner_id: number }
  >`
    WITH RECURSIVE ${userGroupsCte(userId, roleId, path)},
    rules AS (${ruleSelects(roleId, path)}),
    rule_groups AS (
      SELECT shareid, source_group AS groupid FROM rules WHERE kind = 'GROUP'
      UNION SELECT rg.shareid, gg.containsgroupid FROM vtiger_group2grouprel gg
        JOIN rule_groups rg ON gg.groupid = rg.groupid
    )
    SELECT r.tabid, r.shareid, r.permission, 'U' AS owner_kind, ur.userid AS owner_id
      FROM rules r JOIN vtiger_user2role ur ON ur.roleid = r.source_role
      JOIN vtiger_users u ON u.id = ur.userid WHERE r.kind = 'ROLE'
    UNION SELECT r.tabid, r.shareid, r.permission, 'U', ur.userid
      FROM rules r JOIN vtiger_role src ON src.roleid = r.source_role ${RS_USERS} WHERE r.kind = 'RS'
    UNION SELECT r.tabid, r.shareid, r.permission, 'G', rg.groupid
      FROM rules r JOIN rule_groups rg ON rg.shareid = r.shareid
    UNION SELECT r.tabid, r.shareid, r.permission, 'U', ug.userid
      FROM rules r JOIN rule_groups rg ON rg.shareid = r.shareid
      JOIN vtiger_users2group ug ON ug.groupid = rg.groupid
    UNION SELECT r.tabid, r.shareid, r.permission, 'U', ur.userid
      FROM rules r JOIN rule_groups rg ON rg.shareid = r.shareid
      JOIN vtiger_group2role g2r ON g2r.groupid = rg.groupid
      JOIN vtiger_user2role ur ON ur.roleid = g2r.roleid JOIN vtiger_users u ON u.id = ur.userid
    UNION SELECT r.tabid, r.shareid, r.permission, 'U', ur.userid
      FROM rules r JOIN rule_groups rg ON rg.shareid = r.shareid
      JOIN vtiger_group2rs g2s ON g2s.groupid = rg.groupid
      JOIN vtiger_role src ON src.roleid = g2s.roleandsubid ${RS_USERS}
    ORDER BY shareid, owner_kind, owner_id`.execute(db);
  const rules = new Map<
    number,
    { tabId: number; permission: number; users: number[]; groups: number[] }
  >();
  for (const row of result.rows) {
    const shareId = Number(row.shareid);
    let rule = rules.get(shareId);
    if (rule === undefined) {
      rule = {
        tabId: Number(row.tabid),
        permission: Number(row.permission),
        users: [],
        groups: [],
      };
      rules.set(shareId, rule);
    }
    (row.owner_kind === "G" ? rule.groups : rule.users).push(Number(row.owner_id));
  }
  return [...rules.values()].map((rule) => ({
    tabId: rule.tabId,
    permission: rule.permission,
    userIds: rule.users,
    groupIds: rule.groups,
  }));
}

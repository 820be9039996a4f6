/**
 * Vtiger's permission model on a real Vtiger 7.1.0 database: the scenario of
 * `tests/application/_permissions_scenario.ts` set up with plain SQL, as
 * Vtiger's settings screens would store it; the facts read from the tables;
 * every call of every scenario user through the use cases on
 * `openMysqlPorts`; and the privileges cache's lifetime.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { loadPrivilegeFacts } from "../../adapters/mysql/privileges/load_privilege_facts.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { ALL_OWNERS, type OwnerScope } from "../../domain/privileges.ts";
import { EXPECTED_RELATIONS, SCENARIO_USERS } from "../application/_permissions_scenario.ts";
import { runScenario } from "../application/_permissions_checks.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { openMysqlPorts } from "../../adapters/mysql/mysql_ports.ts";
import { ADMIN_ACCESS_KEY, scalar } from "./mysql_support.ts";
import {
  mysqlTestsEnabled,
  runOnServer,
  type VtigerTestDatabase,
  withVtigerDatabase,
} from "./vtiger_test_database.ts";

function userRow(user: (typeof SCENARIO_USERS)[number]): string {
  const [first, last] = [user.userName, user.roleId];
  return `(${user.id}, '${user.userName}', '${first}', '${last}', '$1$xx000000$unused', ` +
    `'PHP5.3MD5', 'off', 'Active', '${user.accessKey}', 0, '${user.userName}@example.com', 1, ` +
    `'yyyy-mm-dd', '24', 'UTC', 'en_us')`;
}

/** The scenario's setup, as rows Vtiger's user, group, role, profile and sharing screens write. */
const SETUP = `
INSERT INTO vtiger_users (id, user_name, first_name, last_name, user_password, crypt_type,
  is_admin, status, accesskey, deleted, email1, currency_id, date_format, hour_format,
  time_zone, language) VALUES ${SCENARIO_USERS.map(userRow).join(",\n")};
INSERT INTO vtiger_user2role (userid, roleid) VALUES
  ${SCENARIO_USERS.map((user) => `(${user.id}, '${user.roleId}')`).join(", ")};
INSERT INTO vtiger_groups (groupid, groupname, description) VALUES
  (10, 'Key accounts', 'Scenario'), (11, 'Region', 'Scenario');
INSERT INTO vtiger_users2group (groupid, userid) VALUES (10, 8);
INSERT INTO vtiger_group2grouprel (groupid, containsgroupid) VALUES (11, 10);
UPDATE vtiger_users_seq SET id = 11;
INSERT INTO vtiger_role2profile (roleid, profileid) VALUES ('H3', 3);
UPDATE vtiger_def_org_share SET permission = 3 WHERE tabid = 4;
UPDATE vtiger_def_org_share SET permission = 0 WHERE tabid = 6;
UPDATE vtiger_profile2field SET visible = 1, readonly = 0 WHERE profileid = 2 AND fieldid = 17;
UPDATE vtiger_profile2field SET visible = 0, readonly = 1 WHERE profileid = 2 AND fieldid = 6;
UPDATE vtiger_profile2field SET visible = 1, readonly = 0 WHERE profileid = 2 AND fieldid = 67;
UPDATE vtiger_def_org_field SET visible = 1 WHERE fieldid = 79;
UPDATE vtiger_profile2standardpermissions SET permissions = 1
  WHERE profileid = 2 AND tabid = 6 AND operation = 2;
UPDATE vtiger_profile2standardpermissions SET permissions = 1
  WHERE profileid = 2 AND tabid = 4 AND operation = 7;
UPDATE vtiger_profile2tab SET permissions = 1 WHERE tabid = 8 AND profileid IN (1, 2, 3);
DELETE FROM vtiger_role2picklist
  WHERE roleid = 'H5' AND picklistid = 20 AND picklistvalueid NOT IN (145, 146);
INSERT INTO vtiger_datashare_module_rel (shareid, tabid, relationtype) VALUES
  (1, 4, 'ROLE::ROLE'), (2, 4, 'ROLE::RS'), (3, 6, 'GRP::GRP'), (4, 6, 'ROLE::ROLE'),
  (5, 4, 'RS::GRP');
INSERT INTO vtiger_datashare_role2role (shareid, share_roleid, to_roleid, permission) VALUES
  (1, 'H5', 'H5', 0), (4, 'H4', 'H5', 0);
INSERT INTO vtiger_datashare_role2rs (shareid, share_roleid, to_roleandsubid, permission) VALUES
  (2, 'H2', 'H4', 1);
INSERT INTO vtiger_datashare_grp2grp (shareid, share_groupid, to_groupid, permission) VALUES
  (3, 11, 2, 1);
INSERT INTO vtiger_datashare_rs2grp (shareid, share_roleandsubid, to_groupid, permission) VALUES
  (5, 'H4', 11, 0);
`;

async function countWrites(database: VtigerTestDatabase): Promise<number> {
  const total = await scalar(
    database,
    sql`SELECT (SELECT COUNT(*) FROM vtiger_crmentity)
      + (SELECT COUNT(*) FROM vtiger_crmentity WHERE deleted = 1)
      + (SELECT COUNT(*) FROM vtiger_modtracker_basic)
      + (SELECT COUNT(*) FROM vtiger_modtracker_detail) AS total`,
  );
  return Number(total);
}

Deno.test({
  name: "Vtiger 7.1.0 permissions: users in four roles, groups, private modules, sharing rules",
  ignore: !mysqlTestsEnabled,
  fn: async (t) => {
    await withVtigerDatabase("7.1.0", async (database) => {
      await runOnServer(SETUP, database.name);
      const clock = new FixedClock("2024-01-02T03:04:05Z");
      const opened = await openMysqlPorts({ url: database.url, clock, privilegesTtlSeconds: 60 });
      try {
        await t.step(
          "the tables yield each user's hierarchy, groups and sharing rules",
          async () => {
            const modules = await opened.catalog.listModules();
            for (const user of SCENARIO_USERS) {
              const facts = await loadPrivilegeFacts(database.db, user.id, modules);
              const expected = EXPECTED_RELATIONS[user.userName];
              assert.equal(facts.roleId, user.roleId);
              const sorted = (set: ReadonlySet<number>) => [...set].sort((a, b) => a - b);
              assert.deepEqual(sorted(facts.subordinateUserIds), expected.subordinateUserIds);
              assert.deepEqual(sorted(facts.groupIds), expected.groupIds, user.userName);
              assert.deepEqual(facts.sharingRules, expected.sharingRules, user.userName);
              assert.deepEqual(
                facts.profiles.map((profile) => profile.profileId),
                user.roleId === "H2" ? [1] : user.roleId === "H3" ? [2, 3] : [2],
              );
            }
            const admin = await loadPrivilegeFacts(database.db, 1, modules);
            assert.equal(admin.isAdmin, true);
          },
        );

        const useCases = createUseCases(opened.ports);
        await t.step("every scenario call answers as Vtiger's permissions say", async (t) => {
          await runScenario(t, {
            useCases,
            countWrites: () => countWrites(database),
          }, ADMIN_ACCESS_KEY["7.1.0"]);
        });

        await t.step("a parent condition tells tasks from events and applies owners", async () => {
          const admin = await useCases.loginWithAccessKey.execute({
            accessKey: ADMIN_ACCESS_KEY["7.1.0"],
          });
          const task = (owner: number) =>
            useCases.createRecord.execute({
              token: admin,
              module: "Calendar",
              values: {
                subject: "Parent",
                date_start: "2024-01-05 10:00:00",
                due_date: "2024-01-06",
                taskstatus: "Not Started",
                assigned_user_id: String(owner),
              },
            });
          const [taskId, eventId] = [await task(8), await task(8)];
          await runOnServer(
            `UPDATE vtiger_activity SET activitytype = 'Call' WHERE activityid = ${eventId}`,
            database.name,
          );
          const { records, modules } = opened.ports;
          assert.deepEqual(await records.locate(taskId), { module: "Calendar", ownerId: 8 });
          assert.deepEqual(await records.locate(eventId), { module: "Events", ownerId: 8 });
          const comments = (await modules.findModule("ModComments"))!;
          const [account] = await useCases.listRecords.execute({
            token: admin,
            module: "Accounts",
            length: 1,
          });
          // ModComments' related_to cannot name a task or an event: the rows are moved by hand.
          const commentIds: number[] = [];
          for (const parent of [taskId, eventId]) {
            const created = await useCases.createRecord.execute({
              token: admin,
              module: "ModComments",
              values: { commentcontent: `On ${parent}`, related_to: String(account.record_id) },
            });
            await runOnServer(
              `UPDATE vtiger_modcomments SET related_to = ${parent} WHERE modcommentsid = ${created}`,
              database.name,
            );
            commentIds.push(created);
          }
          const listed = async (readable: [string, OwnerScope][]) =>
            (await records.list(comments, {
              conditions: [],
              order: [],
              start: 0,
              length: 100,
              scope: ALL_OWNERS,
              parentScope: {
                table: "vtiger_modcomments",
                column: "related_to",
                readable: new Map(readable),
              },
            })).map((record) => record.id);
          const owners = (...ids: number[]): OwnerScope => ({ all: false, ownerIds: new Set(ids) });
          assert.deepEqual(await listed([["Calendar", ALL_OWNERS]]), [commentIds[0]]);
          assert.deepEqual(await listed([["Events", ALL_OWNERS]]), [commentIds[1]]);
          assert.deepEqual(
            await listed([["Calendar", owners(8)], ["Events", owners(8)]]),
            commentIds,
          );
          assert.deepEqual(await listed([["Calendar", owners(9)], ["Events", owners(7)]]), []);
          assert.deepEqual(await listed([]), []);
        });

        await t.step(
          "privileges are cached for PRIVILEGES_TTL_SECONDS, then read again",
          async () => {
            const key = (name: string) => SCENARIO_USERS.find((user) => user.userName === name)!;
            const admin = await useCases.loginWithAccessKey.execute({
              accessKey: ADMIN_ACCESS_KEY["7.1.0"],
            });
            await useCases.createRecord.execute({
              token: admin,
              module: "Contacts",
              values: { lastname: "Private to vp", assigned_user_id: String(key("vp").id) },
            });
            const token = await useCases.loginWithAccessKey.execute({
              accessKey: key("sales2").accessKey,
            });
            const count = async (as: string) =>
              (await useCases.listRecords.execute({ token: as, module: "Contacts" })).length;
            const before = await count(token);
            assert.ok(before < await count(admin));
            await runOnServer(
              "UPDATE vtiger_def_org_share SET permission = 2 WHERE tabid = 4",
              database.name,
            );
            clock.advance(59);
            assert.equal(await count(token), before, "59 s later: still the cached privileges");
            clock.advance(2);
            assert.equal(
              await count(token),
              before,
              "61 s later: answered from the old privileges while they are read again",
            );
            let after = before;
            for (let attempt = 0; attempt < 100 && after === before; attempt++) {
              await new Promise((resolve) => setTimeout(resolve, 20));
              after = await count(token);
            }
            assert.equal(after, await count(admin), "once read again: Contacts are public");
          },
        );
      } finally {
        await opened.close();
      }
    });
  },
});

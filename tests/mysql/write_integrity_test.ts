/**
 * Writes under stress and failure: 200 parallel creates get 200 distinct ids
 * and record numbers; a create that fails half-way leaves nothing behind; an
 * unreachable database answers SERVICE_UNAVAILABLE; one list page is one
 * statement (timed here).
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { openDatabase } from "../../adapters/mysql/database.ts";
import { MysqlModuleCatalog } from "../../adapters/mysql/mysql_module_catalog.ts";
import { openMysqlPorts } from "../../adapters/mysql/mysql_ports.ts";
import { StartupDatabaseError } from "../../adapters/mysql/startup_errors.ts";
import { isUnreachable } from "../../adapters/mysql/driver_errors.ts";
import { DomainError } from "../../domain/errors.ts";
import { adminTestPerVersion, adminToken, openService, scalar } from "./mysql_support.ts";
import { mysqlTestsEnabled } from "./vtiger_test_database.ts";

const PARALLEL_CREATES = 200;

function isCode(code: string): (error: unknown) => boolean {
  return (error: unknown) => error instanceof DomainError && error.code === code;
}

adminTestPerVersion(
  (version) => `write integrity on Vtiger ${version}`,
  async (t, { database, service, useCases, token }) => {
    await t.step(
      `${PARALLEL_CREATES} creates in parallel: distinct ids and numbers, all readable`,
      async () => {
        const seqBefore = Number(
          await scalar(database, sql`SELECT id FROM vtiger_crmentity_seq`),
        );
        const started = performance.now();
        const ids = await Promise.all(
          Array.from({ length: PARALLEL_CREATES }, (_, index) =>
            useCases.createRecord.execute({
              token,
              module: "Accounts",
              values: { accountname: `Parallel ${index}`, employees: String(index) },
            })),
        );
        const elapsed = performance.now() - started;
        console.log(
          `  ${PARALLEL_CREATES} parallel creates on ${database.version}: ${elapsed.toFixed(0)} ms`,
        );
        assert.equal(new Set(ids).size, PARALLEL_CREATES);
        assert.equal(Math.min(...ids), seqBefore + 1);
        assert.equal(Math.max(...ids), seqBefore + PARALLEL_CREATES);
        assert.equal(
          await scalar(database, sql`SELECT id FROM vtiger_crmentity_seq`),
          String(seqBefore + PARALLEL_CREATES),
        );
        const numbers = (await sql<{ account_no: string }>`SELECT account_no FROM vtiger_account`
          .execute(database.db)).rows;
        assert.equal(new Set(numbers.map((row) => row.account_no)).size, PARALLEL_CREATES);
        assert.equal(
          await scalar(
            database,
            sql`SELECT cur_id FROM vtiger_modentity_num WHERE semodule = 'Accounts' AND active = 1`,
          ),
          String(PARALLEL_CREATES + 1),
        );
        assert.equal(
          await scalar(
            database,
            sql`SELECT COUNT(DISTINCT id) FROM vtiger_modtracker_basic WHERE module = 'Accounts' AND status = 2`,
          ),
          String(PARALLEL_CREATES),
        );
        const records = await Promise.all(
          ids.map((id) => useCases.getRecord.execute({ token, module: "Accounts", id })),
        );
        assert.deepEqual(records.map((record) => Number(record.record_id)), ids);
      },
    );

    await t.step("one list page of 100 records is one statement, timed", async () => {
      const started = performance.now();
      const page = await useCases.listRecords.execute({
        token,
        module: "Accounts",
        start: 50,
        length: 100,
      });
      const elapsed = performance.now() - started;
      console.log(`  a 100-record Accounts page on ${database.version}: ${elapsed.toFixed(1)} ms`);
      assert.equal(page.length, 100);
      const sorted = await useCases.listRecords.execute({
        token,
        module: "Accounts",
        order: "employees DESC",
        length: 3,
      });
      assert.deepEqual(sorted.map((record) => record.employees), ["199", "198", "197"]);
    });

    await t.step("a create failing half-way leaves nothing behind", async () => {
      const snapshot = async () => [
        await scalar(database, sql`SELECT id FROM vtiger_crmentity_seq`),
        await scalar(
          database,
          sql`SELECT cur_id FROM vtiger_modentity_num WHERE semodule = 'Accounts' AND active = 1`,
        ),
        await scalar(database, sql`SELECT COUNT(*) FROM vtiger_crmentity`),
        await scalar(database, sql`SELECT COUNT(*) FROM vtiger_account`),
        await scalar(database, sql`SELECT COUNT(*) FROM vtiger_accountbillads`),
        await scalar(database, sql`SELECT COUNT(*) FROM vtiger_modtracker_basic`),
        await scalar(database, sql`SELECT COUNT(*) FROM vtiger_modtracker_detail`),
        await scalar(database, sql`SELECT id FROM vtiger_modtracker_basic_seq`),
      ];
      const before = await snapshot();
      // The custom-field table is written after vtiger_crmentity, vtiger_account and both
      // address tables: the failure comes in the middle of the create.
      await sql`CREATE TRIGGER vtrest_test_fail BEFORE INSERT ON vtiger_accountscf
            FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'forced failure'`
        .execute(database.db);
      try {
        await assert.rejects(
          useCases.createRecord.execute({
            token,
            module: "Accounts",
            values: { accountname: "Doomed" },
          }),
          (error: unknown) => error instanceof Error && !error.message.includes("INSERT"),
        );
      } finally {
        await sql`DROP TRIGGER vtrest_test_fail`.execute(database.db);
      }
      assert.deepEqual(await snapshot(), before);
      const id = await useCases.createRecord.execute({
        token,
        module: "Accounts",
        values: { accountname: "Fine" },
      });
      assert.equal(id, Number(before[0]) + 1);
    });

    await t.step(
      "values the column cannot hold are INVALID_FIELD_VALUE, nothing written",
      async () => {
        const count = await scalar(database, sql`SELECT COUNT(*) FROM vtiger_crmentity`);
        await assert.rejects(
          useCases.createRecord.execute({
            token,
            module: "Accounts",
            values: { accountname: "Emoji 😀 \u4e2d" },
          }),
          isCode("INVALID_FIELD_VALUE"),
        );
        assert.equal(await scalar(database, sql`SELECT COUNT(*) FROM vtiger_crmentity`), count);
      },
    );

    await t.step("sessions are shared by every instance of the service", async () => {
      const other = await openService(database);
      try {
        const listed = await other.useCases.listRecords.execute({
          token,
          module: "Accounts",
          length: 1,
        });
        assert.equal(listed.length, 1);
        await other.useCases.logout.execute({ token: await adminToken(other) });
      } finally {
        await other.close();
      }
    });

    await t.step("only active, non-deleted users log in; groups are owners", async () => {
      await sql`INSERT INTO vtiger_users (id, user_name, user_password, crypt_type, status, deleted, is_admin, accesskey)
            VALUES (90, 'former', ${"$1$fo000000$QSJWLxbULu2kEkXEe5e3q."}, 'PHP5.3MD5', 'Inactive', 0, 'off', 'FormerKey0000001'),
                   (91, 'gone', '', 'PHP5.3MD5', 'Active', 1, 'off', 'GoneKey000000001')`.execute(
        database.db,
      );
      await assert.rejects(
        useCases.loginWithAccessKey.execute({ accessKey: "FormerKey0000001" }),
        isCode("AUTH_FAILED"),
      );
      await assert.rejects(
        useCases.loginWithAccessKey.execute({ accessKey: "GoneKey000000001" }),
        isCode("AUTH_FAILED"),
      );
      await assert.rejects(
        useCases.loginWithAccessKey.execute({ accessKey: "formerkey0000001".toUpperCase() }),
        isCode("AUTH_FAILED"),
      );
      const users = service.opened.ports.users;
      assert.equal(await users.ownerExists(3), true);
      assert.equal(await users.ownerExists(90), false);
      assert.equal(await users.userExists(1), true);
      assert.equal(await users.findById(91), undefined);
      const id = await useCases.createRecord.execute({
        token,
        module: "Accounts",
        values: { accountname: "Group owned", assigned_user_id: "3" },
      });
      assert.equal(
        await scalar(database, sql`SELECT smownerid FROM vtiger_crmentity WHERE crmid = ${id}`),
        "3",
      );
      await assert.rejects(
        useCases.createRecord.execute({
          token,
          module: "Accounts",
          values: { accountname: "x", assigned_user_id: "90" },
        }),
        isCode("INVALID_FIELD_VALUE"),
      );
    });
  },
);

Deno.test({
  name: "an unreachable database answers SERVICE_UNAVAILABLE",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    // Opening the service says where it failed (startup_errors.ts); the cause is the refusal.
    await assert.rejects(
      openMysqlPorts({ url: "mysql://root@127.0.0.1:1/vtiger" }),
      (error: unknown) => error instanceof StartupDatabaseError && isUnreachable(error.cause),
    );
    const database = openDatabase("mysql://root@127.0.0.1:1/vtiger");
    try {
      const catalog = new MysqlModuleCatalog(database.db, { ttlSeconds: 60 });
      await assert.rejects(
        catalog.findModule("Accounts"),
        (error: unknown) =>
          isCode("SERVICE_UNAVAILABLE")(error) &&
          !(error as Error).message.toLowerCase().includes("select"),
      );
    } finally {
      await database.close();
    }
  },
});

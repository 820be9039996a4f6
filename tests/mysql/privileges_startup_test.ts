/**
 * Database privileges, on the real entry point: a start as a user with too
 * few says which are missing before anything is created; `deno task migrate`
 * run once as an administrator creates vtrest's tables and the ModTracker
 * sequence; the service then runs, writes included, with SELECT, INSERT,
 * UPDATE and DELETE only.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { runUntilExit, startService } from "../entry/_service_process.ts";
import { scalar } from "./mysql_support.ts";
import {
  createVtigerDatabase,
  MYSQL_TEST_URL,
  mysqlTestsEnabled,
  runOnServer,
} from "./vtiger_test_database.ts";

const PASSWORD = "Ops-Limited-Pw-1";

/** The URL of the database as another user. */
function urlAs(user: string, database: string): string {
  const url = new URL(MYSQL_TEST_URL!);
  url.username = user;
  url.password = PASSWORD;
  url.pathname = `/${database}`;
  return url.href;
}

async function vtrestTables(database: { name: string; db: Parameters<typeof scalar>[0]["db"] }) {
  return Number(
    await scalar(
      database as Parameters<typeof scalar>[0],
      sql`SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
        AND (TABLE_NAME LIKE 'vtrest%' OR TABLE_NAME = 'vtiger_modtracker_basic_seq')`,
    ),
  );
}

Deno.test({
  name: "privileges: too few say which, migrate once as an administrator, then run with four",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using database = await createVtigerDatabase("7.1.0");
    const suffix = database.name.slice(-8);
    const four = `ops_four_${suffix}`;
    const three = `ops_three_${suffix}`;
    await runOnServer(`
      CREATE USER '${four}'@'%' IDENTIFIED BY '${PASSWORD}';
      GRANT SELECT, INSERT, UPDATE, DELETE ON \`${database.name}\`.* TO '${four}'@'%';
      CREATE USER '${three}'@'%' IDENTIFIED BY '${PASSWORD}';
      GRANT SELECT, INSERT, UPDATE ON \`${database.name}\`.* TO '${three}'@'%';`);
    try {
      await t.step("a fresh database and the plain four: run deno task migrate first", async () => {
        const { code, stdout, stderr } = await runUntilExit({
          VTIGER_DB_URL: urlAs(four, database.name),
        });
        assert.equal(code, 1);
        assert.equal(stdout, "");
        assert.match(
          stderr.trim(),
          new RegExp(
            `^vtrest: '${four}'@'%' lacks CREATE, ALTER, INDEX on '${database.name}', needed for ` +
              "vtrest's migrations 0001_sessions, .* to apply and vtiger_modtracker_basic_seq to " +
              "create: run `deno task migrate` once as a database administrator, or grant them$",
          ),
        );
        assert.ok(!stderr.includes(PASSWORD));
        assert.equal(await vtrestTables(database), 0, "nothing was created");
      });

      await t.step("deno task migrate as an administrator creates what is needed", async () => {
        const { code, stdout, stderr } = await runUntilExit(
          { VTIGER_DB_URL: database.url },
          [
            "run",
            "--allow-net",
            "--allow-env",
            "--allow-read",
            "adapters/mysql/migrate_command.ts",
          ],
        );
        assert.equal(code, 0, stderr);
        assert.match(stdout, /0001_sessions: Success/);
        assert.match(stdout, /vtiger_modtracker_basic_seq: created/);
        assert.ok(await vtrestTables(database) >= 3);
      });

      await t.step("a user without DELETE is told so", async () => {
        const { code, stderr } = await runUntilExit({ VTIGER_DB_URL: urlAs(three, database.name) });
        assert.equal(code, 1);
        assert.equal(
          stderr.trim(),
          `vtrest: '${three}'@'%' lacks DELETE on '${database.name}': ` +
            "vtrest needs SELECT, INSERT, UPDATE, DELETE on it",
        );
      });

      await t.step("the plain four then run the service, history writes included", async () => {
        // The 7.1.0 dump's admin logs in with "admin" (tests/mysql/mysql_support.ts).
        const service = await startService({ VTIGER_DB_URL: urlAs(four, database.name) });
        try {
          const start = JSON.parse(service.lines.find((line) => line.includes('"event":"start"'))!);
          assert.equal(start.db_name, database.name, "the start line names the database");
          assert.match(start.db_host, /:\d+$/);
          assert.ok(!service.lines.join("\n").includes(PASSWORD), "never the password");
          const login = await (await fetch(`${service.base}/auth/admin/admin`)).json();
          assert.equal(login.success, true, JSON.stringify(login));
          const created = await fetch(`${service.base}/Accounts/${login.result}`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ accountname: "Four Privileges Ltd" }),
          });
          assert.equal(created.status, 201, await created.clone().text());
          const ready = await fetch(`${service.base.replace(/\/modules\/RestfulApi$/, "")}/readyz`);
          assert.equal(ready.status, 200);
          await ready.body?.cancel();
        } finally {
          service.kill("SIGTERM");
          assert.equal((await service.ended()).code, 0);
        }
      });
    } finally {
      await runOnServer(`DROP USER IF EXISTS '${four}'@'%'; DROP USER IF EXISTS '${three}'@'%';`);
    }
  },
});

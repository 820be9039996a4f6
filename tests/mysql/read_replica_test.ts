/**
 * `VTIGER_DB_READ_URL` on MariaDB: the "replica" is a second database on the
 * same server whose copy of a record differs from the primary's, so that
 * each answer shows which database gave it. Record reads of GET requests go
 * to the replica; writes, and the writer's reads for
 * `READ_YOUR_WRITES_SECONDS` after them, go to the primary, on the instance
 * that wrote at once and on another within `AUTH_CACHE_SECONDS`.
 */

import assert from "node:assert/strict";
import { readConfig } from "../../adapters/env/config.ts";
import { describeStartupError } from "../../adapters/mysql/startup_errors.ts";
import { buildService } from "../../main.ts";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";
import { setAdminPassword } from "./mysql_support.ts";
import { createAccount, seedReplicaAccount, timedName } from "./_replica_pair.ts";
import { type Instance, login, msUntil, startInstance } from "./_two_instances.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

/** The account's name as the instance reads it by id. */
async function nameOf(instance: Instance, token: string, id: number): Promise<string> {
  return (await timedName(instance, token, id)).name;
}

Deno.test({
  name: "reads go to the read replica, a writer's to the primary for a few seconds",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using primary = await createVtigerDatabase("7.1.0");
    await using replica = await createVtigerDatabase("7.1.0");
    await setAdminPassword(primary);
    await setAdminPassword(replica);
    // The same record in both, named after the database holding it.
    const id = await seedReplicaAccount(replica);
    const settings = {
      VTIGER_DB_URL: primary.url,
      VTIGER_DB_READ_URL: replica.url,
      READ_YOUR_WRITES_SECONDS: "3",
      AUTH_CACHE_SECONDS: "1",
    };
    const a = await startInstance(settings);
    const b = await startInstance(settings);
    try {
      const token = await login(a);
      assert.equal(await createAccount(a, token, "Acme (primary)"), id, "the same id in both");

      await t.step("the writer reads its write from the primary at once", async () => {
        assert.equal(await nameOf(a, token, id), "Acme (primary)");
      });

      await t.step("another instance too, asking the shared counters", async () => {
        assert.equal(await nameOf(b, token, id), "Acme (primary)");
      });

      await t.step("once the window is over, reads go to the replica", async () => {
        const took = await msUntil(
          async () => await nameOf(a, token, id) === "Acme (replica)",
          5000,
        );
        // The window (3 s) began before the create; 100 ms polls and a loaded machine add a little.
        assert.ok(took !== undefined && took <= 3600, `after ${took} ms`);
        assert.equal(await nameOf(b, token, id), "Acme (replica)");
        const list = await (await a.call(`Accounts/${token}`)).json();
        assert.deepEqual(list.result.map((record: { accountname: string }) => record.accountname), [
          "Acme (replica)",
        ]);
      });

      await t.step("an update's own reads are the primary's; then the writer's", async () => {
        const answer = await a.call(`Accounts/${id}/${token}`, {
          method: "PUT",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ website: "www.acme.example" }),
        });
        assert.equal(answer.status, 200, await answer.text());
        const read = await (await a.call(`Accounts/${id}/${token}`)).json();
        assert.equal(read.result.accountname, "Acme (primary)");
        assert.equal(read.result.website, "www.acme.example");
      });

      await t.step("another instance sees the write within AUTH_CACHE_SECONDS", async () => {
        const took = await msUntil(
          async () => await nameOf(b, token, id) === "Acme (primary)",
          2000,
        );
        assert.ok(took !== undefined && took <= 1600, `after ${took} ms`);
        console.log(`instance B sent the writer's reads to the primary after ${took} ms`);
      });

      await t.step("readiness asks both databases", async () => {
        const ready = await a.call("../../readyz");
        assert.equal(ready.status, 200, await ready.text());
      });
    } finally {
      await a.close();
      await b.close();
    }
  },
});

Deno.test({
  name: "a read replica that cannot be opened stops the start with one line",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using primary = await createVtigerDatabase("7.1.0");
    const missing = new URL(primary.url);
    missing.pathname = "/vtrest_no_such_replica";
    const failure = await buildService(
      readConfig({ VTIGER_DB_URL: primary.url, VTIGER_DB_READ_URL: missing.toString() }),
      new MemoryLogger(),
    ).then(() => undefined, (error) => error);
    assert.equal(
      describeStartupError(failure),
      `cannot open the Vtiger read replica 'vtrest_no_such_replica' at ${missing.hostname}:${
        missing.port || "3306"
      }: Unknown database 'vtrest_no_such_replica'`,
    );
  },
});

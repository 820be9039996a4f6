/**
 * Several instances against one database behave as one: two whole services
 * (as `deno task start` builds them, `AUTH_CACHE_SECONDS=1`) share sessions,
 * the login throttle and the rate limit through the database, and each
 * refuses a session ended on the other (logout, deactivation, password
 * change) within the session cache's lifetime.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { setAdminPassword } from "./mysql_support.ts";
import { type Instance, login, msUntil, startInstance } from "./_two_instances.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

/** The cache lifetime the instances run with, and the slack a loaded machine gets on it. */
const CACHE_MS = 1000;
const SLACK_MS = 600;

Deno.test({
  name: "two instances on one database behave as one",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using database = await createVtigerDatabase("7.1.0");
    await setAdminPassword(database);
    const settings = {
      VTIGER_DB_URL: database.url,
      AUTH_CACHE_SECONDS: String(CACHE_MS / 1000),
      RATE_LIMIT_PER_MINUTE: "100",
    };
    const a = await startInstance(settings);
    const b = await startInstance(settings);
    const users = (set: string) =>
      sql.raw(`UPDATE vtiger_users SET ${set} WHERE id = 1`).execute(database.db);
    /** Both instances have just read (and cached) the token's session. */
    const useOnBoth = async (token: string) => {
      assert.equal(await a.status(`Accounts/${token}`), 200);
      assert.equal(await b.status(`Accounts/${token}`), 200);
    };
    /** Milliseconds until `instance` refuses the token (401), polled every 100 ms. */
    const untilRefused = (instance: Instance, token: string) =>
      msUntil(async () => await instance.status(`Accounts/${token}`) === 401, 3000);
    try {
      await t.step("a token from a login on A works on B", async () => {
        const token = await login(a);
        assert.equal(await b.status(`Accounts/${token}`), 200);
        assert.equal(await b.status(`Accounts/${token}`), 200);
      });

      await t.step(
        "a logout on A: refused at once on A, within the cache lifetime on B",
        async () => {
          const token = await login(a);
          await useOnBoth(token);
          assert.equal(await a.status(`auth/${token}`, { method: "DELETE" }), 200);
          assert.equal(await a.status(`Accounts/${token}`), 401, "at once on A");
          const onB = await untilRefused(b, token);
          assert.ok(
            onB !== undefined && onB <= CACHE_MS + SLACK_MS,
            `B refused it after ${onB} ms`,
          );
          console.log(`logout on A refused on B after ${onB} ms (AUTH_CACHE_SECONDS=1)`);
        },
      );

      await t.step("a logout on B ends what A cached, and vice versa", async () => {
        const token = await login(b);
        await useOnBoth(token);
        assert.equal(await b.status(`auth/${token}`, { method: "DELETE" }), 200);
        const onA = await untilRefused(a, token);
        assert.ok(onA !== undefined && onA <= CACHE_MS + SLACK_MS, `A refused it after ${onA} ms`);
      });

      for (
        const [what, end, undo] of [
          ["a deactivation", "status = 'Inactive'", "status = 'Active'"],
          [
            "a password change",
            "user_password = CONCAT(user_password, 'x')",
            "user_password = LEFT(user_password, CHAR_LENGTH(user_password) - 1)",
          ],
        ] as const
      ) {
        await t.step(`${what} in Vtiger is seen by both within the cache lifetime`, async () => {
          const token = await login(a);
          await useOnBoth(token);
          await users(end);
          try {
            const [onA, onB] = await Promise.all([untilRefused(a, token), untilRefused(b, token)]);
            for (const [name, ms] of [["A", onA], ["B", onB]] as const) {
              assert.ok(ms !== undefined && ms <= CACHE_MS + SLACK_MS, `${name} after ${ms} ms`);
            }
            console.log(`${what} refused on A after ${onA} ms, on B after ${onB} ms`);
          } finally {
            await users(undo);
          }
        });
      }

      await t.step("RATE_LIMIT_PER_MINUTE counts the calls made on both", async () => {
        const token = await login(a);
        for (let call = 0; call < 50; call++) {
          assert.equal(await a.status(`Accounts/${token}`), 200);
          assert.equal(await b.status(`Accounts/${token}`), 200);
        }
        const refused = await b.call(`Accounts/${token}`);
        assert.equal(refused.status, 429);
        assert.equal(refused.headers.get("RateLimit-Remaining"), "0");
        await refused.body?.cancel();
        assert.equal(await a.status(`Accounts/${token}`), 429);
      });

      await t.step("the login throttle counts failures made on both", async () => {
        const client = "203.0.113.9";
        for (const instance of [a, b, a, b, a]) {
          assert.equal(await instance.status("auth/admin/guess", { client }), 401);
        }
        for (const instance of [b, a]) {
          const answer = await instance.call("auth/admin/admin", { client });
          assert.equal(answer.status, 429, "the sixth try waits, on either instance");
          assert.ok(Number(answer.headers.get("Retry-After")) >= 1);
          await answer.body?.cancel();
        }
      });
    } finally {
      await a.close();
      await b.close();
    }
  },
});

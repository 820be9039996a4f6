/**
 * What ends a session besides its sliding expiry: a password or access key
 * change, a deactivation or deletion of its user, its absolute lifetime, and
 * newer sessions of the same user beyond the per-user bound.
 */

import assert from "node:assert/strict";
import apacheMd5 from "apache-md5";
import { DEMO_USERS } from "../../adapters/memory/demo/demo_users.ts";
import type { StoredUser } from "../../domain/user.ts";
import { demo, rejectsDomainError } from "./_support.ts";

const md5Crypt = apacheMd5 as unknown as (password: string, salt: string) => string;

/** The demo's sales user as stored, to change. */
const SALES: StoredUser = DEMO_USERS.find((user) => user.userName === "sales")!;

Deno.test("a change to the user ends their sessions", async (t) => {
  const changes: Array<[string, Partial<StoredUser>, string]> = [
    [
      "a new password",
      { passwordHash: md5Crypt("changed", "$1$sa000000$"), cryptType: "PHP5.3MD5" },
      "password or access key changed",
    ],
    ["a new access key", { accessKey: "NewSalesKey00001" }, "password or access key changed"],
    ["a deactivation", { active: false }, "no longer active"],
  ];
  for (const [what, change, message] of changes) {
    await t.step(`${what}: INVALID_TOKEN, and the session is removed`, async () => {
      const { ports, useCases, login } = demo();
      const token = await login("sales");
      const adminToken = await login("admin");
      const list = (token: string) => useCases.listRecords.execute({ token, module: "Accounts" });
      await list(token);
      ports.users.put({ ...SALES, ...change });
      await rejectsDomainError(list(token), "INVALID_TOKEN", message);
      assert.equal(await ports.sessions.find(await ports.tokens.hash(token)), undefined);
      await list(adminToken); // other users' sessions live on
    });
  }

  await t.step("a deletion: INVALID_TOKEN", async () => {
    const { ports, useCases, login } = demo();
    const token = await login("sales");
    ports.users.remove(SALES.id);
    await rejectsDomainError(
      useCases.getRecord.execute({ token, module: "Accounts", id: 3 }),
      "INVALID_TOKEN",
      "no longer active",
    );
  });

  await t.step("after a password change, a new login with it works", async () => {
    const { ports, useCases, login } = demo();
    await login("sales");
    ports.users.put({
      ...SALES,
      passwordHash: md5Crypt("changed", "$1$sa000000$"),
      cryptType: "PHP5.3MD5",
    });
    await rejectsDomainError(login("sales", "sales"), "AUTH_FAILED");
    const token = await login("sales", "changed");
    await useCases.listRecords.execute({ token, module: "Accounts" });
  });

  await t.step("a change to nothing of the credentials keeps the session", async () => {
    const { ports, useCases, login } = demo();
    const token = await login("sales");
    ports.users.put({ ...SALES, isAdmin: false, roleId: SALES.roleId });
    await useCases.listRecords.execute({ token, module: "Accounts" });
  });
});

Deno.test("TOKEN_MAX_AGE_SECONDS: no session outlives it, however often used", async (t) => {
  await t.step("used every ten minutes, the session ends at its absolute lifetime", async () => {
    const { clock, useCases, login } = demo({
      settings: { sessionTtlSeconds: 3600, sessionMaxAgeSeconds: 7200 },
    });
    const token = await login("admin");
    const list = () => useCases.listRecords.execute({ token, module: "Accounts" });
    for (let minutes = 10; minutes < 120; minutes += 10) {
      clock.advance(600);
      await list();
    }
    clock.advance(599); // 7199 s after login
    await list();
    clock.advance(1);
    await rejectsDomainError(list(), "INVALID_TOKEN", "expired");
  });

  await t.step("the default is one day", async () => {
    const { clock, useCases, login } = demo();
    const token = await login("admin");
    const list = () => useCases.listRecords.execute({ token, module: "Accounts" });
    for (let minutes = 0; minutes < 24 * 60; minutes += 50) {
      await list();
      clock.advance(50 * 60);
    }
    // 24 h 10 min after login: the sliding expiry alone would still let it in.
    await rejectsDomainError(list(), "INVALID_TOKEN", "expired");
  });
});

Deno.test("the live sessions of a user are bounded; the oldest go first", async () => {
  const { clock, useCases, login } = demo({ settings: { maxSessionsPerUser: 3 } });
  const list = (token: string) => useCases.listRecords.execute({ token, module: "Accounts" });
  const other = await login("sales");
  const tokens: string[] = [];
  for (let index = 0; index < 5; index++) {
    tokens.push(await login("admin"));
    clock.advance(1);
  }
  for (const token of tokens.slice(0, 2)) {
    await rejectsDomainError(list(token), "INVALID_TOKEN");
  }
  for (const token of tokens.slice(2)) await list(token);
  await list(other);
});

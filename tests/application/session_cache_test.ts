/**
 * The session cache: a token used again within AUTH_CACHE_SECONDS costs no
 * read, a logout or revocation made here shows at once, and what happens
 * elsewhere (deactivation, password change, logout on another instance)
 * shows within the cache's lifetime, never later; the cache never ends a
 * session the store still holds.
 */

import assert from "node:assert/strict";
import { SessionCache } from "../../application/session_cache.ts";
import type { Session } from "../../domain/session.ts";
import type { UserAccount } from "../../domain/user.ts";
import { DEMO_USERS } from "../../adapters/memory/demo/demo_users.ts";
import { demo, rejectsDomainError } from "./_support.ts";

const CACHE_SECONDS = 5;

/** A demo whose use cases remember sessions, counting the session and user reads. */
function cachedDemo() {
  const setup = demo({ settings: { authCacheSeconds: CACHE_SECONDS } });
  const reads = { sessions: 0, users: 0 };
  const { sessions, users } = setup.ports;
  const find = sessions.find.bind(sessions);
  sessions.find = (hash) => {
    reads.sessions++;
    return find(hash);
  };
  const findById = users.findById.bind(users);
  users.findById = (id) => {
    reads.users++;
    return findById(id);
  };
  const read = (token: string) =>
    setup.useCases.getRecord.execute({ token, module: "Accounts", id: 3 });
  return { ...setup, reads, read };
}

const sales = DEMO_USERS.find((user) => user.userName === "sales")!;

Deno.test("a token used again within the lifetime reads neither session nor user", async () => {
  const { login, read, reads, clock } = cachedDemo();
  const token = await login("sales");
  await read(token);
  assert.deepEqual(reads, { sessions: 1, users: 1 });
  clock.advance(CACHE_SECONDS - 1);
  await read(token);
  await read(token);
  assert.deepEqual(reads, { sessions: 1, users: 1 });
  clock.advance(1);
  await read(token);
  assert.deepEqual(reads, { sessions: 2, users: 2 }, "read again once the lifetime is over");
});

Deno.test("a logout on this instance is refused at once", async () => {
  const { login, read, useCases } = cachedDemo();
  const token = await login("sales");
  await read(token);
  await useCases.logout.execute({ token });
  await rejectsDomainError(read(token), "INVALID_TOKEN");
});

Deno.test("a logout elsewhere is refused within the lifetime", async () => {
  const { login, read, ports, clock } = cachedDemo();
  const token = await login("sales");
  await read(token);
  // Another instance revokes the session in the shared store.
  const hash = await ports.tokens.hash(token);
  await ports.sessions.revoke(hash);
  await read(token);
  clock.advance(CACHE_SECONDS);
  await rejectsDomainError(read(token), "INVALID_TOKEN");
});

Deno.test("a deactivation or a password change elsewhere ends sessions within the lifetime", async (t) => {
  for (
    const [what, change] of [
      ["deactivation", { active: false }],
      ["password change", { passwordHash: "$1$sa000000$changedchangedchanged0" }],
      ["access key change", { accessKey: "ChangedKey000001" }],
    ] as const
  ) {
    await t.step(what, async () => {
      const { login, read, ports, clock } = cachedDemo();
      const token = await login("sales");
      await read(token);
      ports.users.put({ ...sales, ...change });
      await read(token);
      clock.advance(CACHE_SECONDS);
      await rejectsDomainError(read(token), "INVALID_TOKEN");
      ports.users.put(sales);
      // The session stays revoked once the user is as before.
      await rejectsDomainError(read(token), "INVALID_TOKEN");
    });
  }
});

Deno.test("a session the cached copy says has expired is read again, not refused", async () => {
  // Remembered longer than a session lives unused, so that the copy can run out while held.
  const setup = demo({ settings: { authCacheSeconds: 30, sessionTtlSeconds: 10 } });
  const read = (token: string) =>
    setup.useCases.getRecord.execute({ token, module: "Accounts", id: 3 });
  const token = await setup.login("sales");
  setup.clock.advance(0.5);
  await read(token);
  // Another instance slides the session far ahead; the remembered copy keeps the old expiry.
  const hash = await setup.ports.tokens.hash(token);
  await setup.ports.sessions.touch(hash, new Date(setup.clock.now().getTime() + 100_000));
  setup.clock.advance(10);
  await read(token);
  assert.ok(await setup.ports.sessions.find(hash), "the session was not revoked");
});

Deno.test("a login forgets the user's remembered sessions (it may have revoked the oldest)", async () => {
  const setup = demo({ settings: { authCacheSeconds: CACHE_SECONDS, maxSessionsPerUser: 1 } });
  const read = (token: string) =>
    setup.useCases.getRecord.execute({ token, module: "Accounts", id: 3 });
  const first = await setup.login("sales");
  await read(first);
  setup.clock.advance(1);
  const second = await setup.login("sales");
  await rejectsDomainError(read(first), "INVALID_TOKEN");
  await read(second);
});

Deno.test("the cache is bounded, oldest first, and a lifetime of 0 is refused", () => {
  const cache = new SessionCache(5, 2);
  const now = new Date("2024-01-01T00:00:00Z");
  const session = (hash: string): Session => ({
    tokenHash: hash,
    userId: 5,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
    credentialFingerprint: "f",
  });
  const user = { id: 5 } as UserAccount;
  for (const hash of ["a", "b", "c"]) cache.remember(session(hash), user, now);
  assert.equal(cache.size, 2);
  assert.equal(cache.get("a", now), undefined);
  assert.ok(cache.get("c", now));
  cache.forgetUser(5);
  assert.equal(cache.size, 0);
  assert.throws(() => new SessionCache(0));
});

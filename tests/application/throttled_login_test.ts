/**
 * The login throttle slows guessing without locking the owner out: an
 * attacker's client waits longer and longer, the owner's known client and
 * access-key logins go through, and huge user names cost no memory.
 */

import assert from "node:assert/strict";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { MemoryCounterStore } from "../../adapters/memory/memory_counter_store.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { DEFAULT_THROTTLE_POLICY, type ThrottlePolicy } from "../../domain/login_throttling.ts";
import { MAX_PASSWORD_CHECKS_PER_CLIENT } from "../../application/throttled_login.ts";
import { DomainError } from "../../domain/errors.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import type { CounterStore } from "../../domain/ports.ts";

const POLICY: ThrottlePolicy = {
  ...DEFAULT_THROTTLE_POLICY,
  pairFreeFailures: 3,
  userFreeFailures: 6,
  clientFreeFailures: 10,
};

function setup() {
  const clock = new FixedClock("2026-01-01T00:00:00Z");
  const counters = new MemoryCounterStore();
  const useCases = createUseCases({ ...createDemoPorts({ clock }), counters }, {
    throttlePolicy: POLICY,
  });
  const login = (userName: string, password: string, clientAddress?: string) =>
    outcome(useCases.loginWithPassword.execute({ userName, password, clientAddress }));
  const keyLogin = (accessKey: string, clientAddress?: string) =>
    outcome(useCases.loginWithAccessKey.execute({ accessKey, clientAddress }));
  return { clock, counters, login, keyLogin };
}

/** `OK`, or the error's code (with the wait for TOO_MANY_REQUESTS: `TOO_MANY_REQUESTS 4`). */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const wait = error.details.retryAfterSeconds;
    return wait === undefined ? error.code : `${error.code} ${wait}`;
  }
}

const OWNER = "198.51.100.7";
const ATTACKER = "203.0.113.66";

Deno.test("one attacker's client: free failures, then waits that double", async () => {
  const { clock, login } = setup();
  for (let attempt = 0; attempt < 3; attempt++) {
    assert.equal(await login("admin", "guess", ATTACKER), "AUTH_FAILED");
  }
  assert.equal(await login("admin", "admin", ATTACKER), "TOO_MANY_REQUESTS 1");
  clock.advance(1);
  assert.equal(await login("admin", "guess", ATTACKER), "AUTH_FAILED");
  assert.equal(await login("admin", "guess", ATTACKER), "TOO_MANY_REQUESTS 2");
  clock.advance(2);
  assert.equal(await login("admin", "guess", ATTACKER), "AUTH_FAILED");
  assert.equal(await login("admin", "guess", ATTACKER), "TOO_MANY_REQUESTS 4");
  // Meanwhile the owner, from their own client, is not slowed at all.
  assert.equal(await login("admin", "admin", OWNER), "OK");
});

Deno.test("many attackers' clients: the owner's known client still logs in", async () => {
  const { clock, login, keyLogin } = setup();
  assert.equal(await login("admin", "admin", OWNER), "OK"); // OWNER is now known for admin
  clock.advance(3600);
  for (let index = 0; index < 6; index++) {
    assert.equal(await login("admin", "guess", `203.0.113.${index}`), "AUTH_FAILED");
  }
  assert.equal(await login("admin", "guess", "203.0.113.100"), "TOO_MANY_REQUESTS 1");
  clock.advance(1);
  assert.equal(await login("admin", "guess", "203.0.113.101"), "AUTH_FAILED");
  assert.equal(await login("admin", "guess", "203.0.113.102"), "TOO_MANY_REQUESTS 2");
  // A client that never logged in as admin waits as an attacker does...
  assert.equal(await login("admin", "admin", "192.0.2.99"), "TOO_MANY_REQUESTS 2");
  // ...but the owner's known client does not, and neither does an access key.
  assert.equal(await login("admin", "admin", OWNER), "OK");
  assert.equal(await keyLogin("DemoAccessKey016", "192.0.2.99"), "OK");
  // Another user is not slowed by admin's attackers.
  assert.equal(await login("sales", "sales", "203.0.113.200"), "OK");
});

Deno.test("one address spraying many names waits; known pairs behind it go through", async () => {
  // Behind a proxy without TRUST_PROXY every client has the proxy's address.
  const { login } = setup();
  const proxy = "10.0.0.1";
  assert.equal(await login("sales", "sales", proxy), "OK");
  for (let index = 0; index < 10; index++) {
    assert.equal(await login(`user${index}`, "guess", proxy), "AUTH_FAILED");
  }
  assert.equal(await login("user99", "guess", proxy), "TOO_MANY_REQUESTS 1");
  assert.equal(await login("admin", "admin", proxy), "TOO_MANY_REQUESTS 1");
  assert.equal(await login("sales", "sales", proxy), "OK");
});

Deno.test("a success clears its own pair's failures", async () => {
  const { login } = setup();
  for (let attempt = 0; attempt < 2; attempt++) {
    assert.equal(await login("admin", "typo", OWNER), "AUTH_FAILED");
  }
  assert.equal(await login("admin", "admin", OWNER), "OK");
  for (let attempt = 0; attempt < 3; attempt++) {
    assert.equal(await login("admin", "typo", OWNER), "AUTH_FAILED");
  }
  assert.equal(await login("admin", "typo", OWNER), "TOO_MANY_REQUESTS 1");
});

Deno.test("failures are forgotten after an hour of quiet", async () => {
  const { clock, login } = setup();
  for (let attempt = 0; attempt < 3; attempt++) await login("admin", "guess", ATTACKER);
  assert.equal(await login("admin", "guess", ATTACKER), "TOO_MANY_REQUESTS 1");
  clock.advance(3600);
  assert.equal(await login("admin", "guess", ATTACKER), "AUTH_FAILED");
});

Deno.test("access keys: counted per client apart from passwords", async () => {
  const { login, keyLogin } = setup();
  for (let attempt = 0; attempt < 10; attempt++) {
    assert.equal(await keyLogin(`WrongKey${attempt}`, ATTACKER), "AUTH_FAILED");
  }
  assert.equal(await keyLogin("DemoAccessKey016", ATTACKER), "TOO_MANY_REQUESTS 1");
  assert.equal(await keyLogin("DemoAccessKey016", OWNER), "OK");
  assert.equal(await login("admin", "admin", ATTACKER), "OK");
  // Password failures, even many, never slow an access-key login.
  for (let index = 0; index < 12; index++) await login(`nobody${index}`, "x", OWNER);
  assert.equal(await keyLogin("DemoAccessKey016", OWNER), "OK");
});

Deno.test("callers without an address are counted per user only", async () => {
  const { login, keyLogin } = setup();
  for (let attempt = 0; attempt < 3; attempt++) {
    assert.equal(await login("admin", "guess"), "AUTH_FAILED");
  }
  assert.equal(await login("admin", "admin"), "TOO_MANY_REQUESTS 1");
  assert.equal(await login("sales", "sales"), "OK");
  for (let attempt = 0; attempt < 12; attempt++) await keyLogin("nope");
  assert.equal(await keyLogin("DemoAccessKey016"), "OK");
});

Deno.test("long user names: refused past 255 characters, counted as digests, quoted short", async () => {
  const clock = new FixedClock("2026-01-01T00:00:00Z");
  const counters = new MemoryCounterStore();
  const useCases = createUseCases({ ...createDemoPorts({ clock }), counters });
  const messages: string[] = [];
  for (let index = 0; index < 100; index++) {
    const name = `${index}-`.padEnd(255, "n");
    await useCases.loginWithPassword
      .execute({ userName: name, password: "x", clientAddress: `192.0.2.${index}` })
      .catch((error: DomainError) => messages.push(`${error.code} ${error.message}`));
  }
  // Three counters per failed login (pair, user, client), each kept as a SHA-256.
  assert.equal(counters.size, 300);
  assert.ok(messages.every((message) => message.startsWith("AUTH_FAILED ")));
  assert.ok(messages.every((message) => message.length < 200), messages[0]);
  const huge = await outcome(
    useCases.loginWithPassword.execute({ userName: "n".repeat(60_000), password: "x" }),
  );
  assert.equal(huge, "INVALID_PARAMETER");
  assert.equal(counters.size, 300);
});

Deno.test("a burst of parallel guesses gets no more tries than the same guesses one by one", async () => {
  const { login } = setup();
  // 40 at once from one client, then 40 at once from 40 clients: before, each attempt read the
  // counts before any of the others had failed, and 15 of 60 went through on a real database.
  const burst = await Promise.all(
    Array.from({ length: 40 }, (_, index) => login("admin", `guess${index}`, ATTACKER)),
  );
  assert.equal(burst.filter((result) => result === "AUTH_FAILED").length, POLICY.pairFreeFailures);
  const spread = await Promise.all(
    Array.from({ length: 40 }, (_, index) => login("admin", `try${index}`, `192.0.2.${index}`)),
  );
  assert.equal(
    spread.filter((result) => result === "AUTH_FAILED").length,
    POLICY.userFreeFailures - POLICY.pairFreeFailures,
  );
});

Deno.test("an attacker's queue of guesses never holds up the owner's known client", async () => {
  // Each count costs a round trip, as on a database. Attempts at one user ran one at a time, the
  // owner's behind every guess queued before it: 1.2 to 2.3 s on a 7.1.0 database while one
  // address sent 75 wrong passwords a second (another user's login: 0.2 to 0.3 s).
  const clock = new FixedClock("2026-01-01T00:00:00Z");
  const memory = new MemoryCounterStore();
  const roundTrip = () => new Promise((resolve) => setTimeout(resolve, 2));
  const counters: CounterStore = {
    add: async (keys, now, window) => (await roundTrip(), await memory.add(keys, now, window)),
    read: async (keys, now) => (await roundTrip(), await memory.read(keys, now)),
    clear: async (keys) => (await roundTrip(), await memory.clear(keys)),
  };
  const useCases = createUseCases({ ...createDemoPorts({ clock }), counters }, {
    throttlePolicy: POLICY,
  });
  const login = (password: string, clientAddress: string) =>
    outcome(useCases.loginWithPassword.execute({ userName: "admin", password, clientAddress }));
  assert.equal(await login("admin", OWNER), "OK"); // OWNER is now known for admin
  const finished: string[] = [];
  const guesses = Array.from(
    { length: 60 },
    (_, index) =>
      login(`guess${index}`, `203.0.113.${index}`).finally(() => finished.push("guess")),
  );
  const owner = login("admin", OWNER).finally(() => finished.push("owner"));
  assert.equal(await owner, "OK");
  await Promise.all(guesses);
  const before = finished.indexOf("owner");
  assert.ok(before < 10, `the owner waited for ${before} of the 60 guesses`);
});

Deno.test("one client's burst of names: a few checked at once, the rest refused at once", async () => {
  // 200 logins at once from one address, each a different unknown name, all read the client's
  // count before any had failed: on a 7.1.0 database 40 were checked, 160 filled the password
  // queue (503, another user's login among them), and a second burst got 50 checks more, past
  // the 50 free failures of a client.
  const { login } = setup();
  const burst = await Promise.all(
    Array.from({ length: 40 }, (_, index) => login(`nobody${index}`, "guess", ATTACKER)),
  );
  const checked = burst.filter((result) => result === "AUTH_FAILED").length;
  assert.ok(checked <= MAX_PASSWORD_CHECKS_PER_CLIENT, `${checked} checked at once`);
  assert.equal(
    burst.filter((result) => result === "TOO_MANY_REQUESTS 1").length,
    40 - checked,
  );
  // The owner's known client is never refused for the attacker's burst from the same address.
  assert.equal(await login("sales", "sales", OWNER), "OK");
  const [owner] = await Promise.all([
    login("sales", "sales", OWNER),
    ...Array.from({ length: 10 }, (_, index) => login(`other${index}`, "guess", OWNER)),
  ]);
  assert.equal(owner, "OK");
});

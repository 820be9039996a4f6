/**
 * The per-client limit on bad tokens: the counter's window, expiry and
 * bounds, and on the demo, a flood of random tokens from one client refused
 * before any session lookup while that client's valid token is still served.
 */

import assert from "node:assert/strict";
import { createApp } from "../../adapters/http/app.ts";
import { BadTokenLimit, limitBadTokens } from "../../adapters/http/bad_token_limit.ts";
import { wrapping } from "../../adapters/http/port_wrapping.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import type { SessionStore } from "../../domain/ports.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { README_TIME } from "../_fixtures/readme.ts";
import { BASE, envelope, expectSuccess } from "./helpers.ts";

Deno.test("BadTokenLimit holds a client past its failures until its window ends", () => {
  const limit = new BadTokenLimit(3, 10);
  for (let i = 0; i < 2; i++) limit.fail("a", 1_000);
  assert.equal(limit.wait("a", "h", 1_000), undefined, "under the limit");
  limit.fail("a", 2_000);
  assert.equal(limit.wait("a", "h", 2_000), 9, "held until 10 s after the first failure");
  assert.equal(limit.wait("a", "h", 10_500), 1);
  assert.equal(limit.wait("b", "h", 2_000), undefined, "another client is not held");
  assert.equal(limit.wait("a", "h", 11_000), undefined, "the window is over");
  assert.equal(limit.size, 0, "an expired count without vouched tokens is forgotten");
});

Deno.test("BadTokenLimit lets a held client's vouched tokens through, until they stop working", () => {
  const limit = new BadTokenLimit(1, 60, { maxTokensPerClient: 2 });
  limit.vouch("a", "t1", 0);
  limit.vouch("a", "t2", 0);
  limit.vouch("a", "t3", 0);
  limit.fail("a", 0);
  assert.equal(limit.wait("a", "t1", 1), 60, "the oldest vouched token went past the cap");
  assert.equal(limit.wait("a", "t2", 1), undefined);
  assert.equal(limit.wait("a", "t3", 1), undefined);
  assert.equal(limit.wait("a", "random", 1), 60);
  limit.unvouch("a", "t3");
  assert.equal(limit.wait("a", "t3", 1), 60, "a token no longer found is held again");
  assert.equal(limit.wait("a", "t2", 61_000), undefined);
  assert.equal(limit.size, 1, "a client with vouched tokens is kept past its window");
});

Deno.test("BadTokenLimit stays within its client cap, forgetting the oldest", () => {
  const limit = new BadTokenLimit(1, 60, { maxClients: 100 });
  for (let i = 0; i < 10_000; i++) limit.fail(`client-${i}`, i);
  assert.equal(limit.size, 100);
  assert.equal(limit.wait("client-0", "h", 10_000), undefined, "the oldest was forgotten");
  assert.equal(limit.wait("client-9999", "h", 10_000), 60);
  assert.throws(() => new BadTokenLimit(0, 60), RangeError);
  assert.throws(() => new BadTokenLimit(1, 0), RangeError);
  assert.throws(() => new BadTokenLimit(1, 60, { maxClients: 0 }), RangeError);
});

/** A request as `Deno.serve` hands it over, from `address`. */
function from(address: string): Deno.ServeHandlerInfo {
  return {
    remoteAddr: { transport: "tcp", hostname: address, port: 40_000 },
    completed: Promise.resolve(),
  } as Deno.ServeHandlerInfo;
}

function randomToken(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))]
    .map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

Deno.test("a bad-token flood is refused before any session lookup; valid tokens still served", async () => {
  let nowMs = 0;
  const now = (): number => nowMs;
  const ports = createDemoPorts({ clock: new FixedClock(README_TIME) });
  let lookups = 0;
  const find: SessionStore["find"] = (tokenHash) => {
    lookups += 1;
    return ports.sessions.find(tokenHash);
  };
  const counted = { ...ports, sessions: wrapping(ports.sessions, "find", find) };
  const limit = new BadTokenLimit(20, 60, { now });
  // No session cache: every request with a token would look its session up.
  const useCases = createUseCases(limitBadTokens(counted, limit));
  const app = createApp(useCases, { badTokens: limit });
  const get = (path: string, address: string, token?: string): Promise<Response> =>
    Promise.resolve(app.fetch(
      new Request(`http://vtrest${path}`, {
        headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
      }),
      from(address),
    ));

  const mine = String(
    await expectSuccess(await get(`${BASE}/auth/admin/admin`, "2001:db8:1:2::99")),
  );
  const elsewhere = String(
    await expectSuccess(await get(`${BASE}/auth/admin/admin`, "192.0.2.50")),
  );
  await expectSuccess(await get(`${BASE}/Accounts/3`, "2001:db8:1:2::99", mine));
  lookups = 0;

  const codes: Record<string, number> = {};
  for (let i = 0; i < 200; i++) {
    // Addresses taken in turn within one /64 count as one client.
    const response = await get(
      `${BASE}/Accounts/3`,
      `2001:db8:1:2::${i.toString(16)}`,
      randomToken(),
    );
    const body = await envelope(response);
    codes[body.error?.code ?? "none"] = (codes[body.error?.code ?? "none"] ?? 0) + 1;
    if (response.status === 429) assert.equal(response.headers.get("Retry-After"), "60");
  }
  assert.deepEqual(codes, { INVALID_TOKEN: 20, TOO_MANY_REQUESTS: 180 });
  assert.equal(lookups, 20, "the 180 refused requests cost no lookup");

  // The client's own valid token is still looked up and served.
  await expectSuccess(await get(`${BASE}/Accounts/3`, "2001:db8:1:2::99", mine));
  assert.equal(lookups, 21);
  // A valid token this client never used here waits like any unknown one.
  assert.equal((await get(`${BASE}/Accounts/3`, "2001:db8:1:2::99", elsewhere)).status, 429);
  // Another client, another /64, is not held.
  const other = await envelope(await get(`${BASE}/Accounts/3`, "2001:db8:1:3::1", randomToken()));
  assert.equal(other.error?.code, "INVALID_TOKEN");
  await expectSuccess(await get(`${BASE}/Accounts/3`, "192.0.2.50", elsewhere));
  // A login from the held client vouches for its new token at once.
  const fresh = String(
    await expectSuccess(await get(`${BASE}/auth/admin/admin`, "2001:db8:1:2::5")),
  );
  await expectSuccess(await get(`${BASE}/Accounts/3`, "2001:db8:1:2::5", fresh));

  nowMs = 60_000;
  const after = await envelope(await get(`${BASE}/Accounts/3`, "2001:db8:1:2::1", randomToken()));
  assert.equal(after.error?.code, "INVALID_TOKEN", "looked up again once the window is over");
});

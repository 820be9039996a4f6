/**
 * The work one user can have in flight: over the bound, a few requests wait
 * their turn, and one more is turned away with TOO_MANY_REQUESTS and
 * Retry-After before it reaches the records;
 * other users are not affected; every way a request ends gives its share
 * back. And the request's signal reaches the adapters while it is answered.
 */

import assert from "node:assert/strict";
import { createApp } from "../../adapters/http/app.ts";
import { wrapping } from "../../adapters/http/port_wrapping.ts";
import { currentRequestSignal } from "../../adapters/http/request_signal.ts";
import { limitUserWork, UserWorkLimit } from "../../adapters/http/user_work_limit.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import type { RecordRepository } from "../../domain/ports.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { README_TIME } from "../_fixtures/readme.ts";
import { BASE, expectFailure, expectSuccess } from "./helpers.ts";

Deno.test("UserWorkLimit counts each user's requests in flight", async () => {
  const limit = new UserWorkLimit(2, { maxWaiting: 0 });
  const first = await limit.admit(1);
  const second = await limit.admit(1);
  await assert.rejects(limit.admit(1), (error: unknown) => {
    const domain = error as { code?: string; details?: { retryAfterSeconds?: number } };
    return domain.code === "TOO_MANY_REQUESTS" && domain.details?.retryAfterSeconds === 1;
  });
  const other = await limit.admit(2);
  assert.equal(limit.inFlight(1), 2);
  first();
  first();
  assert.equal(limit.inFlight(1), 1, "ending twice gives back one share only");
  (await limit.admit(1))();
  second();
  other();
  assert.equal(limit.inFlight(1), 0);
  assert.equal(limit.inFlight(2), 0);
  assert.throws(() => new UserWorkLimit(0), RangeError);
  assert.throws(() => new UserWorkLimit(1, { maxWaiting: -1 }), RangeError);
});

Deno.test("UserWorkLimit lets a few wait, in order, for a bounded time", async (t) => {
  await t.step(
    "a waiting request gets the share of the first to end, in arrival order",
    async () => {
      const limit = new UserWorkLimit(1, { maxWaiting: 2, maxWaitMs: 10_000 });
      const first = await limit.admit(7);
      const order: string[] = [];
      const second = limit.admit(7).then((end) => (order.push("second"), end));
      const third = limit.admit(7).then((end) => (order.push("third"), end));
      assert.equal(limit.waiting(7), 2);
      await assert.rejects(limit.admit(7), /1 requests in progress and 2 waiting/);
      first();
      (await second)();
      (await third)();
      assert.deepEqual(order, ["second", "third"]);
      assert.equal(limit.inFlight(7), 0);
      assert.equal(limit.waiting(7), 0);
    },
  );

  await t.step("past the wait: TOO_MANY_REQUESTS, and the queue is left", async () => {
    const limit = new UserWorkLimit(1, { maxWaiting: 4, maxWaitMs: 20 });
    const first = await limit.admit(7);
    await assert.rejects(limit.admit(7), (error: unknown) => {
      return (error as { code?: string }).code === "TOO_MANY_REQUESTS";
    });
    assert.equal(limit.waiting(7), 0);
    first();
    assert.equal(limit.inFlight(7), 0, "the share is not handed to a request that left");
  });

  await t.step("a client that goes away leaves the queue at once", async () => {
    const limit = new UserWorkLimit(1, { maxWaiting: 4, maxWaitMs: 10_000 });
    const first = await limit.admit(7);
    const controller = new AbortController();
    const waiting = limit.admit(7, controller.signal);
    controller.abort();
    await assert.rejects(waiting, /requests in progress/);
    assert.equal(limit.waiting(7), 0);
    first();
    assert.equal(limit.inFlight(7), 0);
  });
});

/** The demo's records, the first `held` lists waiting until `open()`; lists note the request's signal. */
function heldRecords(records: RecordRepository, held: number) {
  let waiting = held;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const signals: (AbortSignal | undefined)[] = [];
  const list: RecordRepository["list"] = async (module, query) => {
    signals.push(currentRequestSignal());
    if (waiting > 0) {
      waiting--;
      await gate;
    }
    return await records.list(module, query);
  };
  const wrapped = wrapping(records, "list", list);
  return { records: wrapped, open, signals };
}

Deno.test("a user's requests beyond the bound are turned away, others go on", async (t) => {
  const ports = createDemoPorts({ clock: new FixedClock(README_TIME) });
  const held = heldRecords(ports.records, 2);
  const limit = new UserWorkLimit(2, { maxWaiting: 1, maxWaitMs: 10_000 });
  const app = createApp(createUseCases(limitUserWork({ ...ports, records: held.records }, limit)));
  const login = async (user: string) =>
    await expectSuccess(await app.request(`${BASE}/auth/${user}/${user}`)) as string;
  const admin = await login("admin");
  const sales = await login("sales");
  const list = (token: string, init?: RequestInit) =>
    app.request(`${BASE}/Accounts/${token}`, init);

  await t.step("over the bound, one waits its turn, the next is 429 with Retry-After", async () => {
    const first = list(admin);
    const second = list(admin);
    // Both must be holding their share (waiting at the records) before the third comes:
    // a fixed pause was too short on a loaded machine.
    for (let waited = 0; held.signals.length < 2; waited += 5) {
      assert.ok(waited < 10_000, "the first two lists never reached the records");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(limit.inFlight(1), 2);
    const third = list(admin);
    for (let waited = 0; limit.waiting(1) < 1; waited += 5) {
      assert.ok(waited < 10_000, "the third list never queued");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const fourth = await list(admin);
    assert.equal(fourth.headers.get("Retry-After"), "1");
    const message = await expectFailure(fourth, 429, "TOO_MANY_REQUESTS");
    assert.match(message, /already has 2 requests in progress and 1 waiting/);
    assert.equal(held.signals.length, 2, "the third and fourth requests never reached the records");
    await expectSuccess(await list(sales), 200);
    held.open();
    await expectSuccess(await first);
    await expectSuccess(await second);
    await expectSuccess(await third, 200);
    assert.equal(limit.inFlight(1), 0);
  });

  await t.step("failures and unauthenticated requests give their share back", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      await expectFailure(
        await app.request(`${BASE}/Accounts/999/${admin}`),
        404,
        "RECORD_NOT_FOUND",
      );
      await expectFailure(await app.request(`${BASE}/Nope/${admin}`), 404, "MODULE_NOT_FOUND");
      await expectFailure(await list("0".repeat(32)), 401, "INVALID_TOKEN");
    }
    assert.equal(limit.inFlight(1), 0);
    await expectSuccess(await list(admin));
  });

  await t.step("the adapters see the request's signal, aborted when the client goes", async () => {
    const controller = new AbortController();
    await expectSuccess(await list(admin, { signal: controller.signal }));
    const seen = held.signals.at(-1);
    assert.ok(seen instanceof AbortSignal);
    assert.equal(seen.aborted, false);
    controller.abort();
    assert.equal(seen.aborted, true);
    assert.equal(currentRequestSignal(), undefined, "no request, no signal");
  });
});

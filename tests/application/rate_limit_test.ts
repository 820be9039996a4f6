/**
 * The rate limit per token: off by default, a fixed one-minute window from a
 * token's first call, counted in the shared counter store so that instances
 * count together, and reported for the RateLimit headers.
 */

import assert from "node:assert/strict";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { MemoryCounterStore } from "../../adapters/memory/memory_counter_store.ts";
import { createUseCases } from "../../application/use_cases.ts";
import type { RateState } from "../../domain/rate_limit.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { rejectsDomainError } from "./_support.ts";

function instances(perMinute?: number) {
  const clock = new FixedClock("2024-01-01T00:00:00Z");
  const ports = { ...createDemoPorts({ clock }), counters: new MemoryCounterStore() };
  const states: RateState[] = [];
  const settings = {
    ...(perMinute === undefined ? {} : { rateLimitPerMinute: perMinute }),
    onRateState: (state: RateState) => states.push(state),
  };
  // Two instances of the service: their own use cases, one store of sessions and counters.
  return {
    clock,
    states,
    one: createUseCases(ports, settings),
    two: createUseCases(ports, settings),
  };
}

Deno.test("rate limit per token", async (t) => {
  await t.step("off by default", async () => {
    const { one, states } = instances();
    const token = await one.loginWithPassword.execute({ userName: "admin", password: "admin" });
    for (let call = 0; call < 20; call++) await one.listTypes.execute({ token });
    assert.deepEqual(states, []);
  });

  await t.step(
    "3 a minute: the fourth call is refused, across instances, until the window ends",
    async () => {
      const { one, two, states, clock } = instances(3);
      const token = await one.loginWithPassword.execute({ userName: "admin", password: "admin" });
      const other = await one.loginWithPassword.execute({ userName: "sales", password: "sales" });
      await one.listTypes.execute({ token });
      await two.listRecords.execute({ token, module: "Accounts" });
      clock.advance(20);
      await one.getRecord.execute({ token, module: "Accounts", id: 3 });
      assert.deepEqual(states.map((state) => state.remaining), [2, 1, 0]);
      const refused = await rejectsDomainError(
        two.listTypes.execute({ token }),
        "TOO_MANY_REQUESTS",
      );
      assert.equal(refused.details.retryAfterSeconds, 40);
      assert.deepEqual(states.at(-1), { limit: 3, remaining: 0, resetSeconds: 40, exceeded: true });
      await one.listTypes.execute({ token: other });
      clock.advance(40);
      await one.listTypes.execute({ token });
      assert.deepEqual(states.at(-1), {
        limit: 3,
        remaining: 2,
        resetSeconds: 60,
        exceeded: false,
      });
    },
  );

  await t.step("logins are not counted (the login throttle watches them)", async () => {
    const { one, states } = instances(1);
    for (let login = 0; login < 3; login++) {
      await one.loginWithPassword.execute({ userName: "admin", password: "admin" });
    }
    assert.deepEqual(states, []);
  });
});

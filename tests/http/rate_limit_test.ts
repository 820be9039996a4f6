/** The rate limit's headers over HTTP: on every counted answer, and on the refusal. */

import assert from "node:assert/strict";
import { createApp } from "../../adapters/http/app.ts";
import { noteRateState } from "../../adapters/http/rate_limit_headers.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { MemoryCounterStore } from "../../adapters/memory/memory_counter_store.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { BASE, expectFailure, expectSuccess } from "./helpers.ts";

Deno.test("RateLimit headers", async (t) => {
  const ports = { ...createDemoPorts(), counters: new MemoryCounterStore() };
  const app = createApp(
    createUseCases(ports, { rateLimitPerMinute: 2, onRateState: noteRateState }),
  );
  const login = await app.request(`${BASE}/auth/admin/admin`);
  assert.equal(login.headers.get("RateLimit-Limit"), null);
  const token = await expectSuccess(login) as string;

  await t.step("each counted answer says what is left", async () => {
    const first = await app.request(`${BASE}/Accounts/${token}`);
    assert.equal(first.headers.get("RateLimit-Limit"), "2");
    assert.equal(first.headers.get("RateLimit-Remaining"), "1");
    assert.equal(first.headers.get("RateLimit-Reset"), "60");
    await expectSuccess(first);
    const second = await app.request(`${BASE}/index.php?module=listtypes&token=${token}`);
    assert.equal(second.headers.get("RateLimit-Remaining"), "0");
    await expectSuccess(second);
  });

  await t.step("the refusal: 429 TOO_MANY_REQUESTS with Retry-After and the headers", async () => {
    const refused = await app.request(`${BASE}/Accounts/3/${token}`, {
      headers: { Origin: "https://client.example" },
    });
    await expectFailure(refused, 429, "TOO_MANY_REQUESTS");
    assert.ok(Number(refused.headers.get("Retry-After")) >= 1);
    assert.equal(refused.headers.get("RateLimit-Remaining"), "0");
    assert.match(refused.headers.get("Access-Control-Expose-Headers") ?? "", /RateLimit-Reset/);
  });
});

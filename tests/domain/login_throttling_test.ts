import assert from "node:assert/strict";
import { secondsUntilAllowed } from "../../domain/login_throttling.ts";

const policy = { maxFailures: 3, windowSeconds: 60 };

Deno.test("login throttling rule", async (t) => {
  await t.step("allows attempts below the limit", () => {
    assert.equal(secondsUntilAllowed([0, 1000], 2000, policy), 0);
  });

  await t.step("locks once the limit is reached inside the window", () => {
    assert.equal(secondsUntilAllowed([0, 1000, 2000], 3000, policy), 57);
  });

  await t.step("unlocks when the oldest counted failure leaves the window", () => {
    assert.equal(secondsUntilAllowed([0, 1000, 2000], 60_001, policy), 0);
  });

  await t.step("counts only the most recent failures for the wait", () => {
    assert.equal(secondsUntilAllowed([0, 30_000, 31_000, 32_000], 33_000, policy), 57);
  });
});

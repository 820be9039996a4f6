/**
 * The read replica's health (no database needed): down after a connection
 * failure, told once; probed in the background until it answers; back up,
 * told once with how long it was down.
 */

import assert from "node:assert/strict";
import { ReplicaHealth } from "../../adapters/mysql/replica/replica_health.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";

const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });

/** Waits until the condition holds (polled every 10 ms), at most `ms`. */
async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

Deno.test("a replica marked down is probed until it answers, each change logged once", async () => {
  const logger = new MemoryLogger();
  const clock = new FixedClock("2026-01-01T00:00:00Z");
  let serving = false;
  let probes = 0;
  const changes: boolean[] = [];
  const health = new ReplicaHealth({
    probe: () => {
      probes++;
      return serving ? Promise.resolve() : Promise.reject(refused);
    },
    retrySeconds: 0.05,
    logger,
    clock,
    onChange: (up) => changes.push(up),
  });
  try {
    assert.equal(health.state, "up");
    health.markDown(refused);
    health.markDown(refused);
    assert.equal(health.state, "down");
    assert.equal(await health.check(), "down", "a replica down is not probed by readiness");
    await until(() => probes >= 3);
    assert.equal(health.state, "down");
    clock.advance(7);
    serving = true;
    await until(() => health.state === "up");
    assert.deepEqual(logger.of("replica_down").map((entry) => entry.level), ["warn"]);
    assert.deepEqual(logger.of("replica_up").map((entry) => entry.fields.down_ms), [7000]);
    assert.deepEqual(changes, [false, true]);
    const settled = probes;
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(probes, settled, "no probe while the replica is up");
  } finally {
    health.close();
  }
});

Deno.test("readiness's check marks a replica down when it fails or does not answer", async () => {
  const logger = new MemoryLogger();
  let probe = () => Promise.resolve();
  const health = new ReplicaHealth({
    probe: () => probe(),
    retrySeconds: 60,
    logger,
    clock: new FixedClock("2026-01-01T00:00:00Z"),
  });
  try {
    assert.equal(await health.check(), "up");
    probe = () => new Promise(() => {});
    assert.equal(await health.check(50), "down");
    assert.match(String(logger.of("replica_down")[0]?.fields.error_message), /within 50 ms/);
  } finally {
    health.close();
  }
});

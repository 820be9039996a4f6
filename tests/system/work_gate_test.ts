/**
 * The gate bounding work in flight (costly statements, reads): how many run
 * at once, who goes next, and how long one may wait.
 */

import assert from "node:assert/strict";
import { WorkGate } from "../../adapters/system/work_gate.ts";
import { rejectsDomainError } from "../domain/_assert_error.ts";

/** The wait of the MySQL adapter's list gate. */
const LISTS = { maxWaitMs: 1_000, busy: "The database is busy with other lists" };

/** A task that runs until `finish()`. */
function heldTask(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await done;
      return name;
    },
    finish,
  };
}

Deno.test("WorkGate", async (t) => {
  await t.step("at most its capacity at once, the others in arrival order", async () => {
    const gate = new WorkGate(2, LISTS);
    const log: string[] = [];
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => heldTask(log, name));
    const runs = [a, b, c, d].map((held) => gate.run(held.task));
    await Promise.resolve();
    assert.deepEqual(log, ["start a", "start b"]);
    assert.equal(gate.running, 2);
    assert.equal(gate.waiting, 2);
    b.finish();
    assert.equal(await runs[1], "b");
    assert.deepEqual(log, ["start a", "start b", "start c"]);
    a.finish();
    c.finish();
    d.finish();
    assert.deepEqual(await Promise.all(runs), ["a", "b", "c", "d"]);
    assert.deepEqual(log, ["start a", "start b", "start c", "start d"]);
    assert.equal(gate.running, 0);
  });

  await t.step("a task that fails gives its place back", async () => {
    const gate = new WorkGate(1, LISTS);
    await assert.rejects(gate.run(() => Promise.reject(new Error("boom"))), /boom/);
    assert.equal(await gate.run(() => Promise.resolve(7)), 7);
  });

  await t.step("a wait past the limit is SERVICE_UNAVAILABLE with Retry-After", async () => {
    const gate = new WorkGate(1, { ...LISTS, maxWaitMs: 50 });
    const log: string[] = [];
    const held = heldTask(log, "long");
    const running = gate.run(held.task);
    const error = await rejectsDomainError(
      gate.run(() => Promise.resolve("late")),
      "SERVICE_UNAVAILABLE",
      "busy with other lists",
    );
    assert.equal(error.details.retryAfterSeconds, 1);
    assert.equal(gate.waiting, 0, "the one that gave up left the queue");
    held.finish();
    await running;
    assert.equal(await gate.run(() => Promise.resolve("next")), "next");
    assert.throws(() => new WorkGate(0), RangeError);
  });

  await t.step("without a wait limit, a task waits until a place frees", async () => {
    const gate = new WorkGate(1);
    const log: string[] = [];
    const held = heldTask(log, "long");
    const running = gate.run(held.task);
    const next = gate.run(() => Promise.resolve("next"));
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(gate.waiting, 1);
    held.finish();
    assert.equal(await running, "long");
    assert.equal(await next, "next");
    assert.equal(gate.running, 0);
  });
});

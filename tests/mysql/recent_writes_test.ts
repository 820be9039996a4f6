/**
 * Read-your-writes bookkeeping (no database needed): a writer's reads go to
 * the primary for the window; another instance learns of the write through
 * the shared counters, believing what it last heard for `checkSeconds`.
 */

import assert from "node:assert/strict";
import { MemoryCounterStore } from "../../adapters/memory/memory_counter_store.ts";
import { RecentWrites } from "../../adapters/mysql/replica/recent_writes.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";

function instances(checkSeconds: number) {
  const clock = new FixedClock("2026-01-01T00:00:00Z");
  const counters = new MemoryCounterStore();
  const make = () => new RecentWrites({ counters, clock, windowSeconds: 5, checkSeconds });
  return { clock, a: make(), b: make() };
}

async function write(instance: RecentWrites, userId: number): Promise<void> {
  await instance.writing(userId);
  instance.wrote(userId);
}

Deno.test("the writer reads from the primary for the window, others do not", async () => {
  const { clock, a } = instances(5);
  await write(a, 1);
  assert.equal(await a.wroteRecently(1), true);
  assert.equal(await a.wroteRecently(2), false);
  clock.advance(4.9);
  assert.equal(await a.wroteRecently(1), true);
  clock.advance(0.1);
  assert.equal(await a.wroteRecently(1), false);
});

Deno.test("another instance learns of a write at its next question", async () => {
  const { clock, a, b } = instances(1);
  await write(a, 1);
  assert.equal(await b.wroteRecently(1), true, "never asked before: asks now");
  clock.advance(5);
  assert.equal(await b.wroteRecently(1), false);
  await write(a, 1);
  assert.equal(await b.wroteRecently(1), false, "believes what it heard for checkSeconds");
  clock.advance(1);
  assert.equal(await b.wroteRecently(1), true);
  clock.advance(4);
  assert.equal(await b.wroteRecently(1), false, "the window is the writer's");
});

Deno.test("checkSeconds 0 asks on every read", async () => {
  const { a, b } = instances(0);
  assert.equal(await b.wroteRecently(1), false);
  await write(a, 1);
  assert.equal(await b.wroteRecently(1), true);
});

Deno.test("a window of 0 seconds is refused", () => {
  const { clock } = instances(0);
  assert.throws(
    () =>
      new RecentWrites({
        counters: new MemoryCounterStore(),
        clock,
        windowSeconds: 0,
        checkSeconds: 0,
      }),
    RangeError,
  );
});

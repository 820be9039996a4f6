import assert from "node:assert/strict";
import { DeadlineSweep } from "../../adapters/system/deadline_sweep.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("a deadline fires once, within one sweep of its time", async () => {
  const sweep = new DeadlineSweep(10);
  const fired: number[] = [];
  const start = Date.now();
  sweep.arm(30, () => fired.push(Date.now() - start));
  await sleep(80);
  assert.equal(fired.length, 1);
  assert.ok(fired[0] >= 30 && fired[0] < 70, `fired after ${fired[0]} ms`);
  assert.equal(sweep.size, 0);
});

Deno.test("a cancelled deadline never fires, and the others still do", async () => {
  const sweep = new DeadlineSweep(10);
  const fired: string[] = [];
  const cancelled = sweep.arm(20, () => fired.push("cancelled"));
  sweep.arm(20, () => fired.push("kept"));
  cancelled.cancel();
  cancelled.cancel();
  await sleep(60);
  assert.deepEqual(fired, ["kept"]);
});

Deno.test("a deadline that throws does not stop the others", async () => {
  const sweep = new DeadlineSweep(10);
  const fired: string[] = [];
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => {
    event.preventDefault();
    errors.push(event.error);
  };
  globalThis.addEventListener("error", onError);
  try {
    sweep.arm(10, () => {
      throw new Error("boom");
    });
    sweep.arm(10, () => fired.push("second"));
    await sleep(50);
  } finally {
    globalThis.removeEventListener("error", onError);
  }
  assert.deepEqual(fired, ["second"]);
  assert.equal((errors[0] as Error).message, "boom");
});

Deno.test("the sweep stops when nothing is armed, and starts again", async () => {
  let now = 0;
  const sweep = new DeadlineSweep(5, () => now);
  const fired: number[] = [];
  sweep.arm(10, () => fired.push(1));
  now = 10;
  await sleep(30);
  assert.deepEqual(fired, [1]);
  sweep.arm(10, () => fired.push(2));
  now = 15;
  await sleep(30);
  assert.deepEqual(fired, [1]);
  now = 20;
  await sleep(30);
  assert.deepEqual(fired, [1, 2]);
});

Deno.test("the interval is checked", () => {
  assert.throws(() => new DeadlineSweep(0), /The sweep interval 0 ms/);
});

Deno.test("cancelling the last deadline stops the sweep at once (no timer outlives its work)", () => {
  // The test's timer sanitizer fails if an interval is left running here.
  const sweep = new DeadlineSweep(10);
  const first = sweep.arm(1000, () => {});
  const second = sweep.arm(1000, () => {});
  first.cancel();
  second.cancel();
  assert.equal(sweep.size, 0);
});

Deno.test("the default clock is monotonic: a wall-clock step does not fire deadlines early", async () => {
  // A system clock set forward (NTP stepping, a VM resumed) must not time out every statement
  // and request in flight at once, nor one set back hold them: timers never followed the wall.
  const realNow = Date.now;
  let step = 0;
  Date.now = () => realNow() + step;
  try {
    const sweep = new DeadlineSweep(5);
    const fired: string[] = [];
    const deadline = sweep.arm(60_000, () => fired.push("fired"));
    step = 120_000;
    await sleep(30);
    deadline.cancel();
    assert.deepEqual(fired, []);
  } finally {
    Date.now = realNow;
  }
});

Deno.test("a deadline cancelled by another that fired in the same sweep does not fire", async () => {
  // As clearTimeout stops a timer that is due but has not run yet.
  const sweep = new DeadlineSweep(10);
  const fired: string[] = [];
  const armed: { cancel(): void }[] = [];
  sweep.arm(10, () => {
    fired.push("first");
    armed[0].cancel();
  });
  armed.push(sweep.arm(10, () => fired.push("second")));
  await sleep(50);
  assert.deepEqual(fired, ["first"]);
  assert.equal(sweep.size, 0);
});

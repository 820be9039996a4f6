/**
 * Password checks in workers: the same answers as on the event loop, a
 * bounded queue that turns logins away with SERVICE_UNAVAILABLE when full,
 * and an event loop that keeps answering while costly checks run.
 */

import assert from "node:assert/strict";
import bcrypt from "bcryptjs";
import { WorkerPasswordVerifier } from "../../adapters/system/worker_password_verifier.ts";
import { DomainError } from "../../domain/errors.ts";
import type { StoredPassword } from "../../domain/user.ts";

const ADMIN: StoredPassword = {
  passwordHash: "$1$ad000000$hzXFXvL3XVlnUE/X.1n9t/",
  cryptType: "PHP5.3MD5",
};

/** A bcrypt hash costly enough (2^12 rounds) that a check takes a noticeable while. */
const SLOW_BCRYPT: StoredPassword = {
  passwordHash: bcrypt.hashSync("correct horse", 12).replace(/^\$2b\$/, "$2y$"),
  cryptType: "PHASH",
};

Deno.test("checks in workers answer as Vtiger's hashes say", async () => {
  await using pool = new WorkerPasswordVerifier({ workers: 2 });
  const cheap: StoredPassword = {
    passwordHash: bcrypt.hashSync("correct horse", 4).replace(/^\$2b\$/, "$2y$"),
    cryptType: "PHASH",
  };
  const answers = await Promise.all([
    pool.verify("admin", ADMIN),
    pool.verify("Admin", ADMIN),
    pool.verify("correct horse", cheap),
    pool.verify("correct horse ", cheap),
    pool.verify("admin", { ...ADMIN, cryptType: "SHA256" }),
    pool.verify("mötdepässe", { passwordHash: "$1$fr$TRkYd//VGA7QLN155nraf1", cryptType: "MD5" }),
  ]);
  assert.deepEqual(answers, [true, false, true, false, false, true]);
});

Deno.test("a full queue turns checks away at once with SERVICE_UNAVAILABLE", async () => {
  await using pool = new WorkerPasswordVerifier({ workers: 1, maxQueue: 2 });
  const checks = Array.from({ length: 5 }, () => pool.verify("wrong", SLOW_BCRYPT));
  const outcomes = await Promise.allSettled(checks);
  const refused = outcomes.filter((outcome) => outcome.status === "rejected");
  assert.equal(outcomes.filter((outcome) => outcome.status === "fulfilled").length, 3);
  assert.equal(refused.length, 2);
  for (const outcome of refused) {
    const error = (outcome as PromiseRejectedResult).reason;
    assert.ok(error instanceof DomainError);
    assert.equal(error.code, "SERVICE_UNAVAILABLE");
    assert.equal(error.details.retryAfterSeconds, 1);
  }
  assert.equal(pool.waiting, 0);
  assert.equal(await pool.verify("correct horse", SLOW_BCRYPT), true);
});

Deno.test("the event loop keeps running while costly checks run in workers", async () => {
  await using pool = new WorkerPasswordVerifier({ workers: 1, maxQueue: 8 });
  let ticks = 0;
  let longestGapMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    ticks++;
  }, 5);
  try {
    const checks = Array.from({ length: 4 }, () => pool.verify("wrong", SLOW_BCRYPT));
    await Promise.all(checks);
  } finally {
    clearInterval(timer);
  }
  // Four 2^12-round bcrypt checks take far longer than a few ticks; had they
  // run on this thread, no tick would have fired until all were done.
  assert.ok(ticks >= 10, `only ${ticks} ticks while checking`);
  assert.ok(longestGapMs < 200, `the event loop stalled for ${longestGapMs.toFixed(0)} ms`);
});

Deno.test("after close, checks fail and no worker is left running", async () => {
  const pool = new WorkerPasswordVerifier({ workers: 1 });
  assert.equal(await pool.verify("admin", ADMIN), true);
  await pool.close();
  await assert.rejects(pool.verify("admin", ADMIN), /closed/);
});

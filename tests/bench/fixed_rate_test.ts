/**
 * The latency target's load: the rate offered from the baseline's, the
 * tolerance on the rate achieved, and wrk's pacing of it (bench/wrk_call.lua).
 */

import assert from "node:assert/strict";
import type { BenchCall } from "../../bench/calls.ts";
import { describeFraction, offeredRate, RATE_TOLERANCE, rateHeld } from "../../bench/fixed_rate.ts";
import { runLoad } from "../../bench/load_generator.ts";
import { readOptions } from "../../bench/options.ts";

Deno.test("the offered rate is the fraction of the baseline's req/s, whole, at least 1", () => {
  assert.equal(offeredRate(2_700.4, 0.5), 1_350);
  assert.equal(offeredRate(501, 0.5), 251);
  assert.equal(offeredRate(0.4, 0.5), 1);
});

Deno.test("a rate is held within the tolerance either way", () => {
  assert.equal(RATE_TOLERANCE, 0.1);
  assert.equal(rateHeld(1000, 900), true);
  assert.equal(rateHeld(1000, 1100), true);
  assert.equal(rateHeld(1000, 899), false);
  assert.equal(rateHeld(1000, 1101), false);
});

Deno.test("the fraction reads as words in the target's line", () => {
  assert.equal(describeFraction(0.5), "half the baseline's saturated rate");
  assert.equal(describeFraction(0.3), "0.3 of the baseline's saturated rate");
});

Deno.test("--rate-fraction defaults to half and takes a fraction above 0 up to 1", () => {
  assert.equal(readOptions([]).rateFraction, 0.5);
  assert.equal(readOptions(["--rate-fraction=0.25"]).rateFraction, 0.25);
  assert.equal(readOptions(["--rate-fraction=1"]).rateFraction, 1);
  for (const text of ["0", "1.5", "-0.5", "half", ""]) {
    assert.throws(() => readOptions([`--rate-fraction=${text}`]), /--rate-fraction/);
  }
});

const CALL: BenchCall = {
  name: "pace",
  title: "pace",
  caller: "nobody",
  method: "GET",
  path: "/{id}",
  ids: "accounts",
  load: "read",
};

async function hasWrk(): Promise<boolean> {
  try {
    return (await new Deno.Command("wrk", { args: ["--version"], stderr: "null" }).output())
      .stdout.length > 0;
  } catch {
    return false;
  }
}

Deno.test({
  name: "wrk paces 16 connections to the offered rate, and latency excludes the wait",
  ignore: !(await hasWrk()),
  async fn() {
    // Each answer takes 20 ms: unpaced, 16 connections would send about 800 a second.
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return new Response('{"success":true}');
    });
    try {
      const result = await runLoad({
        origin: `http://127.0.0.1:${server.addr.port}`,
        path: CALL.path,
        call: CALL,
        seconds: 2,
        connections: 16,
        accounts: 100,
        firstId: 1,
        rate: 200,
      });
      assert.ok(rateHeld(200, result.rps), `achieved ${result.rps} req/s`);
      assert.equal(result.errors, 0);
      // 16 connections at 200 req/s wait 80 ms between answer and request, uncounted.
      assert.ok(result.p50Ms >= 19 && result.p50Ms < 60, `p50 ${result.p50Ms} ms`);
    } finally {
      await server.shutdown();
    }
  },
});

/**
 * The benchmark's targets, checked from a run's numbers.
 */

import assert from "node:assert/strict";
import type { LoadResult } from "../../bench/load_generator.ts";
import {
  type CallResult,
  checkTargets,
  type FixedRateResult,
  formatFixedRateTable,
  formatResidentByCall,
  formatTable,
  type Measured,
  type RunResult,
} from "../../bench/report.ts";

function load(rps: number, p99Ms = 10, requests = 1000): LoadResult {
  return { requests, rps, p50Ms: p99Ms / 2, p90Ms: p99Ms, p99Ms, maxMs: p99Ms, errors: 0 };
}

function call(name: string, vtrest: Measured, baseline: Measured): CallResult {
  return { name, title: name, connections: 64, vtrest, baseline, ratio: vtrest.rps / baseline.rps };
}

function paced(name: string, offeredRps: number, vtrest: Measured, baseline: Measured) {
  return { name, title: name, connections: 64, offeredRps, fraction: 0.5, vtrest, baseline };
}

function run(
  calls: CallResult[],
  naiveDeepPage?: LoadResult,
  fixedRate?: FixedRateResult[],
): RunResult {
  return {
    date: "2026-11-28T00:00:00.000Z",
    machine: { cpus: 2, loadAverage: [1, 1, 1] },
    settings: {},
    calls,
    ...(naiveDeepPage === undefined ? {} : { naiveDeepPage }),
    ...(fixedRate === undefined ? {} : { fixedRate }),
    adapterStatements: { list_100: 1 },
    endToEnd: { update: { statements: 9, writes: 4, recordReads: 1 } },
    firstAnswerMs: 300,
    firstRecordMs: 400,
    firstOpenOnFreshDatabaseMs: 100,
    peakRssMb: 120,
  };
}

function target(result: RunResult, start: string) {
  const found = checkTargets(result).find((candidate) => candidate.name.startsWith(start));
  assert.ok(found !== undefined, start);
  return found;
}

Deno.test("a ratio target is met from its threshold up, and missed below", () => {
  const result = run([
    call("get_admin", load(700), load(1000)),
    call("get_non_admin", load(690), load(1000)),
  ]);
  assert.equal(target(result, "get_admin: ≥").met, true);
  assert.equal(target(result, "get_non_admin: ≥").met, false);
  assert.equal(target(result, "list_100: ≥").met, undefined);
});

Deno.test("the deep page is compared with the naive join only on enough requests", () => {
  const deep = call("deep_page", load(50), load(60));
  assert.equal(target(run([deep], load(5)), "deep page").met, true);
  assert.equal(target(run([deep], load(20)), "deep page").met, false);
  assert.equal(target(run([deep], load(0.5, 10, 2)), "deep page").met, undefined);
});

Deno.test("the deep page is not run when --only leaves it out, and says so", () => {
  const found = target(run([call("get_admin", load(700), load(1000))]), "deep page");
  assert.equal(found.met, undefined);
  assert.equal(found.measured, "not run");
});

Deno.test("memory, start-up and statement targets read the run", () => {
  const result = run([call("list_100", load(600, 60), load(1000))]);
  assert.equal(target(result, "peak RSS").met, true);
  assert.equal(target(result, "first answer").met, true);
  assert.equal(target(result, "update: reads").met, true);
  const fourReads = {
    ...result,
    endToEnd: { update: { statements: 9, writes: 4, recordReads: 4 } },
  };
  assert.equal(target(fourReads, "update: reads").met, false);
  assert.equal(target(result, "one statement per list page").met, true);
});

Deno.test("the table has a row per call and the naive deep page", () => {
  const table = formatTable(run([call("get_admin", load(700), load(1000))], load(3)));
  assert.equal(table.split("\n").length, 4);
  assert.match(table, /\| get_admin \| 64 \| 700 \|/);
});

Deno.test("the table shows each side's CPU time per request when it was measured", () => {
  const measured = call("get_admin", { ...load(700), cpuUsPerRequest: 950 }, {
    ...load(1000),
    cpuUsPerRequest: 300,
  });
  const table = formatTable(run([measured]));
  assert.match(
    table,
    /\| get_admin \| 64 \| 700 \| 5\.0 \| 10\.0 \| 0 \| 950 \| 1,000 \| .* \| 300 \| 0\.70 \|/,
  );
  const unmeasured = formatTable(run([call("get_admin", load(700), load(1000))]));
  assert.ok(unmeasured.includes("| 0 |  | 1,000 |"));
});

Deno.test("a p99 target reads the run at a fixed rate, not the saturated one", () => {
  const saturated = [call("list_100", load(250, 250), load(500, 128))];
  const result = run(saturated, undefined, [paced("list_100", 250, load(249, 40), load(250, 20))]);
  const found = target(result, "list_100: p99");
  assert.equal(
    found.name,
    "list_100: p99 < 50 ms at 64 connections, 250 req/s offered (half the baseline's saturated rate)",
  );
  assert.equal(found.measured, "40.0 ms (baseline 20.0 ms)");
  assert.equal(found.met, true);
  const slow = run(saturated, undefined, [paced("list_100", 250, load(249, 60), load(250, 20))]);
  assert.equal(target(slow, "list_100: p99").met, false);
  assert.equal(target(run(saturated), "list_100: p99").met, undefined);
});

Deno.test("a p99 target rounds as the fixed-rate table does", () => {
  const result = run([], undefined, [paced("list_100", 250, load(250, 68.55), load(250, 20))]);
  const measured = target(result, "list_100: p99").measured;
  const cell = formatFixedRateTable(result.fixedRate ?? []).split("\n").find((line) =>
    line.includes("list_100")
  );
  const tablesP99 = cell?.split("|").map((part) => part.trim())[6];
  assert.equal(measured.split(" ms")[0], tablesP99);
});

Deno.test("a p99 under 50 ms misses the target when vtrest fell short of the offered rate", () => {
  const result = run([], undefined, [
    paced("get_admin", 1350, load(1100, 30), load(1340, 10)),
    paced("get_non_admin", 1350, load(1300, 30), load(1100, 10)),
  ]);
  const short = target(result, "get_admin: p99");
  assert.equal(short.met, false);
  assert.equal(short.measured, "30.0 ms (baseline 10.0 ms); vtrest achieved 1,100 req/s");
  assert.match(short.name, /1,350 req\/s offered/);
  const baselineShort = target(result, "get_non_admin: p99");
  assert.equal(baselineShort.met, true);
  assert.match(baselineShort.measured, /; the baseline achieved 1,100 req\/s$/);
});

Deno.test("errors in the runs at a fixed rate count against no errors", () => {
  const result = run([], undefined, [
    paced("get_admin", 100, { ...load(100), errors: 3 }, load(100)),
  ]);
  assert.equal(target(result, "no errors").measured, "3");
});

Deno.test("the fixed-rate table shows the offered rate and what each side achieved", () => {
  const table = formatFixedRateTable([
    paced("list_100", 1350, { ...load(1349, 42), p50Ms: 8 }, load(1350, 12)),
  ]);
  assert.equal(table.split("\n").length, 3);
  assert.match(table, /^\| call \| conns \| offered req\/s \| vtrest req\/s \|/);
  assert.ok(
    table.endsWith("| list_100 | 64 | 1,350 | 1,349 | 8.0 | 42.0 | 0 | 1,350 | 6.0 | 12.0 | 0 |"),
    table,
  );
});

Deno.test("the RSS line names each call's highest resident memory on both sides", () => {
  const result = run([
    call("get_admin", { ...load(700), peakRssMb: 251 }, { ...load(1000), peakRssMb: 171 }),
    call("list_100", { ...load(90), peakRssMb: 1339 }, load(100)),
  ]);
  assert.equal(
    formatResidentByCall(result),
    "RSS by call, vtrest / baseline (MB, highest sampled every 250 ms): " +
      "get_admin 251 / 171, list_100 1,339 / ?",
  );
  assert.equal(formatResidentByCall(run([call("get_admin", load(700), load(1000))])), undefined);
});

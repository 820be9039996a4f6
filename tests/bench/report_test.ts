/**
 * The benchmark's targets, checked from a run's numbers.
 */

import assert from "node:assert/strict";
import type { LoadResult } from "../../bench/load_generator.ts";
import {
  type CallResult,
  checkTargets,
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

function run(calls: CallResult[], naiveDeepPage?: LoadResult): RunResult {
  return {
    date: "2026-11-28T00:00:00.000Z",
    machine: { cpus: 2, loadAverage: [1, 1, 1] },
    settings: {},
    calls,
    ...(naiveDeepPage === undefined ? {} : { naiveDeepPage }),
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

Deno.test("latency, memory, start-up and statement targets read the run", () => {
  const result = run([call("list_100", load(600, 60), load(1000))]);
  assert.equal(target(result, "list_100: p99").met, false);
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

Deno.test("a p99 target shows the baseline's p99 at the same load", () => {
  const result = run([call("list_100", load(100, 600), load(200, 300))]);
  assert.equal(target(result, "list_100: p99").measured, "600.0 ms (baseline 300.0 ms)");
});

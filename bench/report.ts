/**
 * The benchmark's results: the table printed at the end, the targets
 * checked against this run's numbers, and the JSON written under
 * `bench/results/`.
 *
 * @module
 */

import type { StatementCount } from "./capture.ts";
import { describeFraction, LATENCY_TARGET_CALLS, rateHeld } from "./fixed_rate.ts";
import type { LoadResult } from "./load_generator.ts";

/** One side's load run, and the server's CPU time per request and resident memory in it. */
export interface Measured extends LoadResult {
  /** The server process's CPU time (user and system, all threads) per request, µs. */
  readonly cpuUsPerRequest?: number;
  /** The server process's highest resident memory (VmRSS) sampled during the run, MB. */
  readonly peakRssMb?: number;
}

/** One call measured on both sides. */
export interface CallResult {
  /** The call's name. */
  readonly name: string;
  /** What the table shows. */
  readonly title: string;
  /** Connections used. */
  readonly connections: number;
  /** vtrest. */
  readonly vtrest: Measured;
  /** The baseline, same SQL. */
  readonly baseline: Measured;
  /** vtrest's req/s over the baseline's. */
  readonly ratio: number;
}

/** One call measured on both sides at the same offered rate (the latency target's load). */
export interface FixedRateResult {
  /** The call's name. */
  readonly name: string;
  /** What the table shows. */
  readonly title: string;
  /** Connections used. */
  readonly connections: number;
  /** Requests per second offered to each side. */
  readonly offeredRps: number;
  /** The fraction of the baseline's saturated req/s (same run) offered. */
  readonly fraction: number;
  /** vtrest (`rps`: the rate achieved). */
  readonly vtrest: Measured;
  /** The baseline (`rps`: the rate achieved). */
  readonly baseline: Measured;
}

/** Everything a run measured. */
export interface RunResult {
  /** When it ran (ISO). */
  readonly date: string;
  /** The machine. */
  readonly machine: {
    readonly cpus: number;
    readonly loadAverage: readonly number[];
    /** The server's InnoDB buffer pool, MB. */
    readonly bufferPoolMb?: number;
    /** The benchmark database's size, MB. */
    readonly databaseMb?: number;
  };
  /** How it ran. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Per call, at saturation. */
  readonly calls: readonly CallResult[];
  /** The latency target's calls, at a fixed offered rate. */
  readonly fixedRate?: readonly FixedRateResult[];
  /** The naive deep page (`LIMIT 100 OFFSET start` on the full record join), baseline side. */
  readonly naiveDeepPage?: Measured;
  /** Statements per call in the baseline's replay (what vtrest's adapter runs). */
  readonly adapterStatements: Readonly<Record<string, number>>;
  /** Statements per request end to end with a warm token. */
  readonly endToEnd: Readonly<Record<string, StatementCount>>;
  /** Milliseconds from spawning vtrest to its first answer (`/healthz`). */
  readonly firstAnswerMs: number;
  /** Milliseconds from spawning vtrest to its first record (login and GET by id included). */
  readonly firstRecordMs: number;
  /** Milliseconds to open the ports on the freshly built database (vtrest's migrations). */
  readonly firstOpenOnFreshDatabaseMs: number;
  /** vtrest's peak resident memory, MB. */
  readonly peakRssMb: number;
  /** The baseline's peak resident memory under the same loads, MB (context for vtrest's). */
  readonly baselinePeakRssMb?: number;
}

/**
 * How often Vtiger's webservice update reads the record: its own retrieve
 * (`VtigerModuleOperation::update`), then ModTracker's `VTEntityDelta`
 * before and after the save (`VTEntityData::fromEntityId` on
 * `vtiger.entity.beforesave` and `aftersave`).
 */
export const VTIGER_UPDATE_READS = 3;

/** Fewer completed requests than this make a throughput figure meaningless. */
const MIN_REQUESTS = 5;

/** One target of the issue, checked. */
export interface Target {
  /** What is required. */
  readonly name: string;
  /** What this run measured. */
  readonly measured: string;
  /** Whether it is met (`undefined` when the run did not measure it). */
  readonly met: boolean | undefined;
}

const fixed = (value: number, digits = 0) =>
  value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The results as a Markdown table (what the README shows). */
export function formatTable(result: RunResult): string {
  const cpu = (side: Measured) =>
    side.cpuUsPerRequest === undefined ? "" : fixed(side.cpuUsPerRequest);
  const lines = [
    "| call | conns | vtrest req/s | p50 ms | p99 ms | errors | CPU µs/req | baseline req/s | p50 ms | p99 ms | errors | CPU µs/req | ratio |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const call of result.calls) {
    const { vtrest: v, baseline: b } = call;
    lines.push(
      `| ${call.title} | ${call.connections} | ${fixed(v.rps)} | ${fixed(v.p50Ms, 1)} | ${
        fixed(v.p99Ms, 1)
      } | ${v.errors} | ${cpu(v)} | ${fixed(b.rps)} | ${fixed(b.p50Ms, 1)} | ${
        fixed(b.p99Ms, 1)
      } | ${b.errors} | ${cpu(b)} | ${fixed(call.ratio, 2)} |`,
    );
  }
  const naive = result.naiveDeepPage;
  if (naive !== undefined) {
    lines.push(
      `| naive deep page (baseline only) | | | | | | | ${fixed(naive.rps, 1)} | ${
        fixed(naive.p50Ms, 1)
      } | ${fixed(naive.p99Ms, 1)} | ${naive.errors} | ${cpu(naive)} | |`,
    );
  }
  return lines.join("\n");
}

/**
 * Each call's highest resident memory, vtrest's and the baseline's, in the
 * saturation runs (MB): which call drives the run's peak. `undefined` when no
 * run sampled it (no `/proc`).
 */
export function formatResidentByCall(result: RunResult): string | undefined {
  const mb = (side: Measured) => side.peakRssMb === undefined ? "?" : fixed(side.peakRssMb);
  const sampled = result.calls.filter((call) =>
    call.vtrest.peakRssMb !== undefined || call.baseline.peakRssMb !== undefined
  );
  if (sampled.length === 0) return undefined;
  return "RSS by call, vtrest / baseline (MB, highest sampled every 250 ms): " +
    sampled.map((call) => `${call.title} ${mb(call.vtrest)} / ${mb(call.baseline)}`).join(", ");
}

/** The runs at a fixed rate as a Markdown table (latency below saturation). */
export function formatFixedRateTable(runs: readonly FixedRateResult[]): string {
  const lines = [
    "| call | conns | offered req/s | vtrest req/s | p50 ms | p99 ms | errors | baseline req/s | p50 ms | p99 ms | errors |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const run of runs) {
    const side = (measured: Measured) =>
      `${fixed(measured.rps)} | ${fixed(measured.p50Ms, 1)} | ${
        fixed(measured.p99Ms, 1)
      } | ${measured.errors}`;
    lines.push(
      `| ${run.title} | ${run.connections} | ${fixed(run.offeredRps)} | ${side(run.vtrest)} | ${
        side(run.baseline)
      } |`,
    );
  }
  return lines.join("\n");
}

/**
 * The latency target of one call, on its run at a fixed rate: vtrest's p99
 * under 50 ms, at the offered rate (achieved within the tolerance).
 */
function latencyTarget(result: RunResult, name: string): Target {
  const run = result.fixedRate?.find((candidate) => candidate.name === name);
  if (run === undefined) {
    return { name: `${name}: p99 < 50 ms at a fixed rate`, measured: "not run", met: undefined };
  }
  const { vtrest, baseline, offeredRps } = run;
  const held = rateHeld(offeredRps, vtrest.rps);
  const shortfall = [
    held ? "" : `; vtrest achieved ${fixed(vtrest.rps)} req/s`,
    rateHeld(offeredRps, baseline.rps)
      ? ""
      : `; the baseline achieved ${fixed(baseline.rps)} req/s`,
  ].join("");
  return {
    name: `${run.title}: p99 < 50 ms at ${run.connections} connections, ${
      fixed(offeredRps)
    } req/s offered (${describeFraction(run.fraction)})`,
    // The table's rounding, so that a p99 reads the same in both (toFixed rounded 68.55 down).
    measured: `${fixed(vtrest.p99Ms, 1)} ms (baseline ${fixed(baseline.p99Ms, 1)} ms)${shortfall}`,
    met: held && vtrest.p99Ms < 50,
  };
}

/** The targets, checked against the run. */
export function checkTargets(result: RunResult): Target[] {
  const call = (name: string) => result.calls.find((candidate) => candidate.name === name);
  const ratioTarget = (name: string, minimum: number): Target => {
    const found = call(name);
    return {
      name: `${found?.title ?? name}: ≥ ${minimum.toFixed(2)} of the baseline`,
      measured: found === undefined ? "not run" : found.ratio.toFixed(2),
      met: found === undefined ? undefined : found.ratio >= minimum,
    };
  };
  const targets = [
    ratioTarget("get_admin", 0.7),
    ratioTarget("get_non_admin", 0.7),
    ratioTarget("list_100", 0.6),
    ratioTarget("create", 0.5),
  ];
  const deep = call("deep_page");
  const naive = result.naiveDeepPage;
  // A handful of requests is too few to compare throughput: compare median latencies then.
  const enough = deep !== undefined && naive !== undefined &&
    deep.vtrest.requests >= MIN_REQUESTS && naive.requests >= MIN_REQUESTS;
  const speedup = !enough ? undefined : deep.vtrest.rps / Math.max(naive.rps, 0.01);
  targets.push({
    name: "deep page: ≥ 5× the naive LIMIT/OFFSET join (req/s)",
    measured: deep === undefined
      ? "not run"
      : speedup === undefined
      ? `too few requests (${deep.vtrest.requests} and ${naive?.requests ?? 0})`
      : `${speedup.toFixed(1)}×`,
    met: speedup === undefined ? undefined : speedup >= 5,
  });
  const update = result.endToEnd.update;
  targets.push({
    name: `update: reads the record no more than Vtiger's save (${VTIGER_UPDATE_READS} times)`,
    measured: update === undefined ? "not run" : `${update.recordReads} record reads`,
    met: update === undefined ? undefined : update.recordReads <= VTIGER_UPDATE_READS,
  });
  // At saturation the mean latency is connections / throughput (Little's law): the latency
  // targets read the runs at a fixed rate below it.
  targets.push(...LATENCY_TARGET_CALLS.map((name) => latencyTarget(result, name)));
  const errors = [...result.calls, ...result.fixedRate ?? []]
    .reduce((sum, found) => sum + found.vtrest.errors, 0);
  targets.push({ name: "no errors", measured: String(errors), met: errors === 0 });
  targets.push({
    name: "peak RSS < 200 MB",
    measured: `${result.peakRssMb} MB`,
    met: result.peakRssMb < 200,
  });
  targets.push({
    name: "first answer < 1 s after start",
    measured: `${Math.round(result.firstAnswerMs)} ms`,
    met: result.firstAnswerMs < 1000,
  });
  const reads = ["get_admin", "get_non_admin", "list_100", "list_100_non_admin"];
  const readWrites = reads.reduce((sum, name) => sum + (result.endToEnd[name]?.writes ?? 0), 0);
  targets.push({
    name: "no database write on a plain read",
    measured: `${readWrites} writes`,
    met: readWrites === 0,
  });
  const listStatements = result.adapterStatements.list_100;
  targets.push({
    name: "one statement per list page",
    measured: listStatements === undefined ? "not run" : `${listStatements}`,
    met: listStatements === undefined ? undefined : listStatements === 1,
  });
  return targets;
}

/** The targets as lines. */
export function formatTargets(targets: readonly Target[]): string {
  return targets.map((target) => {
    const mark = target.met === undefined ? "  -  " : target.met ? " met " : " MISS";
    return `[${mark}] ${target.name}: ${target.measured}`;
  }).join("\n");
}

/** Writes the run under `bench/results/` and returns the file's path. */
export async function writeResult(
  result: RunResult,
  targets: readonly Target[],
  folder: URL,
): Promise<string> {
  await Deno.mkdir(folder, { recursive: true });
  const stamp = result.date.replace(/[:.]/g, "-");
  const file = new URL(`${stamp}${result.settings.quick ? "-quick" : ""}.json`, folder);
  await Deno.writeTextFile(file, JSON.stringify({ ...result, targets }, null, 2) + "\n");
  return file.pathname;
}

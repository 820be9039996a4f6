/**
 * `deno task bench`: builds a Vtiger 7.1.0 database with 100,000 Accounts and
 * 100,000 Contacts, starts vtrest and the baseline (a bare `Deno.serve` +
 * `mysql2` handler replaying the same SQL), loads each call on both with wrk
 * as fast as the connections go, loads GET by id and list 100 on both again
 * at one fixed rate below saturation (the latency target's load), and prints
 * the tables, the targets and where the JSON went.
 *
 * @module
 */

import { type BenchCall, benchCalls, deepStart, NAIVE_DEEP_PAGE } from "./calls.ts";
import { capturePlans } from "./capture.ts";
import { LATENCY_TARGET_CALLS, offeredRate, RATE_TOLERANCE, rateHeld } from "./fixed_rate.ts";
import { requireWrk, runLoad } from "./load_generator.ts";
import { type Load, measure, measureAtRate, preflight } from "./measure.ts";
import { type BenchOptions, readOptions } from "./options.ts";
import {
  type CallResult,
  checkTargets,
  type FixedRateResult,
  formatFixedRateTable,
  formatResidentByCall,
  formatTable,
  formatTargets,
  type Measured,
  type RunResult,
  writeResult,
} from "./report.ts";
import { BENCH_PASSWORD, NON_ADMIN } from "./seed/dataset.ts";
import { prepareDatabase, serverMemory } from "./seed/prepare.ts";
import {
  type ChildServer,
  sampleMemory,
  startBaseline,
  startVtrest,
  waitForAnswer,
} from "./servers.ts";

const BASE = "/modules/RestfulApi";

async function login(origin: string, user: string, password: string): Promise<string> {
  const response = await fetch(`${origin}${BASE}/auth/${user}/${password}`);
  const body = await response.json();
  if (body.success !== true) throw new Error(`Login of ${user} failed: ${JSON.stringify(body)}`);
  return body.result;
}

/** The path a side is asked for. */
function vtrestPath(call: BenchCall): string {
  return `${BASE}/${call.path}`;
}

function baselinePath(call: BenchCall, plan = call.name): string {
  return call.baselineInput === undefined ? `/${plan}` : `/${plan}?p=${call.baselineInput}`;
}

function connectionsOf(call: BenchCall, options: BenchOptions): number {
  switch (call.load) {
    case "read":
      return options.readConnections;
    case "write":
      return options.writeConnections;
    case "deep":
      return options.deepConnections;
  }
}

async function main(): Promise<void> {
  const options = readOptions(Deno.args);
  await requireWrk();
  const deep = deepStart(options.accounts);
  const calls = benchCalls(options.accounts)
    .filter((call) => options.only === undefined || options.only.includes(call.name));
  const database = await prepareDatabase({
    serverUrl: options.serverUrl,
    database: options.database,
    accounts: options.accounts,
    reuse: options.reuse,
    keep: options.keep,
  });
  let vtrest: ChildServer | undefined;
  let baseline: ChildServer | undefined;
  const plansFile = await Deno.makeTempFile({ prefix: "vtrest-bench-", suffix: ".json" });
  try {
    console.error("recording the SQL of each call for the baseline");
    const capture = await capturePlans(database.url, options.accounts, deep);
    await Deno.writeTextFile(plansFile, JSON.stringify(capture.plans));

    // The load comes from one user per call: the per-user bound on requests in progress
    // (MAX_REQUESTS_PER_USER, 4) would refuse most of it, so it is raised above the connections.
    const env = {
      POOL_SIZE: String(options.poolSize),
      MAX_REQUESTS_PER_USER: String(options.readConnections + 1),
    };
    const spawned = performance.now();
    vtrest = startVtrest({
      dbUrl: database.url,
      parallel: options.parallel,
      env,
      ...(options.cpuProfileDir === undefined ? {} : { cpuProfileDir: options.cpuProfileDir }),
      ...(options.v8Flags === undefined ? {} : { v8Flags: options.v8Flags }),
    });
    const memory = sampleMemory(vtrest.pid);
    await waitForAnswer(`${vtrest.origin}/healthz`, (status) => status === 200);
    const firstAnswerMs = performance.now() - spawned;
    const adminToken = await login(vtrest.origin, "admin", "admin");
    const first = await fetch(`${vtrest.origin}${BASE}/Accounts/8`, {
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    if (!first.ok) throw new Error(`vtrest's first record read failed: ${await first.text()}`);
    await first.body?.cancel();
    const firstRecordMs = performance.now() - spawned;
    const readerToken = await login(vtrest.origin, NON_ADMIN.userName, BENCH_PASSWORD);

    baseline = startBaseline(plansFile, database.url, options.poolSize, options.parallel);
    // The baseline's own peak under the same loads: what a bare Deno.serve + mysql2 process
    // reaches, beside vtrest's (the target's 200 MB is vtrest's alone).
    const baselineMemory = sampleMemory(baseline.pid);
    await waitForAnswer(`${baseline.origin}/ready`, (status) => status === 404);

    const authorization = (call: BenchCall) =>
      call.caller === "admin"
        ? `Bearer ${adminToken}`
        : call.caller === "non-admin"
        ? `Bearer ${readerToken}`
        : undefined;
    for (const call of calls) {
      await preflight(vtrest.origin, vtrestPath(call), call, authorization(call));
      await preflight(baseline.origin, baselinePath(call), call);
    }

    // JIT and pools warm on both sides before anything counts, even in quick mode.
    for (const call of benchCalls(options.accounts).filter((call) => call.name === "get_admin")) {
      const common = { call, connections: options.readConnections, accounts: options.accounts };
      const seconds = options.jitWarmupSeconds;
      await runLoad({
        ...common,
        seconds,
        origin: vtrest.origin,
        path: vtrestPath(call),
        authorization: authorization(call),
      });
      await runLoad({ ...common, seconds, origin: baseline.origin, path: baselinePath(call) });
    }

    const results: CallResult[] = [];
    const fixedRate: FixedRateResult[] = [];
    let naiveDeepPage: Measured | undefined;
    for (const call of calls) {
      const connections = connectionsOf(call, options);
      const common = { call, connections, accounts: options.accounts };
      const vtrestLoad: Load = {
        ...common,
        origin: vtrest.origin,
        path: vtrestPath(call),
        authorization: authorization(call),
      };
      const baselineLoad: Load = { ...common, origin: baseline.origin, path: baselinePath(call) };
      console.error(`${call.title}: vtrest`);
      const vtrestResult = await measure(options, vtrestLoad, vtrest.pid);
      console.error(`${call.title}: baseline`);
      const baselineResult = await measure(options, baselineLoad, baseline.pid);
      results.push({
        name: call.name,
        title: call.title,
        connections,
        vtrest: vtrestResult,
        baseline: baselineResult,
        ratio: Math.round((vtrestResult.rps / Math.max(baselineResult.rps, 0.01)) * 100) / 100,
      });
      if (LATENCY_TARGET_CALLS.includes(call.name)) {
        const rate = offeredRate(baselineResult.rps, options.rateFraction);
        const paced = async (side: string, load: Load, pid: number): Promise<Measured> => {
          console.error(`${call.title}: ${side} at ${rate} req/s`);
          const measured = await measureAtRate(options, load, pid, rate);
          const off = rateHeld(rate, measured.rps)
            ? ""
            : ` (off by more than ${RATE_TOLERANCE * 100} %: p99 is not at the offered rate)`;
          console.error(`${call.title}: ${side} achieved ${measured.rps} req/s${off}`);
          return measured;
        };
        fixedRate.push({
          name: call.name,
          title: call.title,
          connections,
          offeredRps: rate,
          fraction: options.rateFraction,
          vtrest: await paced("vtrest", vtrestLoad, vtrest.pid),
          baseline: await paced("baseline", baselineLoad, baseline.pid),
        });
      }
      if (call.name === "deep_page") {
        console.error(`${call.title}: naive LIMIT/OFFSET join (baseline)`);
        naiveDeepPage = await measure(options, {
          ...baselineLoad,
          path: baselinePath(call, NAIVE_DEEP_PAGE),
        }, baseline.pid);
      }
    }
    const peakRssMb = memory.peakMb();
    memory.stop();
    const baselinePeakRssMb = baselineMemory.peakMb();
    baselineMemory.stop();

    const server = await serverMemory(options.serverUrl, options.database);
    const result: RunResult = {
      date: new Date().toISOString(),
      machine: {
        cpus: navigator.hardwareConcurrency,
        loadAverage: Deno.loadavg(),
        ...server,
      },
      settings: {
        quick: options.quick,
        seconds: options.seconds,
        warmupSeconds: options.warmupSeconds,
        accounts: options.accounts,
        contacts: options.accounts,
        parallel: options.parallel,
        poolSize: options.poolSize,
        rateFraction: options.rateFraction,
        loadGenerator: "wrk, 1 thread",
        databaseBuiltThisRun: database.built,
      },
      calls: results,
      ...(fixedRate.length === 0 ? {} : { fixedRate }),
      ...(naiveDeepPage === undefined ? {} : { naiveDeepPage }),
      adapterStatements: capture.statementCounts,
      endToEnd: capture.endToEnd,
      firstAnswerMs: Math.round(firstAnswerMs),
      firstRecordMs: Math.round(firstRecordMs),
      firstOpenOnFreshDatabaseMs: Math.round(capture.firstOpenMs),
      peakRssMb,
      baselinePeakRssMb,
    };
    const targets = checkTargets(result);
    const file = await writeResult(result, targets, new URL("./results/", import.meta.url));
    console.log(formatTable(result));
    console.log();
    if (fixedRate.length > 0) {
      console.log(
        `latency at a fixed rate (${options.rateFraction} of the baseline's req/s above, ` +
          "the same rate offered to both sides; req/s: achieved):",
      );
      console.log(formatFixedRateTable(fixedRate));
      console.log();
    }
    console.log(
      `vtrest: first answer ${result.firstAnswerMs} ms after start, first record ${result.firstRecordMs} ms; ` +
        `peak RSS ${peakRssMb} MB (baseline ${baselinePeakRssMb} MB); ${
          options.parallel ? "deno serve --parallel" : "one process"
        }, ` +
        `POOL_SIZE ${options.poolSize}; machine: ${result.machine.cpus} CPUs, load ${
          result.machine.loadAverage.map((value) => value.toFixed(2)).join(" ")
        }; InnoDB buffer pool ${server.bufferPoolMb} MB for ${server.databaseMb} MB of data${
          server.bufferPoolMb < server.databaseMb ? " (scans and deep pages read from disk)" : ""
        }`,
    );
    const residentByCall = formatResidentByCall(result);
    if (residentByCall !== undefined) console.log(residentByCall);
    console.log(
      "statements per request (end to end, warm token): " +
        Object.entries(capture.endToEnd).map(([name, count]) =>
          `${name} ${count.statements} (${count.writes} writes, ${count.recordReads} record reads)`
        ).join(", "),
    );
    console.log();
    console.log(formatTargets(targets));
    console.log(`\nresults: ${file}`);
  } finally {
    await Deno.remove(plansFile).catch(() => undefined);
    const vtrestLog = await vtrest?.stop();
    const baselineLog = await baseline?.stop();
    if (vtrestLog?.includes("rror")) console.error(`vtrest stderr (tail):\n${vtrestLog}`);
    if (baselineLog?.includes("rror")) console.error(`baseline stderr (tail):\n${baselineLog}`);
    await database.dispose();
  }
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(1);
  }
}

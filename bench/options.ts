/**
 * The benchmark's command line.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { DEFAULT_RATE_FRACTION } from "./fixed_rate.ts";

/** The repository's root folder. */
export const REPO_ROOT: string = new URL("..", import.meta.url).pathname;

/** What a run does. */
export interface BenchOptions {
  /** A short run (1 s per call and side) that CI can afford. */
  readonly quick: boolean;
  /** Seconds of load per call and side. */
  readonly seconds: number;
  /** Seconds of warm-up per call and side before measuring (0 in quick mode). */
  readonly warmupSeconds: number;
  /**
   * Seconds of GET by id per side before the first call is measured (1 in quick mode), for the
   * JIT to settle: vtrest at saturation, in consecutive 2 s windows of one process, went 1,161,
   * 657, 547, 391 us of CPU per request and stayed 340-580 after (the baseline: 339, 191, then
   * 154-191), so 1 s measured the first call, GET by id as admin, half-compiled.
   */
  readonly jitWarmupSeconds: number;
  /** Connections for reads (GET by id, lists). */
  readonly readConnections: number;
  /** Connections for logins and writes. */
  readonly writeConnections: number;
  /** Connections for the deep page (each takes a while). */
  readonly deepConnections: number;
  /** The server, `mysql://user:pass@host:port` (no database). */
  readonly serverUrl: string;
  /** The database's name. */
  readonly database: string;
  /** Keep the database afterwards. */
  readonly keep: boolean;
  /** Use the database as it is when it already holds the data set (implies keep). */
  readonly reuse: boolean;
  /** Accounts (and as many Contacts). */
  readonly accounts: number;
  /** Serve vtrest with `deno serve --parallel`. */
  readonly parallel: boolean;
  /** The pool size of vtrest and the baseline (`POOL_SIZE`). */
  readonly poolSize: number;
  /**
   * The rate offered in the latency runs of GET by id and list 100, as a
   * fraction of the baseline's saturated req/s for the call in the same run.
   */
  readonly rateFraction: number;
  /** Only these calls. */
  readonly only?: readonly string[];
  /** Write V8 CPU profiles of vtrest into this folder. */
  readonly cpuProfileDir?: string;
  /** V8 flags for vtrest instead of those of `deno task start` (`--v8-flags=`). */
  readonly v8Flags?: string;
}

const HELP = `deno task bench [options]

  --quick              1 s per call and side, no warm-up (a CI smoke; the data set is full size)
  --seconds=N          seconds of load per call and side, and per fixed-rate run (default 5)
  --connections=N      connections for reads (default 64); logins and writes use a quarter
  --accounts=N         Accounts, and as many Contacts (default 100000)
  --db-url=URL         MySQL server (default $BENCH_DB_URL or mysql://root@127.0.0.1:3306)
  --database=NAME      database to build (default vtrest_bench_<pid>, dropped afterwards)
  --keep               keep the database afterwards
  --reuse              use --database as it is if it already holds the data set (keeps it)
  --parallel           serve vtrest with deno serve --parallel (one worker per core)
  --pool-size=N        POOL_SIZE of vtrest and of the baseline (default 10)
  --only=a,b           run only these calls (login, get_admin, get_non_admin, list_100, ...)
  --rate-fraction=F    GET by id (admin, non-admin) and list 100 are also measured with the read
                       connections at a fixed rate on both sides, F times the baseline's req/s at
                       saturation for the call in the same run, for the p99 < 50 ms target
                       (default ${DEFAULT_RATE_FRACTION}: half; above 0, at most 1)
  --cpu-prof=DIR       write V8 CPU profiles of vtrest into DIR
  --v8-flags=FLAGS     V8 flags for vtrest instead of deno task start's (--v8-flags= for none)
`;

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`--${name} '${text}' must be a whole number above 0`);
  }
  return value;
}

function fraction(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!(value > 0 && value <= 1)) {
    throw new Error(`--${name} '${text}' must be above 0 and at most 1`);
  }
  return value;
}

/** Reads the command line; prints the help and exits on `--help`. */
export function readOptions(args: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      quick: { type: "boolean", default: false },
      seconds: { type: "string" },
      connections: { type: "string" },
      accounts: { type: "string" },
      "db-url": { type: "string" },
      database: { type: "string" },
      keep: { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
      parallel: { type: "boolean", default: false },
      "pool-size": { type: "string" },
      only: { type: "string" },
      "rate-fraction": { type: "string" },
      "cpu-prof": { type: "string" },
      "v8-flags": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    Deno.exit(0);
  }
  const quick = values.quick ?? false;
  const reads = positive("connections", values.connections, 64);
  const database = values.database ?? `vtrest_bench_${Deno.pid}`;
  if (!/^[A-Za-z0-9_]+$/.test(database)) {
    throw new Error(`--database '${database}' may hold only letters, digits and _`);
  }
  return {
    quick,
    seconds: positive("seconds", values.seconds, quick ? 1 : 5),
    warmupSeconds: quick ? 0 : 1,
    jitWarmupSeconds: quick ? 1 : 10,
    readConnections: reads,
    writeConnections: Math.max(1, Math.round(reads / 4)),
    deepConnections: Math.max(1, Math.round(reads / 8)),
    serverUrl: values["db-url"] ?? Deno.env.get("BENCH_DB_URL") ?? "mysql://root@127.0.0.1:3306",
    database,
    keep: (values.keep ?? false) || (values.reuse ?? false),
    reuse: values.reuse ?? false,
    accounts: positive("accounts", values.accounts, 100_000),
    parallel: values.parallel ?? false,
    poolSize: positive("pool-size", values["pool-size"], 10),
    rateFraction: fraction("rate-fraction", values["rate-fraction"], DEFAULT_RATE_FRACTION),
    ...(values.only === undefined ? {} : { only: values.only.split(",") }),
    ...(values["cpu-prof"] === undefined ? {} : { cpuProfileDir: values["cpu-prof"] }),
    ...(values["v8-flags"] === undefined ? {} : { v8Flags: values["v8-flags"] }),
  };
}

/**
 * Runs wrk (Debian's `wrk` package) against one call for a bounded time with
 * a bounded number of connections, and reads the summary its script prints.
 *
 * @module
 */

import type { BenchCall } from "./calls.ts";
import { FIRST_CRMID, NON_ADMIN_RESIDUES, OWNERS } from "./seed/dataset.ts";

/** What one load run measured. */
export interface LoadResult {
  /** Requests completed. */
  readonly requests: number;
  /** Requests per second. */
  readonly rps: number;
  /** Median latency, ms. */
  readonly p50Ms: number;
  /** 90th percentile latency, ms. */
  readonly p90Ms: number;
  /** 99th percentile latency, ms. */
  readonly p99Ms: number;
  /** Slowest request, ms. */
  readonly maxMs: number;
  /** Non-2xx/3xx answers, and connect, read, write and timeout errors, together. */
  readonly errors: number;
}

/** How to load one side. */
export interface LoadSpec {
  /** The server's origin, `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Path (with templates), starting with `/`. */
  readonly path: string;
  /** The call. */
  readonly call: BenchCall;
  /** `Bearer ...`, if any. */
  readonly authorization?: string;
  /** Seconds. */
  readonly seconds: number;
  /** Open connections. */
  readonly connections: number;
  /** How many Accounts there are (the id and `{n}` pools). */
  readonly accounts: number;
  /** The crmid of the first Account (default: the benchmark data set's). */
  readonly firstId?: number;
  /**
   * Requests per second to offer, all connections together (default: each connection sends
   * its next request as soon as it has its answer, the most the server can take).
   */
  readonly rate?: number;
}

const SCRIPT = new URL("./wrk_call.lua", import.meta.url).pathname;

/** Throws a clear error when wrk is not installed. */
export async function requireWrk(): Promise<void> {
  try {
    await new Deno.Command("wrk", { args: ["--version"], stdout: "null", stderr: "null" })
      .output();
  } catch {
    throw new Error(
      "wrk is not installed: apt-get update && apt-get install -y wrk (Debian/Ubuntu)",
    );
  }
}

/** Runs wrk once and returns what it measured. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const nonAdmin = spec.call.ids === "non-admin accounts";
  const args = [
    "-t1",
    `-c${spec.connections}`,
    `-d${spec.seconds}s`,
    "--timeout",
    "30s",
    "-s",
    SCRIPT,
    `${spec.origin}/`,
    "--",
    spec.call.method,
    spec.path,
    spec.call.body ?? "-",
    spec.authorization ?? "-",
    String(spec.firstId ?? FIRST_CRMID),
    String(spec.accounts),
    String(nonAdmin ? OWNERS.length : 1),
    nonAdmin ? NON_ADMIN_RESIDUES.join(",") : "0",
    ...(spec.rate === undefined ? [] : [String(spec.rate)]),
  ];
  const output = await new Deno.Command("wrk", { args, stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder().decode(output.stdout);
  const line = text.split("\n").find((candidate) => candidate.startsWith("BENCH_JSON "));
  if (!output.success || line === undefined) {
    throw new Error(
      `wrk failed for ${spec.call.name}: ${new TextDecoder().decode(output.stderr)}${text}`,
    );
  }
  const summary = JSON.parse(line.slice("BENCH_JSON ".length));
  const errors = Object.values(summary.errors as Record<string, number>)
    .reduce((sum, count) => sum + count, 0);
  const ms = (us: number) => Math.round(us / 10) / 100;
  return {
    requests: summary.requests,
    rps: Math.round((summary.requests / summary.duration_us) * 1e6 * 10) / 10,
    p50Ms: ms(summary.latency_us.p50),
    p90Ms: ms(summary.latency_us.p90),
    p99Ms: ms(summary.latency_us.p99),
    maxMs: ms(summary.latency_us.max),
    errors,
  };
}

/**
 * One side's measurement of one call: a check that it answers, the
 * saturation run (as many requests as the connections can send, with the
 * server's CPU time per request) and the run at a fixed offered rate.
 *
 * @module
 */

import type { BenchCall } from "./calls.ts";
import { type LoadSpec, runLoad } from "./load_generator.ts";
import type { BenchOptions } from "./options.ts";
import type { Measured } from "./report.ts";
import { cpuSeconds, sampleResidentWindow } from "./servers.ts";

/** How to load one side, but for how long and at what rate. */
export type Load = Omit<LoadSpec, "seconds" | "rate">;

/** One request with templates filled in, to check a side answers before loading it. */
export async function preflight(
  origin: string,
  path: string,
  call: BenchCall,
  authorization?: string,
): Promise<void> {
  const fill = (text: string) =>
    text.replaceAll("{id}", call.ids === "non-admin accounts" ? "4" : "8").replaceAll("{n}", "8")
      .replaceAll("{u}", `preflight-${crypto.randomUUID()}`);
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.Authorization = authorization;
  if (call.body !== undefined) headers["Content-Type"] = "application/x-www-form-urlencoded";
  const response = await fetch(`${origin}${fill(path)}`, {
    method: call.method,
    headers,
    ...(call.body === undefined ? {} : { body: fill(call.body) }),
  });
  const text = await response.text();
  if (!response.ok || !text.startsWith('{"success":true')) {
    throw new Error(`${call.name} on ${origin}: ${response.status} ${text.slice(0, 300)}`);
  }
}

/**
 * Waits until what a run left queued in the server is done: wrk stops
 * counting at the deadline, but the requests it had in flight still hold
 * pooled connections. One more request of the same call is answered after them.
 */
async function drain(load: Load): Promise<void> {
  await preflight(load.origin, load.path, load.call, load.authorization).catch(() => undefined);
}

/** Slow calls (a naive deep page takes a second under load) get at least this long. */
const SLOW_CALL_SECONDS = 5;

/** A slow call that completed fewer requests than this is measured again, longer. */
const MIN_SLOW_REQUESTS = 10;

/** The longest a slow call is measured (wrk's timeout is 30 s). */
const MAX_SLOW_CALL_SECONDS = 30;

/**
 * Loads one side once, waits for what the run left queued, and adds the
 * server's CPU time per request in the run and its highest resident memory.
 */
async function loadOnce(
  load: Load,
  pid: number,
  seconds: number,
  rate?: number,
): Promise<Measured> {
  const cpuBefore = cpuSeconds(pid);
  const resident = sampleResidentWindow(pid);
  const result = await runLoad({ ...load, seconds, ...(rate === undefined ? {} : { rate }) });
  const cpuAfter = cpuSeconds(pid);
  const peakRssMb = resident.stop();
  await drain(load);
  const cpuUsPerRequest = cpuBefore === undefined || cpuAfter === undefined ||
      result.requests === 0
    ? undefined
    : Math.round(((cpuAfter - cpuBefore) * 1e6) / result.requests);
  return {
    ...result,
    ...(cpuUsPerRequest === undefined ? {} : { cpuUsPerRequest }),
    ...(peakRssMb === undefined ? {} : { peakRssMb }),
  };
}

/**
 * Loads one side as fast as its connections go for the run's time (slow
 * calls longer, again and longer while they complete too few requests to
 * count: wrk counts no request still in flight at its deadline).
 */
export async function measure(options: BenchOptions, load: Load, pid: number): Promise<Measured> {
  const slow = load.call.load === "deep";
  let seconds = slow ? Math.max(options.seconds, SLOW_CALL_SECONDS) : options.seconds;
  if (options.warmupSeconds > 0) {
    await runLoad({ ...load, seconds: options.warmupSeconds });
    await drain(load);
  }
  for (;;) {
    const result = await loadOnce(load, pid, seconds);
    if (slow && result.requests < MIN_SLOW_REQUESTS && seconds < MAX_SLOW_CALL_SECONDS) {
      seconds = Math.min(MAX_SLOW_CALL_SECONDS, seconds * 3);
      continue;
    }
    return result;
  }
}

/**
 * Loads one side at `rate` requests per second (all connections together)
 * for the run's time, with no warm-up: the saturation run of the same call
 * just warmed it.
 */
export async function measureAtRate(
  options: BenchOptions,
  load: Load,
  pid: number,
  rate: number,
): Promise<Measured> {
  return await loadOnce(load, pid, options.seconds, rate);
}

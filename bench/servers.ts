/**
 * The two servers the benchmark loads, each a child process on loopback:
 * vtrest as `deno task start` runs it, and the baseline. vtrest's resident
 * memory is sampled for the whole run.
 *
 * @module
 */

import { REPO_ROOT } from "./options.ts";

/** A running child server. */
export interface ChildServer {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Its process id. */
  readonly pid: number;
  /** Ends it and returns the tail of what it wrote on stderr. */
  stop(): Promise<string>;
}

/** A free TCP port on loopback. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Keeps the last `max` characters of a stream. */
function tail(stream: ReadableStream<Uint8Array>, max = 8000): () => string {
  let text = "";
  (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      text = (text + decoder.decode(chunk, { stream: true })).slice(-max);
    }
  })().catch(() => undefined);
  return () => text;
}

function spawn(args: string[], env: Record<string, string>, port: number): ChildServer {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: REPO_ROOT,
    env: { ...env, NO_COLOR: "1" },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const stderr = tail(child.stderr);
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop(): Promise<string> {
      try {
        child.kill("SIGTERM");
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch {
          // already gone
        }
      }, 5000);
      await child.status;
      clearTimeout(timer);
      return stderr();
    },
  };
}

/** How vtrest is started. */
export interface VtrestOptions {
  /** The database URL. */
  readonly dbUrl: string;
  /** `deno serve --parallel`. */
  readonly parallel: boolean;
  /** Extra environment (POOL_SIZE...). */
  readonly env: Readonly<Record<string, string>>;
  /** A folder for V8 CPU profiles (`--cpu-prof`), if profiling. */
  readonly cpuProfileDir?: string;
  /** V8 flags instead of those `deno task start` passes (`""`: none). */
  readonly v8Flags?: string;
}

/** The `--v8-flags=...` of `deno task start` in deno.json, if it has one. */
export function startTaskV8Flags(): string | undefined {
  const config = JSON.parse(Deno.readTextFileSync(new URL("../deno.json", import.meta.url)));
  const start: string = config.tasks?.start ?? "";
  return /--v8-flags=(\S+)/.exec(start)?.[1];
}

/**
 * Starts vtrest as `deno task start` does (`main.ts`), or with `parallel` as
 * `deno serve --parallel serve.ts`, one worker per core.
 */
export function startVtrest(options: VtrestOptions): ChildServer {
  const port = freePort();
  // --unstable-no-legacy-abort in both: without it Deno aborts every request's signal once
  // answered, building a DOMException (and its stack) per request (V8 allocation profile).
  const args = options.parallel ? ["serve", "--parallel"] : ["run"];
  args.push("--allow-net", "--allow-env", "--allow-read", "--unstable-no-legacy-abort");
  if (options.cpuProfileDir !== undefined) {
    args.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`);
  }
  const v8Flags = options.v8Flags ?? startTaskV8Flags();
  if (v8Flags !== undefined && v8Flags !== "") args.push(`--v8-flags=${v8Flags}`);
  args.push(options.parallel ? "serve.ts" : "main.ts");
  return spawn(args, {
    ...options.env,
    VTIGER_DB_URL: options.dbUrl,
    LISTEN_HOST: "127.0.0.1",
    PORT: String(port),
  }, port);
}

/** Starts the baseline server on a plans file, one worker per core with `parallel`. */
export function startBaseline(
  plansFile: string,
  dbUrl: string,
  poolSize: number,
  parallel: boolean,
): ChildServer {
  const port = freePort();
  const args = ["serve", "--allow-net", "--allow-read", "--allow-env", "--allow-sys"];
  if (parallel) args.push("--parallel");
  args.push("--host", "127.0.0.1", "--port", String(port), "bench/baseline_server.ts");
  return spawn(args, {
    BENCH_PLANS: plansFile,
    BENCH_DB_URL: dbUrl,
    POOL_SIZE: String(poolSize),
  }, port);
}

/** Polls `url` until it answers with a status `accept` takes; milliseconds waited. */
export async function waitForAnswer(
  url: string,
  accept: (status: number) => boolean,
  timeoutMs = 60_000,
): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (accept(response.status)) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`No answer from ${url} within ${timeoutMs / 1000} s`);
}

/** A process's resident and peak resident memory in KiB (`VmRSS`, `VmHWM`); `undefined` if gone. */
function residentKb(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    return {
      rss: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
      hwm: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0),
    };
  } catch {
    // the process is gone, or /proc is not there
    return undefined;
  }
}

/** How often resident memory is sampled, in milliseconds. */
const SAMPLE_EVERY_MS = 250;

/**
 * The highest of `measure` over a process's memory readings, taken now and
 * every {@linkcode SAMPLE_EVERY_MS} until `stop()`; `peakMb()` reads once more
 * and answers in MB (`undefined` while nothing could be read: no `/proc`).
 */
function sampleHighest(
  pid: number,
  measure: (resident: { rss: number; hwm: number }) => number,
): { peakMb(): number | undefined; stop(): void } {
  let peakKb: number | undefined;
  const read = () => {
    const resident = residentKb(pid);
    if (resident !== undefined) peakKb = Math.max(peakKb ?? 0, measure(resident));
  };
  read();
  const timer = setInterval(read, SAMPLE_EVERY_MS);
  return {
    peakMb: () => {
      read();
      return peakKb === undefined ? undefined : Math.round(peakKb / 1024);
    },
    stop: () => clearInterval(timer),
  };
}

/** Samples a process's resident memory; `peakMb()` is the highest seen (and the kernel's VmHWM). */
export function sampleMemory(pid: number): { peakMb(): number; stop(): void } {
  const highest = sampleHighest(pid, (resident) => Math.max(resident.rss, resident.hwm));
  return { peakMb: () => highest.peakMb() ?? 0, stop: highest.stop };
}

/**
 * Samples a process's resident memory from now until `stop()`, which returns
 * the highest seen in that window in MB (`undefined` where there is no
 * `/proc`). Unlike VmHWM, which holds the highest since the process started,
 * this tells which call of a run drives the peak.
 */
export function sampleResidentWindow(pid: number): { stop(): number | undefined } {
  const highest = sampleHighest(pid, (resident) => resident.rss);
  return {
    stop: () => {
      highest.stop();
      return highest.peakMb();
    },
  };
}

/** Clock ticks per second of `/proc/<pid>/stat` (`getconf CLK_TCK`, 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * CPU seconds (user and system, every thread) a process has used so far, read
 * from `/proc/<pid>/stat`; `undefined` where there is no `/proc`.
 */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    // The command name may hold spaces: the fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * Starts the real entry point as `deno task start` does (the task's own
 * command line, read from deno.json) in a child process with only the given
 * settings, and reads what it prints.
 *
 * @module
 */

import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);

/** The arguments after `deno` of the `start` task. */
async function startTaskArguments(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  const words = String(config.tasks.start).split(/\s+/);
  assert.equal(words[0], "deno", "the start task runs deno");
  return words.slice(1);
}

/** The variables a child needs to find Deno's cache, plus the given settings. */
function childEnv(settings: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "DENO_DIR", "TMPDIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) kept[name] = value;
  }
  return { ...kept, NO_COLOR: "1", ...settings };
}

/** A free TCP port on 127.0.0.1, as the system hands them out. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** What a process that ended printed. */
export interface Ended {
  /** Its exit code. */
  readonly code: number;
  /** Its standard output. */
  readonly stdout: string;
  /** Its standard error. */
  readonly stderr: string;
}

/** Runs the start task with these settings until it exits on its own (a failed start). */
export async function runUntilExit(
  settings: Readonly<Record<string, string>>,
  args?: readonly string[],
): Promise<Ended> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [...(args ?? await startTaskArguments())],
    cwd: ROOT,
    env: childEnv(settings),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** A running service. */
export interface Running {
  /** The URL of its base path. */
  readonly base: string;
  /** The lines it printed on standard output so far. */
  readonly lines: string[];
  /** Sends a signal. */
  kill(signal: Deno.Signal): void;
  /** Waits for the process to end; resolves with what it printed. */
  ended(): Promise<Ended>;
}

/** How the process is started besides its settings. */
export interface StartOptions {
  /** A lower limit on open descriptors (`ulimit -n`, through /bin/sh), as a service manager may set. */
  readonly openFiles?: number;
}

/** Starts the service and resolves once its start line is printed. */
export async function startService(
  settings: Readonly<Record<string, string>>,
  options: StartOptions = {},
): Promise<Running> {
  const port = settings.PORT ?? String(freePort());
  const args = await startTaskArguments();
  const limited = options.openFiles !== undefined;
  const child = new Deno.Command(limited ? "/bin/sh" : Deno.execPath(), {
    args: limited
      ? ["-c", `ulimit -n ${options.openFiles} && exec "$0" "$@"`, Deno.execPath(), ...args]
      : args,
    cwd: ROOT,
    env: childEnv({ PORT: port, ...settings }),
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  let stderr = "";
  const stderrDone = child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (chunk) => void (stderr += chunk) }),
  );
  let started: () => void = () => {};
  const startLine = new Promise<void>((resolve) => (started = resolve));
  let buffer = "";
  const stdoutDone = child.stdout.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({
      write(chunk) {
        buffer += chunk;
        const parts = buffer.split("\n");
        buffer = parts.pop() ?? "";
        for (const line of parts) {
          lines.push(line);
          if (line.includes('"event":"start"')) started();
        }
      },
    }),
  );
  const status = child.status;
  const outcome = await Promise.race([
    startLine.then(() => "started" as const),
    status.then(() => "exited" as const),
  ]);
  if (outcome === "exited") {
    await Promise.all([stderrDone, stdoutDone]);
    throw new Error(`the service did not start: ${stderr}`);
  }
  return {
    base: `http://127.0.0.1:${port}/modules/RestfulApi`,
    lines,
    kill: (signal) => child.kill(signal),
    ended: async () => {
      const { code } = await status;
      await Promise.all([stderrDone, stdoutDone]);
      return { code, stdout: lines.join("\n"), stderr };
    },
  };
}

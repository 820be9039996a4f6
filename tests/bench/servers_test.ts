/**
 * The benchmark's samplers of a server process's memory. They read `/proc`,
 * which Deno opens only to `--allow-all` (as `deno task bench` runs): they are
 * exercised in a child process that has it, on its own memory.
 */

import assert from "node:assert/strict";

const SERVERS = new URL("../../bench/servers.ts", import.meta.url).href;

/** What the child measured of itself. */
interface Sampled {
  readonly before: number | undefined;
  readonly window: number | undefined;
  readonly sinceStart: number;
  readonly gone: number | undefined;
}

const CHILD = `
import { sampleMemory, sampleResidentWindow } from ${JSON.stringify(SERVERS)};
const before = sampleResidentWindow(Deno.pid).stop();
const window = sampleResidentWindow(Deno.pid);
// 96 MiB written byte by byte: every page resident while the window is open.
const held = new Uint8Array(96 * 1024 * 1024).fill(1);
const windowPeak = window.stop();
const memory = sampleMemory(Deno.pid);
const sinceStart = memory.peakMb();
memory.stop();
const child = new Deno.Command("true").spawn();
await child.status;
const gone = sampleResidentWindow(child.pid).stop();
console.log(JSON.stringify({ before, window: windowPeak, sinceStart, gone, last: held.at(-1) }));
`;

async function sampleInChild(): Promise<Sampled> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["eval", CHILD],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout);
  assert.ok(output.success, new TextDecoder().decode(output.stderr));
  return JSON.parse(text);
}

Deno.test({
  name: "the memory samplers: a window, the whole run, and a process that is gone",
  ignore: Deno.build.os !== "linux",
  fn: async (t) => {
    const sampled = await sampleInChild();
    await t.step("a window counts what was made resident in it", () => {
      const { before, window } = sampled;
      assert.ok(before !== undefined && before > 0, `resident memory read: ${before}`);
      assert.ok(window !== undefined && window >= before + 90, `${window} MB after ${before} MB`);
    });
    await t.step("the run's sampler keeps the highest since the process started", () => {
      assert.ok(
        sampled.sinceStart >= (sampled.window ?? Infinity),
        `${sampled.sinceStart} MB against the window's ${sampled.window} MB`,
      );
    });
    await t.step("a process that is gone has no resident memory", () => {
      assert.equal(sampled.gone, undefined);
    });
  },
});

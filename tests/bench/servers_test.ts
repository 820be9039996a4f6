/**
 * The benchmark's samplers of a server process's memory, on this process.
 */

import assert from "node:assert/strict";
import { sampleMemory, sampleResidentWindow } from "../../bench/servers.ts";

const linux = Deno.build.os === "linux";

Deno.test({
  name: "a window's resident memory counts what was made resident in it, not before",
  ignore: !linux,
  fn: () => {
    const before = sampleResidentWindow(Deno.pid).stop();
    assert.ok(before !== undefined && before > 0, `resident memory read: ${before}`);
    const window = sampleResidentWindow(Deno.pid);
    // 96 MiB written byte by byte: every page resident while the window is open.
    const held = new Uint8Array(96 * 1024 * 1024).fill(1);
    const peak = window.stop();
    assert.ok(peak !== undefined && peak >= before + 90, `peak ${peak} MB after ${before} MB`);
    assert.equal(held[held.length - 1], 1);
  },
});

Deno.test({
  name: "the run's sampler keeps the highest resident memory since the process started",
  ignore: !linux,
  fn: () => {
    const memory = sampleMemory(Deno.pid);
    try {
      const window = sampleResidentWindow(Deno.pid).stop() ?? 0;
      assert.ok(memory.peakMb() >= window, `${memory.peakMb()} MB against ${window} MB`);
    } finally {
      memory.stop();
    }
  },
});

Deno.test({
  name: "a process that is gone has no resident memory",
  ignore: !linux,
  fn: async () => {
    const child = new Deno.Command("true").spawn();
    await child.status;
    assert.equal(sampleResidentWindow(child.pid).stop(), undefined);
  },
});

/**
 * The real entry point closes a connection that sends no request head in
 * time (HEADER_TIMEOUT_SECONDS), and keeps the client's address for the
 * request log's and the throttle's sake; `HEADER_TIMEOUT_SECONDS=0` serves
 * straight from Deno.serve, which never closed such a connection.
 */

import assert from "node:assert/strict";
import { startService } from "./_service_process.ts";

Deno.test("the entry point closes a silent connection after HEADER_TIMEOUT_SECONDS", async () => {
  const service = await startService({ HEADER_TIMEOUT_SECONDS: "1" });
  try {
    const port = Number(new URL(service.base).port);
    const silent = await Deno.connect({ hostname: "127.0.0.1", port });
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stillOpen = new Promise<"still open">((resolve) => {
      timer = setTimeout(() => resolve("still open"), 5000);
    });
    const read = await Promise.race([silent.read(new Uint8Array(16)).catch(() => null), stillOpen]);
    clearTimeout(timer);
    const seconds = (performance.now() - started) / 1000;
    silent.close();
    assert.equal(read, null, "closed without an answer");
    assert.ok(seconds < 5, `closed after ${seconds} s`);
    const health = await fetch(`${service.base.replace(/\/modules\/RestfulApi$/, "")}/healthz`);
    assert.equal(health.status, 200);
    await health.body?.cancel();
  } finally {
    service.kill("SIGTERM");
    const { code } = await service.ended();
    assert.equal(code, 0);
  }
});

Deno.test("many silent connections never run the process out of descriptors", async () => {
  // Each relayed connection holds three descriptors (the client's, both ends of the loopback):
  // under systemd's default soft limit of 1024 open files, 400 silent connections made
  // Deno.serve's accept fail with EMFILE, uncaught, and the process died.
  const service = await startService({ HEADER_TIMEOUT_SECONDS: "30" }, { openFiles: 1024 });
  const port = Number(new URL(service.base).port);
  const health = `${service.base.replace(/\/modules\/RestfulApi$/, "")}/healthz`;
  const silent: Deno.Conn[] = [];
  try {
    for (let i = 0; i < 400; i++) {
      silent.push(await Deno.connect({ hostname: "127.0.0.1", port }));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 3; i++) {
      const answer = await fetch(health, { signal: AbortSignal.timeout(5000) });
      assert.equal(answer.status, 200, "a new client is served while the silent ones wait");
      await answer.body?.cancel();
    }
  } finally {
    for (const conn of silent) conn.close();
  }
  const after = await fetch(health, { signal: AbortSignal.timeout(5000) });
  assert.equal(after.status, 200);
  await after.body?.cancel();
  service.kill("SIGTERM");
  const { code, stderr } = await service.ended();
  assert.equal(code, 0, stderr);
});

Deno.test({
  name: "clients reconnecting beyond the cap never run the process out of descriptors",
  ignore: !(await hasWrk()),
  fn: async () => {
    // wrk's 300 connections against a cap of 256 (ulimit -n 1024): wrk reconnects at once each
    // connection the guard closes, and the server's ends of the closed relays piled up faster
    // than Deno.serve closed them, until its accept failed with EMFILE and the process ended.
    const service = await startService({}, { openFiles: 1024 });
    const health = `${service.base.replace(/\/modules\/RestfulApi$/, "")}/healthz`;
    const wrk = await new Deno.Command("wrk", {
      args: ["-t2", "-c300", "-d3s", health],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const report = new TextDecoder().decode(wrk.stdout);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // wrk's connections are closing
    const answer = await fetch(health, { signal: AbortSignal.timeout(5000) });
    assert.equal(answer.status, 200, report);
    await answer.body?.cancel();
    assert.match(report, /Requests\/sec:\s+[1-9]/);
    service.kill("SIGTERM");
    const { code, stderr } = await service.ended();
    assert.equal(code, 0, stderr);
  },
});

/** Whether wrk can be run here (the load generator the benchmark uses). */
async function hasWrk(): Promise<boolean> {
  try {
    await new Deno.Command("wrk", { args: ["--version"], stdout: "null", stderr: "null" }).output();
    return true;
  } catch {
    return false;
  }
}

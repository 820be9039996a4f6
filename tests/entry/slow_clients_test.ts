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

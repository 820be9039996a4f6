/**
 * Graceful shutdown of the real entry point: SIGTERM (and SIGINT) while a
 * request is in flight stops accepting new connections, lets that request be
 * answered, and exits 0 with a shutdown line; Deno's warning about
 * `request.signal` never appears. Also checks the request log lines a real
 * process writes.
 */

import assert from "node:assert/strict";
import { startService } from "./_service_process.ts";

/** A body that sends its first part now and the rest when `finish` is called. */
function slowBody(
  first: string,
  rest: string,
): { body: ReadableStream<Uint8Array>; finish(): void } {
  const encoder = new TextEncoder();
  let finish = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(first));
      finish = () => {
        controller.enqueue(encoder.encode(rest));
        controller.close();
      };
    },
  });
  return { body, finish: () => finish() };
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  Deno.test(`${signal} during a slow request: the request is answered, then exit 0`, async () => {
    const service = await startService({ SHUTDOWN_GRACE_SECONDS: "10" });
    const login = await fetch(`${service.base}/auth/admin/admin`);
    const token = (await login.json()).result as string;

    const upload = slowBody("accountname=Slow", "%20Upload&website=https://slow.example");
    const answer = fetch(`${service.base}/Accounts/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: upload.body,
    });
    // The request is in flight (headers and part of the body sent) when the signal comes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    service.kill(signal);
    await new Promise((resolve) => setTimeout(resolve, 300));
    upload.finish();

    const response = await answer;
    assert.equal(response.status, 201);
    assert.equal((await response.json()).success, true);

    const { code, stdout, stderr } = await service.ended();
    assert.equal(code, 0, stderr);
    assert.ok(!stderr.includes("request.signal"), stderr);
    assert.equal(stderr, "", "nothing on standard error");
    const events = stdout.split("\n").map((line) => JSON.parse(line));
    assert.deepEqual(events.map((event) => event.event), [
      "start",
      "request",
      "shutdown",
      "request",
      "stopped",
    ]);
    assert.equal(events[2].signal, signal);
    const created = events[3];
    assert.equal(created.action, "create");
    assert.equal(created.status, 201);
    assert.equal(typeof created.user_id, "number");
    assert.ok(!stdout.includes(token), "no token in the log");
    const requestLines = JSON.stringify(events.filter((event) => event.event === "request"));
    assert.ok(!requestLines.includes("admin"), "no login name or password in request lines");
    assert.ok(!stdout.includes("Slow Upload"), "no field value in the log");
  });
}

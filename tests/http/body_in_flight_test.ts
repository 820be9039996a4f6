/**
 * Request bodies are read only once the caller may write, and the bodies in
 * flight are bounded across the process: many slow bodies cannot exhaust
 * memory, a stalled one times out, a client that goes away is not a fault.
 */

import assert from "node:assert/strict";
import { createApp, type HttpOptions } from "../../adapters/http/app.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { README_TIME } from "../_fixtures/readme.ts";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";
import { adminToken, BASE, expectFailure, expectSuccess, spyApp, TOKEN } from "./helpers.ts";

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

/** A body that sends `head`, then nothing until `finish()` (or `fail()`); counts what was read. */
class SlowBody {
  readonly stream: ReadableStream<Uint8Array>;
  bytesRead = 0;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #head: Uint8Array | undefined;

  constructor(head: string) {
    this.#head = new TextEncoder().encode(head);
    // highWaterMark 0: nothing is pulled until someone reads.
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
      pull: (controller) => {
        if (this.#head === undefined) return;
        this.bytesRead += this.#head.length;
        controller.enqueue(this.#head);
        this.#head = undefined;
      },
    }, { highWaterMark: 0 });
  }

  /** Sends the rest and ends the body. */
  finish(rest: string): void {
    const bytes = new TextEncoder().encode(rest);
    this.bytesRead += bytes.length;
    this.#controller.enqueue(bytes);
    this.#controller.close();
  }

  /** Breaks the body, as a dropped connection does. */
  fail(): void {
    this.#controller.error(new Error("connection closed before message completed"));
  }
}

function demo(options: HttpOptions = {}) {
  const ports = createDemoPorts({ clock: new FixedClock(README_TIME) });
  return createApp(createUseCases(ports), options);
}

/** Lets pending reads and timers run. */
const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("a body is never read before the caller is allowed to write", async (t) => {
  const app = demo();
  const token = await adminToken(app);
  const login = async (name: string) =>
    await expectSuccess(await app.request(`${BASE}/auth/${name}/${name}`)) as string;
  const salesToken = await login("sales");
  const supportToken = await login("support");

  const refusals: Array<[string, string, string, number, string]> = [
    ["a bad token", "POST", `Accounts/${"0".repeat(32)}`, 401, "INVALID_TOKEN"],
    ["no token", "POST", "Accounts", 401, "TOKEN_NOT_FOUND"],
    ["a malformed token", "PUT", "Accounts/3/not-a-token", 401, "INVALID_TOKEN"],
    ["an unknown module", "POST", `Nope/${token}`, 404, "MODULE_NOT_FOUND"],
    ["a forbidden module", "POST", `Accounts/${supportToken}`, 403, "ACCESS_DENIED"],
    ["a record out of reach", "PUT", `Accounts/3/${salesToken}`, 403, "ACCESS_DENIED"],
    ["an absent record", "PUT", `Accounts/999/${token}`, 404, "RECORD_NOT_FOUND"],
  ];
  for (const [what, method, path, status, code] of refusals) {
    await t.step(`${what}: ${code}, and not a byte of the body read`, async () => {
      const body = new SlowBody("accountname=x");
      const response = await app.request(`${BASE}/${path}`, {
        method,
        headers: { ...FORM, "Content-Length": "1000000" },
        body: body.stream,
      });
      await expectFailure(response, status, code);
      assert.equal(body.bytesRead, 0);
    });
  }

  await t.step("two hundred slow 1 MB bodies with a bad token: all 401, none read", async () => {
    const bodies = Array.from({ length: 200 }, () => new SlowBody("a=" + "x".repeat(65_536)));
    const responses = await Promise.all(
      bodies.map((body) =>
        app.request(`${BASE}/Accounts/${"f".repeat(32)}`, {
          method: "POST",
          headers: { ...FORM, "Content-Length": String(1024 * 1024) },
          body: body.stream,
        })
      ),
    );
    for (const response of responses) await expectFailure(response, 401, "INVALID_TOKEN");
    assert.equal(bodies.reduce((sum, body) => sum + body.bytesRead, 0), 0);
  });
});

Deno.test("the bodies in flight share one budget", async (t) => {
  const url = `${BASE}/Accounts/${TOKEN}`;
  const post = (app: ReturnType<typeof spyApp>["app"], body: SlowBody, length?: number) =>
    app.request(url, {
      method: "POST",
      headers: length === undefined ? FORM : { ...FORM, "Content-Length": String(length) },
      body: body.stream,
    });

  await t.step("declared lengths are reserved at once; one that does not fit is 503", async () => {
    const { app, calls } = spyApp({}, { maxBodyBytesInFlight: 2500 });
    const first = new SlowBody("accountname=");
    const second = new SlowBody("accountname=");
    const pending = [post(app, first, 1000), post(app, second, 1000)];
    await settle();
    const third = new SlowBody("accountname=");
    const refused = await post(app, third, 1000);
    assert.match(
      await expectFailure(refused, 503, "SERVICE_UNAVAILABLE"),
      /too many request bodies/,
    );
    assert.equal(refused.headers.get("Retry-After"), "1");
    assert.equal(third.bytesRead, 0);
    first.finish("a".repeat(988));
    second.finish("b".repeat(988));
    for (const response of await Promise.all(pending)) await expectSuccess(response, 201);
    assert.equal(calls.length, 2);

    // Both leases were given back: two more fit again.
    const again = [new SlowBody("accountname=c"), new SlowBody("accountname=d")];
    const answers = [post(app, again[0], 1000), post(app, again[1], 1000)];
    await settle();
    again[0].finish("c".repeat(987));
    again[1].finish("d".repeat(987));
    for (const response of await Promise.all(answers)) await expectSuccess(response, 201);
  });

  await t.step("chunked bodies are counted as their bytes arrive", async () => {
    const { app } = spyApp({}, { maxBodyBytesInFlight: 1000 });
    const first = new SlowBody("accountname=" + "a".repeat(588));
    const pending = post(app, first);
    await settle();
    const second = new SlowBody("accountname=" + "b".repeat(588));
    await expectFailure(await post(app, second), 503, "SERVICE_UNAVAILABLE");
    first.finish("");
    await expectSuccess(await pending, 201);
    const third = new SlowBody("accountname=" + "c".repeat(588));
    const answer = post(app, third);
    await settle();
    third.finish("");
    await expectSuccess(await answer, 201);
  });

  await t.step("a refused body releases what it held", async () => {
    const { app } = spyApp({}, { maxBodyBytesInFlight: 1000, maxBodyBytes: 700 });
    const tooBig = new SlowBody("accountname=" + "a".repeat(688));
    const pending = post(app, tooBig);
    await settle();
    tooBig.finish("overflow");
    await expectFailure(await pending, 413, "PAYLOAD_TOO_LARGE");
    const next = new SlowBody("accountname=" + "b".repeat(688));
    const answer = post(app, next);
    await settle();
    next.finish("");
    await expectSuccess(await answer, 201);
  });
});

Deno.test("slow and dropped bodies", async (t) => {
  const url = `${BASE}/Accounts/${TOKEN}`;

  await t.step(
    "a body that stalls past the deadline: REQUEST_TIMEOUT, budget given back",
    async () => {
      const { app, calls } = spyApp({}, { bodyTimeoutSeconds: 0.1, maxBodyBytesInFlight: 1500 });
      const stalled = new SlowBody("accountname=");
      const response = await app.request(url, {
        method: "POST",
        headers: { ...FORM, "Content-Length": "1000" },
        body: stalled.stream,
      });
      assert.match(
        await expectFailure(response, 408, "REQUEST_TIMEOUT"),
        /did not arrive within 0.1 seconds/,
      );
      assert.equal(calls.length, 0);
      const next = await app.request(url, {
        method: "POST",
        headers: { ...FORM, "Content-Length": "1000" },
        body: "accountname=" + "x".repeat(988),
      });
      await expectSuccess(next, 201);
    },
  );

  await t.step("a client that drops mid-body: a 4xx, and nothing logged as internal", async () => {
    const logger = new MemoryLogger();
    const { app, calls } = spyApp({}, { logger });
    const dropped = new SlowBody("accountname=half");
    const pending = app.request(url, { method: "POST", headers: FORM, body: dropped.stream });
    await settle();
    dropped.fail();
    assert.match(
      await expectFailure(await pending, 400, "INVALID_PARAMETER"),
      /ended before it was complete/,
    );
    assert.deepEqual(logger.of("internal_error"), []);
    assert.deepEqual(logger.entries.filter((entry) => entry.level === "error"), []);
    assert.equal(calls.length, 0);
  });
});

Deno.test("a request that runs past REQUEST_TIMEOUT_SECONDS: 503 with Retry-After", async () => {
  // A use case that never answers, as a statement the database never finishes.
  const { app } = spyApp({ getRecord: new Promise<never>(() => {}) }, {
    requestTimeoutSeconds: 0.1,
  });
  const response = await app.request(`${BASE}/Accounts/3/${TOKEN}`);
  assert.match(
    await expectFailure(response, 503, "SERVICE_UNAVAILABLE"),
    /did not finish within 0.1 seconds/,
  );
  assert.equal(response.headers.get("Retry-After"), "1");
});

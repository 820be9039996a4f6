/**
 * The request scope the ports read: kept across awaits for the use case it
 * was entered for, apart for requests answered at once, and noted back on
 * the hono context whether the use case succeeds or fails.
 */

import assert from "node:assert/strict";
import { Hono } from "hono";
import {
  currentScope,
  inRequestScope,
  RequestScope,
  scopedUseCase,
  scopeOf,
} from "../../adapters/http/request_scope.ts";
import { createApp } from "../../adapters/http/app.ts";
import { observeCallers } from "../../adapters/http/caller_observer.ts";
import { wrapping } from "../../adapters/http/port_wrapping.ts";
import { noteRateState } from "../../adapters/http/rate_limit_headers.ts";
import { limitUserWork, UserWorkLimit } from "../../adapters/http/user_work_limit.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { MemoryCounterStore } from "../../adapters/memory/memory_counter_store.ts";
import { createUseCases } from "../../application/use_cases.ts";
import type { RecordRepository } from "../../domain/ports.ts";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";
import { BASE, expectFailure, expectSuccess } from "./helpers.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

Deno.test("a scope is current across awaits, and only inside its use case", async () => {
  const scope = new RequestScope("GET", new AbortController().signal);
  assert.equal(currentScope(), undefined);
  const seen = await inRequestScope(scope, async () => {
    await tick();
    await Promise.resolve();
    return currentScope();
  });
  assert.equal(seen, scope);
  assert.equal(currentScope(), undefined);
});

Deno.test("concurrent requests each see their own scope", async () => {
  const scopes = ["GET", "POST", "PUT"].map((method) =>
    new RequestScope(method, new AbortController().signal)
  );
  const seen = await Promise.all(scopes.map((scope, index) =>
    inRequestScope(scope, async () => {
      await new Promise((resolve) => setTimeout(resolve, 3 - index));
      currentScope()!.userId = index + 10;
      await tick();
      return currentScope();
    })
  ));
  assert.deepEqual(seen, scopes);
  assert.deepEqual(scopes.map((scope) => [scope.writes, scope.userId]), [
    [false, 10],
    [true, 11],
    [true, 12],
  ]);
});

Deno.test("what the ports note is on the request's scope, on success and on failure", async () => {
  const app = new Hono();
  const ended: string[] = [];
  app.use("*", async (c, next) => {
    const scope = scopeOf(c);
    scope.tokenClient = "203.0.113.7";
    try {
      await next();
    } finally {
      scope.end();
    }
    c.res.headers.set("X-Seen", `${scope.userId} ${scope.rateState?.remaining}`);
  });
  app.onError((_error, c) => c.text("failed", 500));
  app.get("/:outcome", (c) =>
    scopedUseCase(c, async () => {
      const scope = currentScope()!;
      assert.equal(scope, c.get("scope"));
      assert.equal(scope.tokenClient, "203.0.113.7");
      assert.equal(scope.signal, c.req.raw.signal);
      await tick();
      scope.userId = 5;
      scope.rateState = { limit: 10, remaining: 9, resetSeconds: 60, exceeded: false };
      scope.atEnd(() => ended.push(c.req.param("outcome")));
      if (c.req.param("outcome") === "fails") throw new Error("refused");
      return c.text("done");
    }));
  const done = await app.request("/works");
  assert.equal(await done.text(), "done");
  assert.equal(done.headers.get("X-Seen"), "5 9");
  const failed = await app.request("/fails");
  assert.equal(failed.status, 500);
  assert.equal(failed.headers.get("X-Seen"), "5 9");
  await failed.body?.cancel();
  assert.deepEqual(ended, ["works", "fails"]);
});

Deno.test("what a request is told to do after its end runs at once", () => {
  const scope = new RequestScope("GET", new AbortController().signal);
  const ran: string[] = [];
  scope.atEnd(() => ran.push("before"));
  assert.equal(ran.length, 0);
  scope.end();
  assert.deepEqual(ran, ["before"]);
  scope.atEnd(() => ran.push("after"));
  assert.deepEqual(ran, ["before", "after"]);
  scope.end();
  assert.deepEqual(ran, ["before", "after"], "each runs once");
});

/** Demo ports whose lists wait for `open()`, with a rate limit and the caller noted. */
function slowListsApp(limit?: UserWorkLimit) {
  const demo = { ...createDemoPorts(), counters: new MemoryCounterStore() };
  const gate = Promise.withResolvers<void>();
  const list: RecordRepository["list"] = async (module, query) => {
    await gate.promise;
    return await demo.records.list(module, query);
  };
  const observed = observeCallers({ ...demo, records: wrapping(demo.records, "list", list) });
  const ports = limit === undefined ? observed : limitUserWork(observed, limit);
  const logger = new MemoryLogger();
  const app = createApp(
    createUseCases(ports, { rateLimitPerMinute: 10, onRateState: noteRateState }),
    { logger, requestTimeoutSeconds: 0.2 },
  );
  return { app, logger, open: () => gate.resolve() };
}

Deno.test("a request its deadline answers still names its user and says where its token stands", async () => {
  const { app, logger, open } = slowListsApp();
  const token = await expectSuccess(await app.request(`${BASE}/auth/admin/admin`)) as string;
  const late = await app.request(`${BASE}/Accounts/${token}`);
  await expectFailure(late, 503, "SERVICE_UNAVAILABLE");
  assert.equal(late.headers.get("RateLimit-Remaining"), "9");
  const line = logger.of("request").at(-1)!;
  assert.equal(line.fields.status, 503);
  assert.equal(line.fields.user_id, 1);
  open();
});

Deno.test("a user's share taken after the deadline answered the request is given back", async () => {
  const limit = new UserWorkLimit(1, { maxWaiting: 1, maxWaitMs: 10_000 });
  const { app, open } = slowListsApp(limit);
  const token = await expectSuccess(await app.request(`${BASE}/auth/admin/admin`)) as string;
  const holding = app.request(`${BASE}/Accounts/${token}`);
  for (let waited = 0; limit.inFlight(1) < 1; waited += 5) {
    assert.ok(waited < 10_000, "the first list never took its share");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // The second waits for the first's share past its own deadline: both are answered 503.
  const waiting = app.request(`${BASE}/Accounts/${token}`);
  await expectFailure(await holding, 503, "SERVICE_UNAVAILABLE");
  await expectFailure(await waiting, 503, "SERVICE_UNAVAILABLE");
  open();
  for (let waited = 0; limit.inFlight(1) > 0 || limit.waiting(1) > 0; waited += 5) {
    assert.ok(waited < 10_000, `the user still holds ${limit.inFlight(1)} share(s)`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
});

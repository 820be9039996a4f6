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
} from "../../adapters/http/request_scope.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

Deno.test("a scope is current across awaits, and only inside its use case", async () => {
  const scope = new RequestScope("GET", new AbortController().signal, []);
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
    new RequestScope(method, new AbortController().signal, [])
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

Deno.test("what the ports note reaches the request's context, on success and on failure", async () => {
  const app = new Hono();
  const ended: string[] = [];
  app.use("*", async (c, next) => {
    const ends: (() => void)[] = [];
    c.set("requestEnds", ends);
    c.set("tokenClient", "203.0.113.7");
    await next();
    for (const end of ends.splice(0)) end();
    c.res.headers.set("X-Seen", `${c.get("userId")} ${c.get("rateState")?.remaining}`);
  });
  app.onError((_error, c) => c.text("failed", 500));
  app.get("/:outcome", (c) =>
    scopedUseCase(c, async () => {
      const scope = currentScope()!;
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

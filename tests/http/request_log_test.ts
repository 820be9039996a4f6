/**
 * One log line per request: request id (taken from X-Request-Id when well
 * formed, else generated, and returned), method, route pattern (never the raw
 * path), action, status, duration, user id and error code; never a token, a
 * password, an access key or a field value.
 */

import assert from "node:assert/strict";
import { createApp } from "../../adapters/http/app.ts";
import { observeCallers } from "../../adapters/http/caller_observer.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";
import { BASE } from "./helpers.ts";

function loggedApp() {
  const logger = new MemoryLogger();
  const app = createApp(createUseCases(observeCallers(createDemoPorts())), { logger });
  return { app, logger };
}

Deno.test("each request logs one line without secrets", async (t) => {
  const { app, logger } = loggedApp();
  const login = await app.request(`${BASE}/auth/admin/admin`, {
    headers: { "X-Request-Id": "client-id-1" },
  });
  const token = (await login.json()).result as string;
  assert.equal(login.headers.get("X-Request-Id"), "client-id-1");

  await t.step("a login names the user it logged in", () => {
    const [line] = logger.of("request");
    assert.equal(line.level, "info");
    assert.deepEqual(
      { ...line.fields, duration_ms: typeof line.fields.duration_ms },
      {
        request_id: "client-id-1",
        method: "GET",
        route: "/modules/RestfulApi/*",
        action: "loginWithPassword",
        status: 200,
        duration_ms: "number",
        user_id: 1,
        error_code: undefined,
      },
    );
  });

  await t.step("a create by the admin, query style, names the user and no value", async () => {
    await app.request(`${BASE}/index.php?module=Accounts&token=${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "accountname=Secret%20Customer%20Ltd&email1=ceo%40customer.example",
    });
    const line = logger.of("request").at(-1)!;
    assert.equal(line.fields.route, "/modules/RestfulApi/index.php");
    assert.equal(line.fields.action, "create");
    assert.equal(line.fields.status, 201);
    assert.equal(line.fields.user_id, 1);
  });

  await t.step("a failure names its code, a bad token no user", async () => {
    await app.request(`${BASE}/Accounts/${"f".repeat(32)}`);
    const line = logger.of("request").at(-1)!;
    assert.equal(line.fields.status, 401);
    assert.equal(line.fields.error_code, "INVALID_TOKEN");
    assert.equal(line.fields.user_id, undefined);
  });

  await t.step("an access key login and a logout", async () => {
    await app.request(`${BASE}/auth/DemoAccessKey016`);
    await app.request(`${BASE}/auth/${token}`, { method: "DELETE" });
    assert.deepEqual(logger.of("request").slice(-2).map((line) => line.fields.action), [
      "loginWithAccessKey",
      "logout",
    ]);
  });

  await t.step("no token, password, access key or field value appears anywhere", () => {
    const text = JSON.stringify(logger.entries);
    for (const secret of [token, "admin/admin", "DemoAccessKey016", "Secret", "ceo@"]) {
      assert.ok(!text.includes(secret), `${secret} must not be logged`);
    }
  });
});

Deno.test("X-Request-Id: a well-formed one is kept, any other replaced", async () => {
  const { app, logger } = loggedApp();
  for (const sent of ["a b", "x".repeat(129), "id;forged", "{x}"]) {
    const response = await app.request("/healthz", { headers: { "X-Request-Id": sent } });
    const returned = response.headers.get("X-Request-Id") ?? "";
    assert.notEqual(returned, sent);
    assert.match(returned, /^[0-9a-f-]{36}$/);
    assert.equal(logger.of("request").at(-1)!.fields.request_id, returned);
  }
  const kept = await app.request("/healthz", { headers: { "X-Request-Id": "x".repeat(128) } });
  assert.equal(kept.headers.get("X-Request-Id"), "x".repeat(128));
  const generated = await app.request("/healthz");
  assert.match(generated.headers.get("X-Request-Id") ?? "", /^[0-9a-f-]{36}$/);
});

/** CORS like the original (`Access-Control-Allow-Origin: *`), and the health check. */

import assert from "node:assert/strict";
import { createApp } from "../../adapters/http/app.ts";
import type { UseCases } from "../../application/use_cases.ts";
import { DomainError } from "../../domain/errors.ts";
import { BASE, expectFailure, expectSuccess, spyApp, TOKEN } from "./helpers.ts";

Deno.test("CORS", async (t) => {
  await t.step("every answer allows any origin by default, failures included", async () => {
    const { app } = spyApp({ getRecord: new DomainError("RECORD_NOT_FOUND", "Gone") });
    const headers = { Origin: "https://crm-client.example" };
    const ok = await app.request(`${BASE}/Accounts/${TOKEN}`, { headers });
    assert.equal(ok.headers.get("Access-Control-Allow-Origin"), "*");
    await expectSuccess(ok);
    const failed = await app.request(`${BASE}/Accounts/3/${TOKEN}`, { headers });
    assert.equal(failed.headers.get("Access-Control-Allow-Origin"), "*");
    await expectFailure(failed, 404, "RECORD_NOT_FOUND");
    const invalid = await app.request(`${BASE}/Accounts/start/x/${TOKEN}`, { headers });
    assert.equal(invalid.headers.get("Access-Control-Allow-Origin"), "*");
    await expectFailure(invalid, 400, "INVALID_PARAMETER");
    const missing = await app.request("/nowhere", { headers });
    assert.equal(missing.headers.get("Access-Control-Allow-Origin"), "*");
    await expectFailure(missing, 404, "NOT_FOUND");
  });

  await t.step("Retry-After is exposed to browsers", async () => {
    const { app } = spyApp({ loginWithPassword: new DomainError("TOO_MANY_REQUESTS", "Wait") });
    const response = await app.request(`${BASE}/auth/a/b`, { headers: { Origin: "https://x" } });
    assert.match(response.headers.get("Access-Control-Expose-Headers") ?? "", /Retry-After/);
    await expectFailure(response, 429, "TOO_MANY_REQUESTS");
  });

  await t.step("a preflight is answered without calling any use case", async () => {
    const { app, calls } = spyApp();
    const response = await app.request(`${BASE}/Accounts/25/${TOKEN}`, {
      method: "OPTIONS",
      headers: {
        Origin: "https://crm-client.example",
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization, content-type",
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("Access-Control-Allow-Origin"), "*");
    const methods = response.headers.get("Access-Control-Allow-Methods") ?? "";
    for (const method of ["GET", "POST", "PUT", "DELETE"]) assert.ok(methods.includes(method));
    const allowed = (response.headers.get("Access-Control-Allow-Headers") ?? "").toLowerCase();
    assert.ok(allowed.includes("authorization") && allowed.includes("content-type"));
    assert.equal(calls.length, 0);
  });

  await t.step("the origin is configurable", async () => {
    const { app } = spyApp({}, { corsOrigin: "https://crm.example" });
    const allowed = await app.request(`${BASE}/Accounts/${TOKEN}`, {
      headers: { Origin: "https://crm.example" },
    });
    assert.equal(allowed.headers.get("Access-Control-Allow-Origin"), "https://crm.example");
    const other = await app.request(`${BASE}/Accounts/${TOKEN}`, {
      headers: { Origin: "https://evil.example" },
    });
    assert.equal(other.headers.get("Access-Control-Allow-Origin"), null);
  });
});

Deno.test("GET /healthz", async (t) => {
  await t.step("answers ok outside the base path, without touching use cases", async () => {
    const { app, calls } = spyApp();
    const result = await expectSuccess(await app.request("/healthz"));
    assert.deepEqual(result, { status: "ok" });
    assert.equal(calls.length, 0);
  });

  await t.step("the exact envelope", async () => {
    const { app } = spyApp({}, { basePath: "/" });
    const response = await app.request("/healthz");
    assert.equal(await response.text(), '{"success":true,"result":{"status":"ok"}}');
  });
});

Deno.test("createApp options are checked", () => {
  const useCases = {} as UseCases;
  assert.throws(() => createApp(useCases, { basePath: "api" }), RangeError);
  assert.throws(() => createApp(useCases, { maxBodyBytes: 0 }), RangeError);
  assert.throws(() => createApp(useCases, { maxBodyBytes: 1.5 }), RangeError);
});

/**
 * Failures: every protocol code gets its status and envelope, the HTTP layer
 * refuses bad parameters, methods, routes and sizes with the right code, and
 * an unexpected error never leaks its message.
 */

import assert from "node:assert/strict";
import { createApp } from "../../adapters/http/app.ts";
import { STATUS_BY_CODE } from "../../adapters/http/error_status.ts";
import type { UseCases } from "../../application/use_cases.ts";
import { DomainError, ERROR_CODES } from "../../domain/errors.ts";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";
import { BASE, expectFailure, spyApp, TOKEN } from "./helpers.ts";

const Q = `${BASE}/index.php`;

Deno.test("domain error codes become their statuses", async (t) => {
  const expected: Record<string, number> = {
    AUTH_FAILED: 401,
    TOKEN_NOT_FOUND: 401,
    INVALID_TOKEN: 401,
    ACCESS_DENIED: 403,
    MODULE_NOT_FOUND: 404,
    RECORD_NOT_FOUND: 404,
    INVALID_PARAMETER: 400,
    MANDATORY_FIELDS_MISSING: 422,
    INVALID_FIELD_VALUE: 422,
    DUPLICATE_RECORD: 409,
    METHOD_NOT_ALLOWED: 405,
    PAYLOAD_TOO_LARGE: 413,
    REQUEST_TIMEOUT: 408,
    TOO_MANY_REQUESTS: 429,
    SERVICE_UNAVAILABLE: 503,
    NOT_FOUND: 404,
    PRECONDITION_FAILED: 412,
    INTERNAL_ERROR: 500,
  };

  await t.step("the table matches PROTOCOL.md", () => {
    assert.deepEqual({ ...STATUS_BY_CODE }, expected);
  });

  for (const code of ERROR_CODES.filter((code) => code !== "INTERNAL_ERROR")) {
    await t.step(`${code} → ${expected[code]}`, async () => {
      const message = `Something about ${code}`;
      const { app } = spyApp({ getRecord: new DomainError(code, message) });
      const response = await app.request(`${BASE}/Accounts/3/${TOKEN}`);
      assert.equal(await expectFailure(response, expected[code], code), message);
    });
  }

  await t.step("TOO_MANY_REQUESTS sets Retry-After from the error's details", async () => {
    const error = new DomainError("TOO_MANY_REQUESTS", "Too many logins; wait a little", {
      retryAfterSeconds: 29.2,
    });
    const { app } = spyApp({ loginWithPassword: error });
    const response = await app.request(`${BASE}/auth/admin/wrong`);
    await expectFailure(response, 429, "TOO_MANY_REQUESTS");
    assert.equal(response.headers.get("Retry-After"), "30");
  });

  await t.step("SERVICE_UNAVAILABLE sets Retry-After only when the error says", async () => {
    const busy = new DomainError("SERVICE_UNAVAILABLE", "Busy", { retryAfterSeconds: 1 });
    const busyApp = spyApp({ getRecord: busy }).app;
    const busyResponse = await busyApp.request(`${BASE}/Accounts/3/${TOKEN}`);
    await expectFailure(busyResponse, 503, "SERVICE_UNAVAILABLE");
    assert.equal(busyResponse.headers.get("Retry-After"), "1");
    const down = spyApp({ getRecord: new DomainError("SERVICE_UNAVAILABLE", "Down") }).app;
    const downResponse = await down.request(`${BASE}/Accounts/3/${TOKEN}`);
    await expectFailure(downResponse, 503, "SERVICE_UNAVAILABLE");
    assert.equal(downResponse.headers.get("Retry-After"), null);
  });

  await t.step("TOO_MANY_REQUESTS without details still sets Retry-After", async () => {
    const { app } = spyApp({ loginWithPassword: new DomainError("TOO_MANY_REQUESTS", "Wait") });
    const response = await app.request(`${BASE}/auth/admin/wrong`);
    await expectFailure(response, 429, "TOO_MANY_REQUESTS");
    assert.match(response.headers.get("Retry-After") ?? "", /^\d+$/);
  });
});

Deno.test("unexpected errors are logged, never leaked", async (t) => {
  const secret = "SELECT user_password FROM vtiger_users -- s3cr3t at db.internal:3306";

  /** The one internal_error entry logged while answering, and the answer's text. */
  const answer = async (useCases: UseCases) => {
    const logger = new MemoryLogger();
    const app = createApp(useCases, { logger });
    const response = await app.request(`${BASE}/Accounts/${TOKEN}`, {
      headers: { "X-Request-Id": "req-42" },
    });
    const text = await response.clone().text();
    await expectFailure(response, 500, "INTERNAL_ERROR");
    assert.ok(!text.includes("s3cr3t"), text);
    assert.ok(!text.includes("SELECT"), text);
    const errors = logger.of("internal_error");
    assert.equal(errors.length, 1);
    assert.equal(errors[0].level, "error");
    assert.equal(errors[0].fields.request_id, "req-42");
    assert.ok(!JSON.stringify(logger.entries).includes(TOKEN), "no URL, so no token, is logged");
    return errors[0].fields;
  };

  await t.step("a thrown non-Error value", async () => {
    const fields = await answer({
      listRecords: { page: () => Promise.reject(secret) },
    } as unknown as UseCases);
    assert.equal(fields.error_class, "Error");
    assert.equal(fields.cause_class, "string");
    assert.ok(!JSON.stringify(fields).includes("s3cr3t"));
  });

  for (
    const [label, thrown, name] of [
      ["an Error", new Error("boom"), "Error"],
      [
        "a DomainError with code INTERNAL_ERROR",
        new DomainError("INTERNAL_ERROR", "x"),
        "DomainError",
      ],
      ["a TypeError", new TypeError("y is undefined"), "TypeError"],
    ] as const
  ) {
    await t.step(label, async () => {
      const fields = await answer(spyApp({ listRecords: thrown }).useCases);
      assert.equal(fields.error_class, name);
      assert.equal(fields.error_message, thrown.message);
    });
  }

  await t.step(
    "a driver's error logs its code, never its SQL or the values it quotes",
    async () => {
      const driverError = Object.assign(new Error(`Duplicate entry 'jane@doe.example' ${secret}`), {
        code: "ER_DUP_ENTRY",
        errno: 1062,
        sql: "INSERT INTO vtiger_account VALUES ('jane@doe.example')",
        sqlMessage: "Duplicate entry 'jane@doe.example'",
      });
      const wrapped = new Error("A database operation failed (ER_DUP_ENTRY)", {
        cause: driverError,
      });
      for (const thrown of [driverError, wrapped]) {
        const fields = await answer(spyApp({ listRecords: thrown }).useCases);
        const logged = JSON.stringify(fields);
        assert.match(logged, /ER_DUP_ENTRY/);
        assert.ok(!logged.includes("jane@doe.example"), logged);
        assert.ok(!logged.includes("s3cr3t"), logged);
      }
    },
  );
});

Deno.test("methods", async (t) => {
  for (const method of ["PATCH", "PROPFIND", "PURGE"]) {
    await t.step(`${method} is METHOD_NOT_ALLOWED in both styles`, async () => {
      const { app, calls } = spyApp();
      for (const url of [`${BASE}/Accounts/3/${TOKEN}`, `${Q}?module=Accounts&id=x`]) {
        const response = await app.request(url, { method });
        assert.match(await expectFailure(response, 405, "METHOD_NOT_ALLOWED"), /not allowed/);
      }
      assert.equal(calls.length, 0);
    });
  }

  await t.step("update and delete without an id are METHOD_NOT_ALLOWED", async () => {
    const { app, calls } = spyApp();
    for (const method of ["PUT", "DELETE"]) {
      for (const url of [`${BASE}/Accounts/${TOKEN}`, `${Q}?module=Accounts&token=${TOKEN}`]) {
        const response = await app.request(url, {
          method,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "accountname=x",
        });
        assert.match(
          await expectFailure(response, 405, "METHOD_NOT_ALLOWED"),
          method === "PUT" ? /^An update needs a record id/ : /^A delete needs a record id/,
        );
      }
    }
    assert.equal(calls.length, 0);
  });

  await t.step("POST and PUT on auth are METHOD_NOT_ALLOWED", async () => {
    const { app } = spyApp();
    for (const method of ["POST", "PUT"]) {
      const response = await app.request(`${BASE}/auth/admin/admin`, { method });
      await expectFailure(response, 405, "METHOD_NOT_ALLOWED");
    }
  });

  await t.step("list parameters with a write are INVALID_PARAMETER", async () => {
    const { app } = spyApp();
    const response = await app.request(`${BASE}/Accounts/3/order/x/${TOKEN}`, {
      method: "DELETE",
    });
    assert.match(
      await expectFailure(response, 400, "INVALID_PARAMETER"),
      /^Parameter 'order' does not go with a delete$/,
    );
  });
});

Deno.test("unknown routes are a 404 envelope", async (t) => {
  const quoted: Array<[string, string]> = [
    ["/foo", "/foo"],
    ["/", "/"],
    ["/modules/RestfulAp", "/modules/…"],
    ["/modules/Other/Accounts/3", "/modules/…"],
    ["/healthz/x", "/healthz/…"],
  ];
  for (const [path, quote] of quoted) {
    await t.step(path, async () => {
      const { app } = spyApp();
      const message = await expectFailure(await app.request(path), 404, "NOT_FOUND");
      assert.equal(message, `No route for GET ${quote}`);
    });
  }
});

Deno.test("bodies over the limit are PAYLOAD_TOO_LARGE", async (t) => {
  const limit = 64;
  const url = `${BASE}/Accounts/${TOKEN}`;
  const big = `accountname=${"x".repeat(100)}`;

  await t.step("by Content-Length", async () => {
    const { app, calls } = spyApp({}, { maxBodyBytes: limit });
    const response = await app.request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: big,
    });
    assert.match(await expectFailure(response, 413, "PAYLOAD_TOO_LARGE"), /64 bytes/);
    assert.equal(calls.length, 0);
  });

  await t.step("by the bytes of a chunked body without Content-Length", async () => {
    const { app, calls } = spyApp({}, { maxBodyBytes: limit });
    const chunks = [big.slice(0, 50), big.slice(50)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const response = await app.request(`${BASE}/Accounts/3/${TOKEN}`, {
      method: "PUT",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: stream,
    });
    await expectFailure(response, 413, "PAYLOAD_TOO_LARGE");
    assert.equal(calls.length, 0);
  });

  await t.step("by the bytes when Content-Length understates them", async () => {
    const { app, calls } = spyApp({}, { maxBodyBytes: limit });
    const response = await app.request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": "10" },
      body: big,
    });
    await expectFailure(response, 413, "PAYLOAD_TOO_LARGE");
    assert.equal(calls.length, 0);
  });

  await t.step("a body at the limit passes", async () => {
    const { app, calls } = spyApp({}, { maxBodyBytes: limit });
    const body = `accountname=${"x".repeat(limit - 12)}`;
    assert.equal(body.length, limit);
    const response = await app.request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    assert.equal(response.status, 201);
    assert.equal(calls.length, 1);
  });
});

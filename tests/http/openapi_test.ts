/**
 * The OpenAPI document and the reference page: the document validates as
 * OpenAPI 3.1, names every route the app serves and every action in both URL
 * styles, every error code with its status and the Bearer scheme; its
 * parameters are the validation schemas; openapi.json?module= adds a
 * module's record only for a caller who may see it; the page and its assets
 * are served by vtrest itself.
 */

import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";
import type { Hono } from "hono";
import { createApp } from "../../adapters/http/app.ts";
import { STATUS_BY_CODE } from "../../adapters/http/error_status.ts";
import { OPENAPI_URL } from "../../adapters/http/docs_routes.ts";
import { ServiceMetrics } from "../../adapters/http/metrics.ts";
import { ACTION_OPERATIONS, QUERY_OPERATIONS } from "../../adapters/http/openapi/operations.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { ERROR_CODES } from "../../domain/errors.ts";
import { adminToken, BASE, demoApp, expectFailure, expectSuccess } from "./helpers.ts";

type Operation = {
  "x-vtrest-actions"?: string[];
  parameters?: { name: string; in: string; schema: { pattern?: string } }[];
};
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, { type: string; scheme: string }>;
    schemas: Record<string, { enum?: string[]; properties?: Record<string, unknown> }>;
  };
  info: { description: string };
};

async function documentOf(
  app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> },
  query = "",
  init?: RequestInit,
): Promise<Document> {
  const response = await app.request(`${BASE}/openapi.json${query}`, init);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("Content-Type") ?? "", /^application\/json/);
  return await response.json() as Document;
}

/** hono's route pattern (`/x/:name`) as an OpenAPI path (`/x/{name}`). */
function openApiPath(pattern: string): string {
  return pattern.replace(/:(\w+)/g, "{$1}");
}

Deno.test("the OpenAPI document", async (t) => {
  const app = createApp(createUseCases(createDemoPorts()), { metrics: new ServiceMetrics() });
  const document = await documentOf(app);

  await t.step("validates as OpenAPI 3.1", async () => {
    assert.equal(document.openapi, "3.1.0");
    const result = await new Validator().validate(
      document as unknown as Parameters<Validator["validate"]>[0],
    );
    assert.deepEqual(result, { valid: true });
  });

  await t.step("every route the app serves is in it", () => {
    const methods = ["GET", "POST", "PUT", "DELETE"];
    const queryPaths = new Set([BASE, `${BASE}/`, `${BASE}/index.php`]);
    // Every route but the middleware registered for all paths (`/*`).
    const served = (app as unknown as Hono).routes.filter((route) => route.path !== "/*");
    assert.ok(served.length > 5);
    for (const route of served) {
      if (queryPaths.has(route.path)) {
        for (const method of methods) {
          assert.ok(
            document.paths[`${BASE}/index.php`]?.[method.toLowerCase()],
            `${method} ${route.path}`,
          );
        }
      } else if (route.path === `${BASE}/*`) {
        // The path-style dispatcher: each action it can run has a documented path.
        for (const action of Object.keys(ACTION_OPERATIONS)) {
          const documented = Object.entries(document.paths).some(([path, item]) =>
            path !== `${BASE}/index.php` &&
            Object.values(item).some((operation) => operation["x-vtrest-actions"]?.includes(action))
          );
          assert.ok(documented, `path style of ${action}`);
        }
      } else {
        const path = route.path === `${BASE}/docs/start.js`
          ? `${BASE}/docs/{asset}`
          : openApiPath(route.path);
        assert.ok(
          document.paths[path]?.[route.method.toLowerCase()],
          `${route.method} ${route.path}`,
        );
      }
    }
    assert.ok(document.paths["/metrics"]?.get);
  });

  await t.step("every action in query style too", () => {
    const actions = new Set<string>(QUERY_OPERATIONS.flatMap((operation) => operation.actions));
    for (const action of Object.keys(ACTION_OPERATIONS)) assert.ok(actions.has(action), action);
  });

  await t.step("every error code with its status, and the Bearer scheme", () => {
    assert.deepEqual(document.components.schemas.ErrorCode.enum, [...ERROR_CODES]);
    for (const code of ERROR_CODES) {
      assert.ok(document.info.description.includes(`\`${code}\` ${STATUS_BY_CODE[code]}`), code);
    }
    assert.deepEqual(document.components.securitySchemes.bearerAuth, {
      type: "http",
      scheme: "bearer",
      description: "The token a login answered (32 hexadecimal characters)",
    });
    const read = document.paths[`${BASE}/{module}/{id}/{token}`];
    assert.ok(read.get && read.put && read.delete && read.post);
    assert.ok(
      (read.put as Record<string, unknown>).responses &&
        JSON.stringify(read.put).includes("PRECONDITION_FAILED"),
    );
  });

  await t.step("parameters carry the validation schemas' rules", () => {
    const read = document.paths[`${BASE}/{module}/{id}/{token}`].get;
    const id = read.parameters?.find((parameter) => parameter.name === "id");
    assert.equal(id?.schema.pattern, "^\\d+$");
    const module = read.parameters?.find((parameter) => parameter.name === "module");
    assert.equal(module?.schema.pattern, "^[A-Za-z][A-Za-z0-9_]*$");
  });
});

Deno.test("openapi.json?module= and the docs page", async (t) => {
  const { app } = demoApp();
  const token = await adminToken(app);

  await t.step(
    "a module's record schema needs a token, and shows only visible fields",
    async () => {
      await expectFailure(
        await app.request(`${BASE}/openapi.json?module=Accounts`),
        401,
        "TOKEN_NOT_FOUND",
      );
      const admin = await documentOf(app, `?module=Accounts&token=${token}`);
      const record = admin.components.schemas.AccountsRecord;
      assert.ok(record.properties?.accountname && record.properties?.annual_revenue);
      const sales = await expectSuccess(await app.request(`${BASE}/auth/sales/sales`)) as string;
      const seen = await documentOf(app, "?module=Accounts", {
        headers: { Authorization: `Bearer ${sales}` },
      });
      assert.ok(seen.components.schemas.AccountsRecord.properties?.accountname);
      assert.equal(seen.components.schemas.AccountsRecord.properties?.annual_revenue, undefined);
      assert.deepEqual(
        await new Validator().validate(seen as unknown as Parameters<Validator["validate"]>[0]),
        { valid: true },
      );
      await expectFailure(
        await app.request(`${BASE}/openapi.json?modul=Accounts`),
        400,
        "INVALID_PARAMETER",
      );
    },
  );

  await t.step(
    "the page and its assets come from vtrest, under a policy that allows them",
    async () => {
      const page = await app.request(`${BASE}/docs`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<script src="swagger-ui-bundle.js"><\/script>/);
      assert.doesNotMatch(html, /https?:\/\//);
      const policy = page.headers.get("Content-Security-Policy") ?? "";
      assert.match(policy, /script-src 'self'/);
      assert.doesNotMatch(policy, /script-src[^;]*unsafe/);
      for (
        const [asset, type] of [["swagger-ui-bundle.js", "text/javascript"], [
          "swagger-ui.css",
          "text/css",
        ], ["start.js", "text/javascript"]]
      ) {
        const response = await app.request(`${BASE}/docs/${asset}`);
        assert.equal(response.status, 200, asset);
        assert.match(response.headers.get("Content-Type") ?? "", new RegExp(`^${type}`));
        assert.ok((await response.arrayBuffer()).byteLength > 100);
      }
      // The page's base is docs/, and start.js finds the document from there.
      const start = await (await app.request(`${BASE}/docs/start.js`)).text();
      assert.ok(start.includes(JSON.stringify(OPENAPI_URL)));
      const documentUrl = new URL(OPENAPI_URL, `http://localhost${BASE}/docs/`);
      assert.equal(documentUrl.pathname, `${BASE}/openapi.json`);
      await expectFailure(await app.request(`${BASE}/docs/package.json`), 404, "NOT_FOUND");
      await expectFailure(await app.request(`${BASE}/docs/..%2Fpackage.json`), 404, "NOT_FOUND");
      const api = await app.request(`${BASE}/Accounts/${token}`);
      assert.match(api.headers.get("Content-Security-Policy") ?? "", /default-src 'none'/);
      await api.body?.cancel();
    },
  );
});

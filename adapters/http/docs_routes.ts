/**
 * The API's own description: `{basePath}/openapi.json` (the OpenAPI 3.1
 * document, `openapi/document.ts`) and `{basePath}/docs`, an interactive
 * reference page (Swagger UI) whose scripts and styles vtrest serves itself
 * from the `swagger-ui-dist` package, so that it works on hosts without
 * internet access.
 *
 * @module
 */

import type { Context, Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import type { UseCases } from "../../application/use_cases.ts";
import type { ModuleDescription } from "../../domain/discovery.ts";
import { invalidParameter } from "../../domain/errors.ts";
import { excerpt } from "../../domain/excerpt.ts";
import denoConfig from "../../deno.json" with { type: "json" };
import { onFirstUse } from "../system/first_use.ts";
import { scopedUseCase } from "./request_scope.ts";
import { bearerToken } from "./bearer.ts";
import { MODULE_NAME_PATTERN } from "./params_schema.ts";

/** What the description routes need. */
export interface DocsOptions {
  /** The base path (normalized: no trailing slash). */
  readonly basePath: string;
  /** Whether `/metrics` is served. */
  readonly metrics: boolean;
}

/** The files of the page: name → content type. Nothing else of the package is served. */
const ASSETS: Readonly<Record<string, string>> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

/**
 * The document's generator (zod-to-openapi and the operation table), imported
 * by the first `openapi.json` request rather than at start: most processes
 * never serve one.
 */
const documentGenerator = onFirstUse(() => import("./openapi/document.ts"));

/** The folder of the page's files, looked up by the first request for one. */
const swaggerUiFolder = onFirstUse(async () => {
  // Only the package's folder: its main module parses both Swagger UI bundles (34 MB of memory).
  const { default: folderOf } = await import("swagger-ui-dist/absolute-path.js");
  return (folderOf as unknown as () => string)();
});

/** Where the page finds the document, relative to its base (`{basePath}/docs/`). */
export const OPENAPI_URL = "../openapi.json";

/** The script that starts the page (served, not inline: the page's policy allows no inline script). */
const START_SCRIPT = `const OPENAPI_URL = ${JSON.stringify(OPENAPI_URL)};
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({
    url: new URL(OPENAPI_URL, document.baseURI).href,
    dom_id: "#reference",
    deepLinking: true,
    persistAuthorization: false,
    tryItOutEnabled: false,
  });
});
`;

/**
 * What the page may load: its own scripts, styles and images, and requests
 * to this service; nothing inline but styles (Swagger UI sets style
 * attributes), nothing from elsewhere.
 */
const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'self'; " +
  "form-action 'none'; frame-ancestors 'none'";

function page(basePath: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>vtrest API reference</title>
<base href="${basePath}/docs/">
<link rel="icon" type="image/png" href="favicon-32x32.png">
<link rel="stylesheet" href="swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="swagger-ui-bundle.js"></script>
<script src="start.js"></script>
</body>
</html>
`;
}

/**
 * Replaces the service's nothing-allowed policy (`security_headers.ts`) on
 * the page and its assets; register it before the security headers, so that
 * it runs after them on the way out.
 */
export function docsPagePolicy(basePath: string): MiddlewareHandler {
  const prefix = `${basePath}/docs`;
  return async (c, next) => {
    await next();
    if (c.req.path === prefix || c.req.path.startsWith(`${prefix}/`)) {
      c.res.headers.set("Content-Security-Policy", PAGE_POLICY);
    }
  };
}

/** A module's record as a schema, from what `describe` tells the caller about it. */
function recordSchema(description: ModuleDescription): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const field of description.fields) {
    let schema = z.string();
    if (field.maxLength !== null) schema = schema.max(field.maxLength);
    shape[field.name] = schema.describe(`${field.label} (${field.type})`);
  }
  for (const key of ["record_id", "record_module", "api_date_now"]) shape[key] = z.string();
  return z.object(shape).describe(`A ${description.name} record as the caller sees it`);
}

/** Adds `GET {basePath}/openapi.json`, `GET {basePath}/docs` and the page's assets. */
export function addDocsRoutes(app: Hono, useCases: UseCases, options: DocsOptions): void {
  const { basePath } = options;
  const version = denoConfig.version;
  let plain: string | undefined;
  const documentOf = async (extra?: Record<string, z.ZodType>) => {
    const { openApiDocument } = await documentGenerator();
    return openApiDocument({ basePath, version, metrics: options.metrics, extraSchemas: extra });
  };

  app.get(`${basePath}/openapi.json`, async (c: Context) => {
    const query = c.req.query();
    const unknown = Object.keys(query).find((name) => !["module", "token", "_"].includes(name));
    if (unknown !== undefined) {
      throw invalidParameter(
        `Parameter '${excerpt(unknown)}' is not a parameter of openapi.json (module, token)`,
      );
    }
    if (query.module === undefined || query.module === "") {
      plain ??= JSON.stringify(await documentOf());
      return c.body(plain, 200, { "Content-Type": "application/json; charset=utf-8" });
    }
    if (!MODULE_NAME_PATTERN.test(query.module)) {
      throw invalidParameter(
        `Parameter 'module' must be a module name, not '${excerpt(query.module)}'`,
      );
    }
    // A module's fields are told only to a caller who may see them.
    const token = query.token || bearerToken(c.req.header("Authorization"));
    const description = await scopedUseCase(
      c,
      () => useCases.describeModule.execute({ token, module: query.module }),
    );
    const document = await documentOf({ [`${description.name}Record`]: recordSchema(description) });
    return c.json(document, 200, { "Content-Type": "application/json; charset=utf-8" });
  });

  app.get(`${basePath}/docs`, (c) => c.html(page(basePath)));
  // One route for start.js and swagger-ui's files: a static path beside a parameter at the same
  // depth is a pattern hono's RegExpRouter refuses, which would leave every request to the
  // slower TrieRouter.
  app.get(`${basePath}/docs/:asset`, async (c) => {
    const asset = c.req.param("asset");
    if (asset === "start.js") {
      return c.body(START_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" });
    }
    const type = Object.hasOwn(ASSETS, asset) ? ASSETS[asset] : undefined;
    if (type === undefined) return c.notFound();
    const bytes = await Deno.readFile(`${await swaggerUiFolder()}/${asset}`);
    return c.body(bytes, 200, { "Content-Type": type });
  });
}

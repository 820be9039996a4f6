/**
 * The HTTP adapter: a hono app that speaks the RestfulApi protocol in both
 * URL styles over the use cases. Each request is parsed, resolved to one
 * action, run, and wrapped in the envelope; errors go through one handler.
 *
 * @module
 */

import { zValidator } from "@hono/zod-validator";
import { type Context, Hono } from "hono";
import { requestId } from "hono/request-id";
import type { UseCases } from "../../application/use_cases.ts";
import type { Logger } from "../../domain/ports.ts";
import { LineLogger } from "../system/line_logger.ts";
import { chooseAction, requireMethod } from "./action.ts";
import "./app_env.ts";
import { bearerToken } from "./bearer.ts";
import { notModifiedResponse, successResponse } from "./envelope.ts";
import { errorHandler, handleNotFound } from "./error_handler.ts";
import { requestLog } from "./request_log.ts";
import { compressAnswers } from "./compression.ts";
import { metricsMiddleware } from "./metrics_middleware.ts";
import { addHealthRoutes, type HealthOptions } from "./health_routes.ts";
import { type Params, paramsHook, paramsSchema, validateParams } from "./params_schema.ts";
import { pathParams, segmentsUnder } from "./path_style.ts";
import { fileResponse } from "./file_response.ts";
import { readWriteBody } from "./request_body.ts";
import { scopedUseCase, scopeOf } from "./request_scope.ts";
import { BodyBudget } from "./body_budget.ts";
import { type RequestConditions, runAction, TOTAL_COUNT_HEADER } from "./run_action.ts";
import { conditionVersions } from "./entity_tags.ts";
import { addDocsRoutes, docsPagePolicy } from "./docs_routes.ts";
import { RATE_LIMIT_HEADERS, rateLimitHeaders } from "./rate_limit_headers.ts";
import { clientAddress } from "./client_address.ts";
import { securityHeaders } from "./security_headers.ts";
import { corsHeaders } from "./cors_headers.ts";
import { requestDeadline } from "./request_deadline.ts";
import { admitReads, ReadAdmission } from "./read_admission.ts";
import { type BadTokenLimit, countBadTokens } from "./bad_token_limit.ts";

/** Settings of the HTTP adapter. */
export interface HttpOptions extends HealthOptions {
  /** Where every route lives (default `/modules/RestfulApi`, the original's path). */
  readonly basePath?: string;
  /** `Access-Control-Allow-Origin` (default `*`, as the original sent). */
  readonly corsOrigin?: string;
  /** The largest request body accepted, in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** The largest file a Documents write may upload, in bytes (default 3 MiB, as Vtiger). */
  readonly maxUploadBytes?: number;
  /**
   * The most bytes of request bodies held at once across all requests
   * (default 64 MiB); a body that does not fit gets `SERVICE_UNAVAILABLE`.
   */
  readonly maxBodyBytesInFlight?: number;
  /**
   * The most values one body may hold (default 10,000): form pairs, JSON values or
   * multipart parts; more is `PAYLOAD_TOO_LARGE`, refused before parsing.
   */
  readonly maxBodyValues?: number;
  /** Seconds a request body may take to arrive (default 30); then `REQUEST_TIMEOUT`. */
  readonly bodyTimeoutSeconds?: number;
  /** Seconds a request may take in all (default 60); then `SERVICE_UNAVAILABLE`. */
  readonly requestTimeoutSeconds?: number;
  /**
   * The most reads (GET and HEAD) worked on at once (default 16); the others
   * wait their turn before their handler starts (read_admission.ts).
   */
  readonly maxReadsInFlight?: number;
  /** Whether a reverse proxy in front sets `X-Forwarded-For` (default `false`). */
  readonly trustProxy?: boolean;
  /**
   * Counts bad-token answers per client; give the same limit to
   * `limitBadTokens` on the ports (default: none, not counted).
   */
  readonly badTokens?: BadTokenLimit;
  /**
   * Where request lines and internal errors are logged (default: JSON lines
   * on standard output from level `warn`, so internal errors only).
   */
  readonly logger?: Logger;
}

/** The HTTP app: a fetch handler for `Deno.serve`, and a way to send it a request directly. */
export interface HttpApp {
  /**
   * Answers one request; `info` is what `Deno.serve` passes along, whose
   * `remoteAddr` is the client's address (login throttling counts by it).
   */
  fetch(request: Request, info?: Deno.ServeHandlerInfo): Response | Promise<Response>;
  /** Answers a request given as a path (`/healthz`), a URL or a Request, as a client would send it. */
  request(input: string | URL | Request, init?: RequestInit): Response | Promise<Response>;
}

/** The default base path: clients of the original only change the host. */
export const DEFAULT_BASE_PATH = "/modules/RestfulApi";

/** The default body limit: far above any record, far below a memory problem. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The default upload limit: Vtiger's own default `$upload_maxsize` (3 MiB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 3 * 1024 * 1024;

/** The default budget of body bytes in flight: 64 full-size bodies at once. */
export const DEFAULT_MAX_BODY_BYTES_IN_FLIGHT = 64 * 1024 * 1024;

/** The default time a body may take to arrive, in seconds. */
export const DEFAULT_BODY_TIMEOUT_SECONDS = 30;

/** The default time a request may take in all, in seconds: beyond a slow body and a slow query. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;

/** The longest `X-Request-Id` taken from a request; a longer or odd one is replaced. */
export const MAX_REQUEST_ID_LENGTH = 128;

/** The request's `If-Match` and `If-None-Match`, as versions. */
function requestConditions(c: Context): RequestConditions {
  const ifMatch = conditionVersions("If-Match", c.req.header("If-Match"));
  const ifNoneMatch = conditionVersions("If-None-Match", c.req.header("If-None-Match"));
  return {
    ...(ifMatch === undefined ? {} : { ifMatch }),
    ...(ifNoneMatch === undefined ? {} : { ifNoneMatch }),
  };
}

/** `/modules/RestfulApi/` → `/modules/RestfulApi`; `/` → `` (the root). */
function normalizeBasePath(basePath: string): string {
  if (!basePath.startsWith("/")) {
    throw new RangeError(`The base path '${basePath}' must start with '/'`);
  }
  return basePath.replace(/\/+$/, "");
}

/**
 * Builds the app. Routes: `/healthz`, `/readyz`, `/metrics` (health_routes.ts);
 * `{basePath}/openapi.json` and `{basePath}/docs` (docs_routes.ts); query style at `{basePath}`,
 * `{basePath}/` and `{basePath}/index.php`; path style at everything else
 * under `{basePath}`. Anything outside is a 404 envelope.
 */
export function createApp(useCases: UseCases, options: HttpOptions = {}): HttpApp {
  const basePath = normalizeBasePath(options.basePath ?? DEFAULT_BASE_PATH);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new RangeError(`The body limit ${maxBodyBytes} must be a positive whole number`);
  }
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (!Number.isSafeInteger(maxUploadBytes) || maxUploadBytes < 1) {
    throw new RangeError(`The upload limit ${maxUploadBytes} must be a positive whole number`);
  }
  const budget = new BodyBudget(
    options.maxBodyBytesInFlight ?? DEFAULT_MAX_BODY_BYTES_IN_FLIGHT,
  );
  const bodyTimeoutSeconds = options.bodyTimeoutSeconds ?? DEFAULT_BODY_TIMEOUT_SECONDS;
  const admission = new ReadAdmission(options.maxReadsInFlight);
  options.metrics?.addReadAdmission(() => admission);

  const logger = options.logger ?? new LineLogger({ level: "warn" });
  const app = new Hono();
  app.onError(errorHandler(logger));
  app.notFound(handleNotFound);
  // The request's scope (request_scope.ts) ends with its answer, a failed one too.
  app.use("*", async (c, next) => {
    const scope = scopeOf(c);
    try {
      await next();
    } finally {
      scope.end();
    }
  });
  app.use("*", requestId({ limitLength: MAX_REQUEST_ID_LENGTH }));
  app.use("*", requestLog(logger));
  app.use("*", rateLimitHeaders);
  if (options.badTokens !== undefined) {
    app.use("*", countBadTokens(options.badTokens, options.trustProxy ?? false));
  }
  app.use("*", docsPagePolicy(basePath));
  app.use("*", ...securityHeaders);
  if (options.metrics !== undefined) app.use("*", metricsMiddleware(options.metrics));
  app.use("*", compressAnswers());
  app.use(
    "*",
    corsHeaders({
      origin: options.corsOrigin ?? "*",
      allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
      allowHeaders: ["Authorization", "Content-Type", "If-Match", "If-None-Match"],
      exposeHeaders: [
        "Retry-After",
        "X-Request-Id",
        "ETag",
        TOTAL_COUNT_HEADER,
        ...RATE_LIMIT_HEADERS,
      ],
      maxAge: 600,
    }),
  );
  app.use(
    "*",
    requestDeadline(options.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS),
  );
  // No body middleware (hono's bodyLimit reads a chunked body whole before any
  // route runs): readWriteBody applies the limits, once the write is allowed.

  addHealthRoutes(app, options);
  addDocsRoutes(app, useCases, { basePath, metrics: options.metrics !== undefined });
  // After the health and docs routes (which answer without waiting), before the API's.
  app.use("*", admitReads(admission));

  /** Shared by both styles once the parameters are validated. */
  const respond = async (c: Context, params: Params, bearer: string | undefined) => {
    const action = chooseAction(requireMethod(c.req.method), params, bearer);
    c.set("action", action.kind);
    // The body's bytes count against the budget until the use case is done with its values.
    using lease = budget.lease();
    const outcome = await scopedUseCase(c, () =>
      runAction(
        useCases,
        action,
        () =>
          readWriteBody(c.req.raw, {
            maxBytes: maxBodyBytes,
            maxUploadBytes,
            lease,
            timeoutSeconds: bodyTimeoutSeconds,
            ...(options.maxBodyValues === undefined ? {} : { maxValues: options.maxBodyValues }),
          }),
        clientAddress(c, options.trustProxy ?? false),
        requestConditions(c),
      )).catch((thrown: unknown) => {
        // hono's onError only sees Error instances; anything else would escape as a bare 500.
        throw thrown instanceof Error ? thrown : new Error("A non-Error value was thrown", {
          cause: thrown,
        });
      });
    if (outcome.file !== undefined) return fileResponse(outcome.file);
    if (outcome.notModified) return notModifiedResponse(c, outcome.headers);
    return successResponse(c, outcome.result, outcome.created, outcome.headers);
  };

  // Checked before zValidator so that an unknown method is 405, whatever its parameters.
  const methodGuard = async (c: Context, next: () => Promise<void>) => {
    requireMethod(c.req.method);
    await next();
  };

  const queryPaths = [basePath === "" ? "/" : basePath, `${basePath}/`, `${basePath}/index.php`];
  for (const path of new Set(queryPaths)) {
    app.all(
      path,
      methodGuard,
      zValidator("query", paramsSchema, paramsHook),
      (c) => respond(c, c.req.valid("query"), bearerToken(c.req.header("Authorization"))),
    );
  }

  app.all(`${basePath}/*`, methodGuard, (c) => {
    const bearer = bearerToken(c.req.header("Authorization"));
    // hono's own path is already decoded; the raw one keeps %2F inside its segment.
    // The route matched, so the path is under the base; `[]` only guards odd encodings.
    const segments = segmentsUnder(new URL(c.req.url).pathname, basePath) ?? [];
    const method = requireMethod(c.req.method);
    const params = validateParams(pathParams(segments, method, bearer !== undefined));
    return respond(c, params, bearer);
  });

  return app;
}

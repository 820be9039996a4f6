/**
 * One log line per request, and one per internal error, through the
 * {@linkcode Logger} port. A line names the route pattern, never the raw
 * path (path-style URLs carry tokens and passwords), and no header, body or
 * field value.
 *
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { Logger } from "../../domain/ports.ts";
import "./app_env.ts";

/** The route that answered, as registered (`/modules/RestfulApi/*`), or `*` for none. */
export function routeOf(c: Context): string {
  const path = routePath(c);
  return path === "" || path === "/*" ? "*" : path;
}

/** The methods HTTP defines for requests like ours; the log and the metrics name no other. */
const KNOWN_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
]);

/**
 * The request's method, or `other` for one a client made up: each distinct
 * method became a new metrics series (20,000 made-up methods grew the
 * process by 140 MB and `/metrics` to 100 MB), so labels stay bounded.
 */
export function methodOf(c: Context): string {
  const method = c.req.method;
  return KNOWN_METHODS.has(method) ? method : "other";
}

/** Milliseconds with a tenth of precision, enough for a log and stable to read. */
function roundedMs(milliseconds: number): number {
  return Math.round(milliseconds * 10) / 10;
}

/**
 * Logs `request` at `info` once the answer is ready: time, request id,
 * method, route pattern, action, status, duration, user id and error code.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async function requestLog(c, next) {
    const started = performance.now();
    try {
      await next();
    } finally {
      logger.log("info", "request", {
        request_id: c.get("requestId"),
        method: methodOf(c),
        route: routeOf(c),
        action: c.get("action"),
        status: c.res.status,
        duration_ms: roundedMs(performance.now() - started),
        user_id: c.get("scope")?.userId,
        error_code: c.get("errorCode"),
      });
    }
  };
}

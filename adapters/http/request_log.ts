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
        method: c.req.method,
        route: routeOf(c),
        action: c.get("action"),
        status: c.res.status,
        duration_ms: roundedMs(performance.now() - started),
        user_id: c.get("userId"),
        error_code: c.get("errorCode"),
      });
    }
  };
}

/** Driver errors carry the statement (`sql`) and the server's words, which quote values. */
function isDriverError(error: Error): boolean {
  return "sql" in error || "sqlMessage" in error || "errno" in error;
}

/** The longest error message logged. */
const MAX_MESSAGE_LENGTH = 300;

/**
 * The class and a message safe to log for an unexpected error: a driver's
 * error is reduced to its code (its message can quote a customer's values),
 * and the first cause is described the same way.
 */
export function describeError(error: unknown): Record<string, string | undefined> {
  const describe = (value: unknown): { name: string; message: string } => {
    if (!(value instanceof Error)) return { name: typeof value, message: "a non-Error was thrown" };
    const code = (value as { code?: unknown }).code;
    const message = isDriverError(value)
      ? `driver error ${typeof code === "string" ? code : "without a code"}`
      : value.message.slice(0, MAX_MESSAGE_LENGTH);
    return { name: value.constructor.name || value.name, message };
  };
  const outer = describe(error);
  const cause = error instanceof Error && error.cause !== undefined
    ? describe(error.cause)
    : undefined;
  return {
    error_class: outer.name,
    error_message: outer.message,
    cause_class: cause?.name,
    cause_message: cause?.message,
  };
}

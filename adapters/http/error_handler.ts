/**
 * Turns whatever a request threw into a failure envelope, and answers URLs
 * that match no route. The status comes only from {@linkcode statusOf}.
 *
 * @module
 */

import { excerpt } from "../../domain/excerpt.ts";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { DomainError, type ErrorCode, isDomainError } from "../../domain/errors.ts";
import type { Logger } from "../../domain/ports.ts";
import "./app_env.ts";
import { failureResponse } from "./envelope.ts";
import { describeError, routeOf } from "./request_log.ts";
import { codeOfHonoStatus, statusOf } from "./error_status.ts";

/** The message of every unexpected failure: the real one may hold SQL or secrets. */
export const INTERNAL_ERROR_MESSAGE = "An internal error occurred; it has been logged";

/** Seconds a throttled client is told to wait when the error does not say. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** The longest piece of a URL path quoted back in a message. */
const MAX_QUOTED_PATH = 200;

/**
 * Maps what hono itself may throw (malformed input it parsed, its own body
 * limit) onto protocol errors; anything else from hono is a bug of ours.
 */
function fromHttpException(error: HTTPException): DomainError | undefined {
  const code = codeOfHonoStatus(error.status);
  if (code === "PAYLOAD_TOO_LARGE") {
    return new DomainError(code, "The request body is too large");
  }
  if (code === "INVALID_PARAMETER") return new DomainError(code, "The request is malformed");
  return undefined;
}

/**
 * `Retry-After` for a throttled client (always) and for one turned away while
 * the server is busy (when the error says how long).
 */
function retryAfterHeader(error: DomainError): Record<string, string> {
  const given = error.details.retryAfterSeconds;
  if (error.code !== "TOO_MANY_REQUESTS" && given === undefined) return {};
  const seconds = given ?? DEFAULT_RETRY_AFTER_SECONDS;
  return { "Retry-After": String(Math.max(1, Math.ceil(seconds))) };
}

/** A failure envelope whose code the request's log line will name. */
function failure(
  c: Context,
  code: ErrorCode,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): Response {
  c.set("errorCode", code);
  return failureResponse(c, code, message, statusOf(code), headers);
}

/**
 * The `app.onError` handler: a {@linkcode DomainError} becomes its code's
 * status and message; anything else is logged (request id, error class and a
 * message without SQL or values) and answered with a generic
 * `INTERNAL_ERROR`, so that no stack trace, SQL or secret reaches the client.
 */
export function errorHandler(logger: Logger): (error: Error, c: Context) => Response {
  return (error, c) => {
    const known = isDomainError(error)
      ? error
      : error instanceof HTTPException
      ? fromHttpException(error)
      : undefined;
    if (known !== undefined && known.code !== "INTERNAL_ERROR") {
      return failure(c, known.code, known.message, retryAfterHeader(known));
    }
    // The URL is left out on purpose: path-style logins carry passwords and tokens.
    logger.log("error", "internal_error", {
      request_id: c.get("requestId"),
      method: c.req.method,
      route: routeOf(c),
      action: c.get("action"),
      ...describeError(error),
    });
    return failure(c, "INTERNAL_ERROR", INTERNAL_ERROR_MESSAGE);
  };
}

/**
 * The `app.notFound` handler, for URLs outside the base path and the
 * service's own routes. Inside the base path every URL is some request of
 * the protocol, so this never answers there.
 */
export function handleNotFound(c: Context): Response {
  const path = excerpt(c.req.path, MAX_QUOTED_PATH);
  return failure(c, "NOT_FOUND", `No route for ${c.req.method} ${path}`);
}

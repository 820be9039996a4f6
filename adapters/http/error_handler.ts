/**
 * Turns whatever a request threw into a failure envelope, and answers URLs
 * that match no route. The status comes only from {@linkcode statusOf}.
 *
 * @module
 */

import { excerpt } from "../../domain/excerpt.ts";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { DomainError, isDomainError } from "../../domain/errors.ts";
import { failureResponse } from "./envelope.ts";
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

/**
 * The `app.onError` handler: a {@linkcode DomainError} becomes its code's
 * status and message; anything else is logged and answered with a generic
 * `INTERNAL_ERROR`, so that no stack trace, SQL or secret reaches the client.
 */
export function handleError(error: Error, c: Context): Response {
  const known = isDomainError(error)
    ? error
    : error instanceof HTTPException
    ? fromHttpException(error)
    : undefined;
  if (known !== undefined && known.code !== "INTERNAL_ERROR") {
    return failureResponse(
      c,
      known.code,
      known.message,
      statusOf(known.code),
      retryAfterHeader(known),
    );
  }
  // The URL is left out on purpose: path-style logins carry passwords and tokens.
  console.error(`vtrest: internal error answering a ${c.req.method} request:`, error);
  return failureResponse(c, "INTERNAL_ERROR", INTERNAL_ERROR_MESSAGE, statusOf("INTERNAL_ERROR"));
}

/**
 * The `app.notFound` handler, for URLs outside the base path and `/healthz`.
 * Inside the base path every URL is some request of the protocol, so this
 * never answers there.
 */
export function handleNotFound(c: Context): Response {
  const path = excerpt(c.req.path, MAX_QUOTED_PATH);
  return failureResponse(
    c,
    "NOT_FOUND",
    `No route for ${c.req.method} ${path}`,
    statusOf("NOT_FOUND"),
  );
}

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
import { describeError } from "../system/error_description.ts";
import { routeOf } from "./request_log.ts";
import { codeOfHonoStatus, statusOf } from "./error_status.ts";

/** The message of every unexpected failure: the real one may hold SQL or secrets. */
export const INTERNAL_ERROR_MESSAGE = "An internal error occurred; it has been logged";

/** Seconds a throttled client is told to wait when the error does not say. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** The longest first segment of a URL path quoted back in a message. */
const MAX_QUOTED_SEGMENT = 40;

/**
 * A path as a message may quote it: its first segment only, `…` for the rest,
 * since later segments of a mistyped base path are tokens and passwords
 * (`/modules/restfulapi/auth/admin/PASSWORD`).
 */
function quotedPath(path: string): string {
  const [first = "", ...rest] = path.split("/").slice(1);
  const head = `/${excerpt(first, MAX_QUOTED_SEGMENT)}`;
  return rest.length === 0 ? head : `${head}/…`;
}

/**
 * Maps what hono itself may throw (malformed input it parsed, its own body
 * limit, a middleware that carries our error as its cause) onto protocol
 * errors; anything else from hono is a bug of ours.
 */
function fromHttpException(error: HTTPException): DomainError | undefined {
  // Raised by hono's middleware on our behalf (request_deadline.ts): our error is its cause.
  if (isDomainError(error.cause)) return error.cause;
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

/** A standalone run of 32 letters and digits: a token's shape. */
const TOKEN_SHAPED = /(?<![A-Za-z0-9])[A-Za-z0-9]{32}(?![A-Za-z0-9])/g;

/** Credentials shorter than this are not looked for in messages (they would match anything). */
const MIN_REDACTED_LENGTH = 4;

/**
 * What a request may carry as credentials: the Bearer token, the `token`,
 * `password` and `key` parameters, and without a Bearer token the last path
 * segment (the token, or a path-style login's password or key).
 */
function credentialsOf(c: Context): string[] {
  const url = new URL(c.req.url);
  const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header("Authorization")?.trim() ?? "")?.[1];
  const params = ["token", "password", "key"].flatMap((name) => url.searchParams.getAll(name));
  // With a Bearer token, the last segment is an ordinary parameter.
  const last = bearer !== undefined
    ? undefined
    : url.pathname.split("/").filter((part) => part !== "").at(-1);
  let decoded: string | undefined;
  try {
    decoded = last === undefined ? undefined : decodeURIComponent(last);
  } catch {
    decoded = last;
  }
  return [bearer, ...params, last, decoded].filter((value): value is string =>
    value !== undefined && value.length >= MIN_REDACTED_LENGTH
  );
}

/**
 * The message with the request's credentials and anything shaped like a
 * token replaced by `…`: a client that puts its token where another
 * parameter goes (`criteria/TOKEN`, `id=TOKEN`, a stray character after it)
 * must not get it back in a message that ends up in logs.
 */
export function withoutCredentials(message: string, credentials: readonly string[]): string {
  const longestFirst = [...credentials].sort((a, b) => b.length - a.length);
  const redacted = longestFirst.reduce((text, secret) => text.replaceAll(secret, "…"), message);
  return redacted.replace(TOKEN_SHAPED, "…");
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
      const message = withoutCredentials(known.message, credentialsOf(c));
      return failure(c, known.code, message, retryAfterHeader(known));
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
  const path = quotedPath(c.req.path);
  return failure(c, "NOT_FOUND", `No route for ${c.req.method} ${path}`);
}

/**
 * The `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` headers
 * (IETF draft "RateLimit header fields for HTTP") of a call counted against
 * its token's rate limit: the use cases report where the token stands
 * (`application/rate_limit.ts`), this notes it on the request's scope and writes the
 * headers on its answer, a refusal included.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import type { RateState } from "../../domain/rate_limit.ts";
import "./app_env.ts";
import { currentScope } from "./request_scope.ts";

/** The headers, as CORS exposes them. */
export const RATE_LIMIT_HEADERS: readonly string[] = [
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
];

/** Notes where the token stands on the request being answered (outside one, nothing). */
export function noteRateState(state: RateState): void {
  const scope = currentScope();
  if (scope !== undefined) scope.rateState = state;
}

/** Writes the headers on the answer of a request whose token was counted. */
export const rateLimitHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const state = c.get("scope")?.rateState;
  if (state === undefined) return;
  c.res.headers.set("RateLimit-Limit", String(state.limit));
  c.res.headers.set("RateLimit-Remaining", String(state.remaining));
  c.res.headers.set("RateLimit-Reset", String(state.resetSeconds));
};

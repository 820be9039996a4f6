/**
 * A deadline for every request, answering `SERVICE_UNAVAILABLE` when the
 * request is not done in time. It works as hono's `timeout` middleware, on
 * the shared deadline sweep instead of a timer per request
 * (`deadline_sweep.ts`). Bodies have a
 * tighter deadline of their own (request_body.ts) and statements a time
 * limit in the database; this one catches whatever else runs long, so that
 * no client waits on a request without end.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { sharedDeadlines } from "../system/deadline_sweep.ts";
import { DomainError } from "../../domain/errors.ts";

/**
 * The middleware. What the request started may still finish after the
 * answer (a write is one transaction: whole or not at all); the client is
 * told so, and to try again later.
 */
export function requestDeadline(seconds: number): MiddlewareHandler {
  const ms = seconds * 1000;
  const expired = (): HTTPException =>
    // The HTTPException's cause is our error, which onError answers.
    new HTTPException(503, {
      cause: new DomainError(
        "SERVICE_UNAVAILABLE",
        `The request did not finish within ${seconds} seconds; a write it made is either ` +
          "complete or absent, never half-done",
        { retryAfterSeconds: 1 },
      ),
    });
  // One promise settled by whichever comes first, the answer or the deadline: cheaper per
  // request than an async function racing a second promise (in-process GET by id, see README).
  return (_c, next) =>
    new Promise<void>((resolve, reject) => {
      const deadline = sharedDeadlines.arm(ms, () => reject(expired()));
      next().then(
        () => {
          deadline.cancel();
          resolve();
        },
        (error: unknown) => {
          deadline.cancel();
          reject(error);
        },
      );
    });
}

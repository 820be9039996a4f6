/**
 * What the HTTP adapter keeps about a request while answering it, for its
 * log line and metrics: variables of hono's request context, typed for every
 * `c.get` and `c.set` (hono's request-id middleware adds `requestId` the same
 * way).
 *
 * @module
 */

import type { ErrorCode } from "../../domain/errors.ts";
import type { RateState } from "../../domain/rate_limit.ts";

declare module "hono" {
  /** The variables vtrest sets on each request's context. */
  interface ContextVariableMap {
    /** The kind of action the request was resolved to (`list`, `create`, ...). */
    action?: string;
    /** The code of a failure answer. */
    errorCode?: ErrorCode;
    /** Where the request's token stands against its rate limit, once counted. */
    rateState?: RateState;
    /** The user the request was made as, once authenticated. */
    userId?: number;
    /** The client the request is counted under for bad tokens (bad_token_limit.ts). */
    tokenClient?: string;
    /** What must happen when the request's answer is ready (ends its user's work, ...). */
    requestEnds?: (() => void)[];
  }
}

/**
 * What the HTTP adapter keeps about a request while answering it, for its
 * log line and metrics: variables of hono's request context, typed for every
 * `c.get` and `c.set` (hono's request-id middleware adds `requestId` the same
 * way).
 *
 * @module
 */

import type { ErrorCode } from "../../domain/errors.ts";
import type { RequestScope } from "./request_scope.ts";

declare module "hono" {
  /** The variables vtrest sets on each request's context. */
  interface ContextVariableMap {
    /** The kind of action the request was resolved to (`list`, `create`, ...). */
    action?: string;
    /** The code of a failure answer. */
    errorCode?: ErrorCode;
    /** What the ports note on the request (its user, its rate state...): request_scope.ts. */
    scope?: RequestScope;
  }
}

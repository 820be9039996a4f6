/**
 * The request being answered, as the read replica's routing sees it: who
 * asks (once the token is checked) and whether the request may write (any
 * method but GET and HEAD), read from the request's scope (request_scope.ts).
 *
 * @module
 */

import { currentScope } from "./request_scope.ts";

/** Who is reading, and whether their request may write. */
export interface RequestReader {
  /** The caller's user id, once the token is checked. */
  readonly userId?: number;
  /** Whether the request's method is any but GET and HEAD. */
  readonly writes: boolean;
}

/** The current request's reader, or `undefined` outside a request. */
export function currentReader(): RequestReader | undefined {
  const scope = currentScope();
  if (scope === undefined) return undefined;
  const { userId, writes } = scope;
  return userId === undefined ? { writes } : { userId, writes };
}

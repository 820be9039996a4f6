/**
 * The request being answered, as the read replica's routing sees it: who
 * asks (once the token is checked) and whether the request may write (any
 * method but GET and HEAD), read from hono's context storage.
 *
 * @module
 */

import { tryGetContext } from "hono/context-storage";
import "./app_env.ts";

/** Who is reading, and whether their request may write. */
export interface RequestReader {
  /** The caller's user id, once the token is checked. */
  readonly userId?: number;
  /** Whether the request's method is any but GET and HEAD. */
  readonly writes: boolean;
}

/** Methods whose requests never write records. */
const READ_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/** The current request's reader, or `undefined` outside a request. */
export function currentReader(): RequestReader | undefined {
  const context = tryGetContext();
  if (context === undefined) return undefined;
  const userId = context.get("userId");
  const writes = !READ_METHODS.has(context.req.method);
  return userId === undefined ? { writes } : { userId, writes };
}

/**
 * The signal of the request being answered, for adapters that can stop work
 * its client no longer waits for (the MySQL adapter kills the statements of
 * an abandoned request). It aborts when the client goes away.
 *
 * @module
 */

import { tryGetContext } from "hono/context-storage";

/** The current request's signal, or `undefined` outside a request. */
export function currentRequestSignal(): AbortSignal | undefined {
  return tryGetContext()?.req.raw.signal;
}

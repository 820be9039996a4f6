/**
 * The signal of the request being answered, for adapters that can stop work
 * its client no longer waits for (the MySQL adapter kills the statements of
 * an abandoned request). It aborts when the client goes away.
 *
 * @module
 */

import { currentScope } from "./request_scope.ts";

/** The current request's signal, or `undefined` outside a request. */
export function currentRequestSignal(): AbortSignal | undefined {
  return currentScope()?.signal;
}

/**
 * A bound on how many reads (GET and HEAD requests, but for the health and
 * docs routes, which answer at once) one process works on at once; the
 * others wait their turn, first come first served, before their route's
 * handler starts.
 *
 * Why: under load, a request that waits for a database connection in the
 * middle of its work keeps everything it started alive across the wait, long
 * enough for V8's young-generation collections to copy it twice and promote
 * it to the old generation; the records it then reads are held by those
 * promoted objects until the next full collection. Waiting before the
 * route's handler starts holds almost nothing (the request and its context),
 * and the handler then runs through in a few milliseconds. The wait must
 * come before the handler's own frame exists: a wait inside it (around the
 * use case) left that frame holding the records it awaited, and measured no
 * better than no bound at all. Measured on list 100 at 64 connections
 * (POOL_SIZE 10): see the README's Performance section.
 *
 * A read that must then wait for something other than its own work gives
 * its place back first ({@linkcode RequestScope.yieldPlace}): for its
 * user's share (user_work_limit.ts), else one user's burst, its requests
 * queued behind that user's own, would hold every place while other users'
 * reads waited; and for a password check, which takes tens of milliseconds
 * in a worker ({@linkcode yieldingPlace}).
 *
 * Writes are not queued here: their body arrives at the client's pace, and a
 * slow client must not hold a place others wait for (per-user limits, the
 * body budget and the database's own locks bound writes). The wait has no
 * limit of its own: the request's deadline answers it, and a read whose
 * request was answered or abandoned meanwhile is dropped when its turn
 * comes, without running.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { DomainError } from "../../domain/errors.ts";
import { WorkGate } from "../system/work_gate.ts";
import type { PasswordVerifier } from "../../domain/ports/password_verifier.ts";
import { currentScope, type RequestScope, scopeOf } from "./request_scope.ts";

/** The default number of reads worked on at once per process (measured: 8 and 16 alike, 32 worse). */
export const DEFAULT_MAX_READS_IN_FLIGHT = 16;

/** At most so many reads at once; writes pass straight through. */
export class ReadAdmission {
  readonly #gate: WorkGate;

  /** Admits at most `maxReadsInFlight` reads at once. */
  constructor(maxReadsInFlight: number = DEFAULT_MAX_READS_IN_FLIGHT) {
    if (!Number.isSafeInteger(maxReadsInFlight) || maxReadsInFlight < 1) {
      throw new RangeError(
        `The reads in flight ${maxReadsInFlight} must be a positive whole number`,
      );
    }
    this.#gate = new WorkGate(maxReadsInFlight);
  }

  /** Reads being worked on now. */
  get running(): number {
    return this.#gate.running;
  }

  /** Reads waiting for their turn now. */
  get waiting(): number {
    return this.#gate.waiting;
  }

  /**
   * Runs `work`, the handler of the request in `scope`: at once for a write,
   * in its turn for a read. A read whose request was answered (its deadline)
   * or abandoned by its client before its turn is not run.
   */
  run<T>(scope: RequestScope, work: () => Promise<T>): Promise<T> {
    return scope.writes ? work() : this.#inTurn(scope, work);
  }

  async #inTurn<T>(scope: RequestScope, work: () => Promise<T>): Promise<T> {
    const giveBack = await this.#gate.hold();
    try {
      if (scope.ended || scope.signal.aborted) {
        throw new DomainError("SERVICE_UNAVAILABLE", "The request ended before its turn came", {
          retryAfterSeconds: 1,
        });
      }
      scope.holdPlace(giveBack);
      return await work();
    } finally {
      giveBack();
    }
  }
}

/**
 * The middleware: registered after the routes that must answer at once (health, docs) and
 * before the API's, so that a read waits before its handler starts.
 */
export function admitReads(admission: ReadAdmission): MiddlewareHandler {
  return (c, next) => admission.run(scopeOf(c), next);
}

/**
 * The password checks, each giving the request's read place back first: a
 * login's read is worked on in a worker, and others' reads need not wait
 * for it.
 */
export function yieldingPlace(passwords: PasswordVerifier): PasswordVerifier {
  return {
    verify(password, stored) {
      currentScope()?.yieldPlace();
      return passwords.verify(password, stored);
    },
  };
}

/**
 * The bytes of request bodies the whole process holds at once. Each body is
 * bounded by `MAX_BODY_BYTES`; this bounds their sum, so that many slow
 * bodies sent together cannot exhaust memory.
 *
 * @module
 */

import { DomainError } from "../../domain/errors.ts";

/** Seconds a client is told to wait when the budget is spent: bodies in flight finish fast. */
const RETRY_AFTER_SECONDS = 1;

/**
 * The `SERVICE_UNAVAILABLE` error for a body that does not fit the budget
 * now: the server is busy with other bodies, nothing is wrong with this one.
 */
function budgetSpent(): DomainError {
  return new DomainError(
    "SERVICE_UNAVAILABLE",
    "The server is receiving too many request bodies at once; try again shortly",
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  );
}

/** A shared count of body bytes in flight, with a ceiling. */
export class BodyBudget {
  readonly #capacity: number;
  #inUse = 0;

  /** A budget of `capacityBytes` for every body in flight together. */
  constructor(capacityBytes: number) {
    if (!Number.isSafeInteger(capacityBytes) || capacityBytes < 1) {
      throw new RangeError(`The body budget ${capacityBytes} must be a positive whole number`);
    }
    this.#capacity = capacityBytes;
  }

  /** The ceiling, in bytes. */
  get capacity(): number {
    return this.#capacity;
  }

  /** The bytes reserved right now. */
  get inUse(): number {
    return this.#inUse;
  }

  /** A lease for one request: what it reserves is given back when it is disposed. */
  lease(): BodyLease {
    return new BodyLease(this);
  }

  /** Reserves `bytes`, or throws `SERVICE_UNAVAILABLE` when they would pass the ceiling. */
  reserve(bytes: number): void {
    if (this.#inUse + bytes > this.#capacity) throw budgetSpent();
    this.#inUse += bytes;
  }

  /** Gives back `bytes` reserved earlier. */
  release(bytes: number): void {
    this.#inUse = Math.max(0, this.#inUse - bytes);
  }
}

/**
 * One request's share of a {@linkcode BodyBudget}. Held with `using` for the
 * whole request, since the body's values live until the use case is done.
 */
export class BodyLease implements Disposable {
  readonly #budget: BodyBudget;
  #held = 0;

  /** A lease on `budget`, holding nothing yet. */
  constructor(budget: BodyBudget) {
    this.#budget = budget;
  }

  /** The bytes this lease holds. */
  get held(): number {
    return this.#held;
  }

  /** Holds at least `bytes` in all, reserving only what it does not hold yet. */
  holdAtLeast(bytes: number): void {
    if (bytes <= this.#held) return;
    this.#budget.reserve(bytes - this.#held);
    this.#held = bytes;
  }

  /** Gives everything back. */
  [Symbol.dispose](): void {
    this.#budget.release(this.#held);
    this.#held = 0;
  }
}

/**
 * Bounds the work one user can have in flight: at most so many of a user's
 * requests are answered at once (counted per instance of the service); a few
 * more wait their turn, briefly, and beyond those, or past the wait, one is
 * turned away with `TOO_MANY_REQUESTS` and `Retry-After` before it touches
 * the database, so that one user (or one stolen token) cannot take every
 * database connection from the others, while an integration that sends a
 * burst of parallel calls as one user sees them answered, not refused.
 *
 * A request is counted from the moment its caller is known (the access
 * policy loads their privileges, the first step of every authenticated use
 * case) until its answer is ready.
 *
 * @module
 */

import type { Ports } from "../../application/use_cases.ts";
import { DomainError } from "../../domain/errors.ts";
import type { AccessPolicy } from "../../domain/ports.ts";
import "./app_env.ts";
import { wrapping } from "./port_wrapping.ts";
import { currentScope } from "./request_scope.ts";

/** The default bound: a few parallel calls per user, well under the pool's ten connections. */
export const DEFAULT_MAX_REQUESTS_PER_USER = 4;

/** The default number of a user's requests that may wait for one of theirs to end. */
export const DEFAULT_MAX_WAITING_PER_USER = 16;

/** The default longest wait, in seconds, before a waiting request is turned away. */
export const DEFAULT_USER_WAIT_SECONDS = 5;

/** Seconds a turned-away client is told to wait: requests in flight end within the query timeout. */
const RETRY_AFTER_SECONDS = 1;

/** How many may wait, and how long. */
export interface UserQueueOptions {
  /** Requests of one user that may wait beyond those in flight (0: none wait). */
  readonly maxWaiting?: number;
  /** The longest a request waits, in milliseconds. */
  readonly maxWaitMs?: number;
}

/** A request waiting for its user's share: given the slot, or refused. */
interface Waiter {
  readonly admit: () => void;
  readonly refuse: (error: DomainError) => void;
}

/** Requests in flight per user, with a ceiling and a short queue. */
export class UserWorkLimit {
  readonly #max: number;
  readonly #maxWaiting: number;
  readonly #maxWaitMs: number;
  readonly #inFlight = new Map<number, number>();
  readonly #waiting = new Map<number, Waiter[]>();

  /** At most `maxPerUser` requests of one user at once; see {@linkcode UserQueueOptions}. */
  constructor(maxPerUser: number, options: UserQueueOptions = {}) {
    const maxWaiting = options.maxWaiting ?? DEFAULT_MAX_WAITING_PER_USER;
    const maxWaitMs = options.maxWaitMs ?? DEFAULT_USER_WAIT_SECONDS * 1000;
    if (!Number.isSafeInteger(maxPerUser) || maxPerUser < 1) {
      throw new RangeError(`The requests per user ${maxPerUser} must be a positive whole number`);
    }
    if (!Number.isSafeInteger(maxWaiting) || maxWaiting < 0) {
      throw new RangeError(`The waiting requests per user ${maxWaiting} must be 0 or more`);
    }
    if (!Number.isFinite(maxWaitMs) || maxWaitMs < 0) {
      throw new RangeError(`The wait ${maxWaitMs} ms must be 0 or more`);
    }
    this.#max = maxPerUser;
    this.#maxWaiting = maxWaiting;
    this.#maxWaitMs = maxWaitMs;
  }

  /** The user's requests in flight now. */
  inFlight(userId: number): number {
    return this.#inFlight.get(userId) ?? 0;
  }

  /** The user's requests waiting now. */
  waiting(userId: number): number {
    return this.#waiting.get(userId)?.length ?? 0;
  }

  /**
   * Counts one more request of the user, at once when they have fewer than
   * the most in flight, else once one of theirs ends; `TOO_MANY_REQUESTS`
   * when too many already wait, when the wait runs out, or when `signal`
   * (the client's) aborts; `onWait` is called when it starts waiting. The
   * returned function ends it (once).
   */
  admit(userId: number, signal?: AbortSignal, onWait?: () => void): Promise<() => void> {
    const count = this.inFlight(userId);
    if (count < this.#max) {
      this.#inFlight.set(userId, count + 1);
      return Promise.resolve(this.#release(userId));
    }
    const queue = this.#waiting.get(userId) ?? [];
    if (queue.length >= this.#maxWaiting || this.#maxWaitMs === 0 || signal?.aborted === true) {
      return Promise.reject(this.#refusal());
    }
    onWait?.();
    return new Promise((resolve, reject) => {
      const leave = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        const left = (this.#waiting.get(userId) ?? []).filter((other) => other !== waiter);
        if (left.length > 0) this.#waiting.set(userId, left);
        else this.#waiting.delete(userId);
      };
      const waiter: Waiter = {
        admit: () => {
          leave();
          resolve(this.#release(userId));
        },
        refuse: (error) => {
          leave();
          reject(error);
        },
      };
      const onAbort = (): void => waiter.refuse(this.#refusal());
      const timer = setTimeout(() => waiter.refuse(this.#refusal()), this.#maxWaitMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(waiter);
      this.#waiting.set(userId, queue);
    });
  }

  /** Ends a request once: its share goes to the user's first waiting request, if any. */
  #release(userId: number): () => void {
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.#waiting.get(userId)?.[0];
      // The share passes on as it is: the count stays, the next request holds it.
      if (next !== undefined) return next.admit();
      const left = this.inFlight(userId) - 1;
      if (left > 0) this.#inFlight.set(userId, left);
      else this.#inFlight.delete(userId);
    };
  }

  #refusal(): DomainError {
    return new DomainError(
      "TOO_MANY_REQUESTS",
      `This user already has ${this.#max} requests in progress and ${this.#maxWaiting} waiting; ` +
        "wait for one to finish",
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
    );
  }
}

/**
 * The same ports, with the access policy admitting each authenticated request
 * into its user's share of `limit` and ending it with the request (see
 * `request_scope.ts`). Outside a request nothing is limited.
 */
export function limitUserWork<T extends Pick<Ports, "policy">>(
  ports: T,
  limit: UserWorkLimit,
): T {
  const { policy } = ports;
  const privilegesFor: AccessPolicy["privilegesFor"] = async (user) => {
    const scope = currentScope();
    if (scope !== undefined) {
      scope.atEnd(await limit.admit(user.id, scope.signal, () => scope.yieldPlace()));
    }
    return await policy.privilegesFor(user);
  };
  return { ...ports, policy: wrapping(policy, "privilegesFor", privilegesFor) };
}

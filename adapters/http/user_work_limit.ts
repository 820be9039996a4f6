/**
 * Bounds the work one user can have in flight: at most so many of a user's
 * requests are answered at once (counted per instance of the service); one
 * more is turned away with `TOO_MANY_REQUESTS` and `Retry-After` before it
 * touches the database, so that one user (or one stolen token) cannot take
 * every database connection from the others.
 *
 * A request is counted from the moment its caller is known (the access
 * policy loads their privileges, the first step of every authenticated use
 * case) until its answer is ready.
 *
 * @module
 */

import { tryGetContext } from "hono/context-storage";
import type { Ports } from "../../application/use_cases.ts";
import { DomainError } from "../../domain/errors.ts";
import type { AccessPolicy } from "../../domain/ports.ts";
import "./app_env.ts";
import { wrapping } from "./port_wrapping.ts";

/** The default bound: a few parallel calls per user, well under the pool's ten connections. */
export const DEFAULT_MAX_REQUESTS_PER_USER = 4;

/** Seconds a turned-away client is told to wait: requests in flight end within the query timeout. */
const RETRY_AFTER_SECONDS = 1;

/** Requests in flight per user, with a ceiling. */
export class UserWorkLimit {
  readonly #max: number;
  readonly #inFlight = new Map<number, number>();

  /** At most `maxPerUser` requests of one user at once. */
  constructor(maxPerUser: number) {
    if (!Number.isSafeInteger(maxPerUser) || maxPerUser < 1) {
      throw new RangeError(`The requests per user ${maxPerUser} must be a positive whole number`);
    }
    this.#max = maxPerUser;
  }

  /** The user's requests in flight now. */
  inFlight(userId: number): number {
    return this.#inFlight.get(userId) ?? 0;
  }

  /**
   * Counts one more request of the user, or throws `TOO_MANY_REQUESTS` when
   * they already have the most; the returned function ends it (once).
   */
  admit(userId: number): () => void {
    const count = this.inFlight(userId);
    if (count >= this.#max) {
      throw new DomainError(
        "TOO_MANY_REQUESTS",
        `This user already has ${this.#max} requests in progress; wait for one to finish`,
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
    this.#inFlight.set(userId, count + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = this.inFlight(userId) - 1;
      if (left > 0) this.#inFlight.set(userId, left);
      else this.#inFlight.delete(userId);
    };
  }
}

/**
 * The same ports, with the access policy admitting each authenticated request
 * into its user's share of `limit` and ending it with the request (see the
 * `requestEnds` of `app.ts`). Outside a request nothing is limited.
 */
export function limitUserWork<T extends Pick<Ports, "policy">>(
  ports: T,
  limit: UserWorkLimit,
): T {
  const { policy } = ports;
  const privilegesFor: AccessPolicy["privilegesFor"] = (user) => {
    const ends = tryGetContext()?.get("requestEnds");
    if (ends !== undefined) ends.push(limit.admit(user.id));
    return policy.privilegesFor(user);
  };
  return { ...ports, policy: wrapping(policy, "privilegesFor", privilegesFor) };
}

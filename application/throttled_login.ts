/**
 * Wraps a login attempt in the throttle: refused with `TOO_MANY_REQUESTS` while
 * any of its keys is locked, counted as a failure when it fails.
 *
 * @module
 */

import { DomainError, isDomainError } from "../domain/errors.ts";
import type { Clock, LoginThrottle } from "../domain/ports.ts";

/** The ports a throttled login needs; without a throttle, logins are not limited. */
export interface ThrottleDeps {
  /** Failed-login memory, if limiting is wanted. */
  readonly throttle?: LoginThrottle;
  /** Time. */
  readonly clock: Clock;
}

/**
 * Runs `attempt` unless a key is locked; counts an `AUTH_FAILED` against every
 * key. Success forgets only the user's own key: a client address keeps its
 * count, so one valid login cannot clear a guessing run from the same client.
 */
export async function throttledLogin<T>(
  deps: ThrottleDeps,
  keys: readonly string[],
  attempt: () => Promise<T>,
): Promise<T> {
  const throttle = deps.throttle;
  if (throttle === undefined) return await attempt();
  const now = deps.clock.now();
  for (const key of keys) {
    const wait = await throttle.secondsUntilAllowed(key, now);
    if (wait > 0) {
      throw new DomainError(
        "TOO_MANY_REQUESTS",
        `Too many failed logins; try again in ${wait} seconds`,
        { retryAfterSeconds: wait },
      );
    }
  }
  try {
    const result = await attempt();
    for (const key of keys.filter((key) => key.startsWith(USER_KEY_PREFIX))) {
      await throttle.reset(key);
    }
    return result;
  } catch (error) {
    if (isDomainError(error) && error.code === "AUTH_FAILED") {
      for (const key of keys) await throttle.recordFailure(key, now);
    }
    throw error;
  }
}

const USER_KEY_PREFIX = "user:";

/** The throttle key of a user name (case-insensitive, as MySQL compares names). */
export function userKey(userName: string): string {
  return `${USER_KEY_PREFIX}${userName.toLowerCase()}`;
}

/**
 * The throttle key of a client address; none when the address is unknown, so
 * that callers without one (library use) never lock each other out.
 */
export function clientKeys(clientAddress: string | undefined): string[] {
  return clientAddress === undefined || clientAddress === "" ? [] : [`client:${clientAddress}`];
}

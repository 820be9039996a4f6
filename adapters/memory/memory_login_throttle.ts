/**
 * Failed logins counted in this process's memory. Each instance of the
 * service counts its own; the limit applies per instance.
 *
 * @module
 */

import {
  DEFAULT_THROTTLE_POLICY,
  recentFailures,
  secondsUntilAllowed,
  type ThrottlePolicy,
} from "../../domain/login_throttling.ts";
import type { LoginThrottle } from "../../domain/ports.ts";

/** The most keys remembered; the stalest are forgotten first. */
const MAX_KEYS = 100_000;

/** A login throttle over a map of failure times per key. */
export class MemoryLoginThrottle implements LoginThrottle {
  #policy: ThrottlePolicy;
  #failures = new Map<string, number[]>();

  /** Uses the given policy (ten failures in fifteen minutes by default). */
  constructor(policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY) {
    this.#policy = policy;
  }

  /** Seconds until the key may be tried again. */
  secondsUntilAllowed(key: string, now: Date): Promise<number> {
    const failures = this.#failures.get(key) ?? [];
    return Promise.resolve(secondsUntilAllowed(failures, now.getTime(), this.#policy));
  }

  /** Counts a failure, keeping only those inside the window. */
  recordFailure(key: string, now: Date): Promise<void> {
    const time = now.getTime();
    const kept = recentFailures(this.#failures.get(key) ?? [], time, this.#policy);
    kept.push(time);
    // Re-inserting moves the key to the end, so the first key is the stalest.
    this.#failures.delete(key);
    this.#failures.set(key, kept);
    if (this.#failures.size > MAX_KEYS) {
      const stalest = this.#failures.keys().next().value;
      if (stalest !== undefined) this.#failures.delete(stalest);
    }
    return Promise.resolve();
  }

  /** Forgets the key. */
  reset(key: string): Promise<void> {
    this.#failures.delete(key);
    return Promise.resolve();
  }
}

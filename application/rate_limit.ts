/**
 * The rate limit per token, applied when a token is checked: off unless a
 * number of calls per minute is set; counted in the shared counter store
 * (the login throttle's), so that every instance of the service counts the
 * same calls.
 *
 * @module
 */

import { DomainError } from "../domain/errors.ts";
import type { Clock, CounterStore } from "../domain/ports.ts";
import { RATE_WINDOW_SECONDS, type RateState, rateState } from "../domain/rate_limit.ts";

/** What the rate limit needs; without `rateLimitPerMinute` or `counters`, there is none. */
export interface RateLimitDeps {
  /** The shared counters. */
  readonly counters?: CounterStore;
  /** Calls allowed per token and minute; absent or 0: no limit. */
  readonly rateLimitPerMinute?: number;
  /** Told where the token stands after each counted call (the HTTP layer's headers). */
  readonly onRateState?: (state: RateState) => void;
  /** Time. */
  readonly clock: Clock;
}

/** The counter key of a token (its hash: the token itself is never stored). */
function keyOf(tokenHash: string): string {
  return `rate:${tokenHash}`;
}

/**
 * Counts one call of the token; `TOO_MANY_REQUESTS`, with the seconds until
 * its window ends, when it is over the limit.
 */
export async function countCall(deps: RateLimitDeps, tokenHash: string): Promise<void> {
  const limit = deps.rateLimitPerMinute ?? 0;
  if (limit <= 0 || deps.counters === undefined) return;
  const now = deps.clock.now();
  const key = keyOf(tokenHash);
  await deps.counters.add([key], now, { seconds: RATE_WINDOW_SECONDS, from: "first" });
  const state = rateState((await deps.counters.read([key], now)).get(key), limit, now);
  deps.onRateState?.(state);
  if (state.exceeded) {
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      `This token made more than ${limit} calls in a minute; try again in ${state.resetSeconds} s`,
      { retryAfterSeconds: state.resetSeconds },
    );
  }
}

/**
 * The rate limit per token: at most a number of calls in each minute,
 * counted in a fixed window that starts with the token's first call.
 *
 * @module
 */

import type { WindowCount } from "./ports/counter_store.ts";

/** The window of the rate limit, in seconds. */
export const RATE_WINDOW_SECONDS = 60;

/** Where a token stands against its limit, for the `RateLimit-*` headers. */
export interface RateState {
  /** Calls allowed per window. */
  readonly limit: number;
  /** Calls left in the current window. */
  readonly remaining: number;
  /** Seconds until the window ends. */
  readonly resetSeconds: number;
  /** Whether this call is over the limit. */
  readonly exceeded: boolean;
}

/** Where a token stands once its call at `now` is counted. */
export function rateState(count: WindowCount | undefined, limit: number, now: Date): RateState {
  const used = count?.count ?? 1;
  const started = count?.firstAt.getTime() ?? now.getTime();
  const left = RATE_WINDOW_SECONDS - (now.getTime() - started) / 1000;
  return {
    limit,
    remaining: Math.max(0, limit - used),
    resetSeconds: Math.max(1, Math.ceil(left)),
    exceeded: used > limit,
  };
}

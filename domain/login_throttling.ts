/**
 * The rule that slows password and access-key guessing: after too many failed
 * logins for one key (a user name, a client address) within a window, further
 * attempts for that key are refused until the window has passed.
 *
 * @module
 */

/** How many failures are tolerated within how long. */
export interface ThrottlePolicy {
  /** Failures allowed within the window before attempts are refused. */
  readonly maxFailures: number;
  /** The window's length in seconds. */
  readonly windowSeconds: number;
}

/** Ten failures in fifteen minutes. */
export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = { maxFailures: 10, windowSeconds: 900 };

/** The failures still inside the window at `now`, oldest first. */
export function recentFailures(
  failures: readonly number[],
  now: number,
  policy: ThrottlePolicy,
): number[] {
  const since = now - policy.windowSeconds * 1000;
  return failures.filter((time) => time > since);
}

/**
 * Seconds until another attempt may be made, or 0 when one may be made now:
 * once `maxFailures` failures lie inside the window, the wait lasts until the
 * oldest of them leaves it.
 */
export function secondsUntilAllowed(
  failures: readonly number[],
  now: number,
  policy: ThrottlePolicy,
): number {
  const recent = recentFailures(failures, now, policy);
  if (recent.length < policy.maxFailures) return 0;
  const oldest = recent[recent.length - policy.maxFailures];
  return Math.max(1, Math.ceil((oldest + policy.windowSeconds * 1000 - now) / 1000));
}

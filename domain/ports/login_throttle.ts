/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

/** Remembers failed logins per key (a user name, a client address). */
export interface LoginThrottle {
  /** Seconds the caller must wait before trying the key again; 0 when it may try now. */
  secondsUntilAllowed(key: string, now: Date): Promise<number>;
  /** Counts one failed login for the key. */
  recordFailure(key: string, now: Date): Promise<void>;
  /** Forgets the key's failures after a successful login. */
  reset(key: string): Promise<void>;
}

/**
 * The rule that slows password and access-key guessing without locking the
 * owner out. Failures are counted per (user, client) pair, per user over all
 * clients, and per client over all users; each count allows a few failures,
 * then makes every further attempt wait, the wait doubling with each failure
 * (exponential back-off, up to a ceiling). A client that logged in
 * successfully as a user recently is "known" for that user: only its own
 * pair's failures can slow it, so an attacker guessing from elsewhere (or
 * spraying many names from one address) never delays the owner. Access-key
 * logins are counted apart, per client, and never wait on password failures.
 *
 * @module
 */

import type { CounterWindow, WindowCount } from "./ports/counter_store.ts";

/** The numbers of the rule. */
export interface ThrottlePolicy {
  /** Failures of one user from one client before its attempts wait. */
  readonly pairFreeFailures: number;
  /** Failures of one user from every client together before unknown clients wait. */
  readonly userFreeFailures: number;
  /** Failures from one client, whatever the user names or keys, before it waits. */
  readonly clientFreeFailures: number;
  /** The first wait, in seconds; it doubles with each failure after it. */
  readonly baseDelaySeconds: number;
  /** The longest wait, in seconds. */
  readonly maxDelaySeconds: number;
  /** Failures are forgotten after this many seconds without a new one. */
  readonly failureMemorySeconds: number;
  /** How long a successful login makes its client known for its user, in seconds. */
  readonly knownClientSeconds: number;
}

/**
 * Five free failures per user and client, twenty per user, fifty per client;
 * then 1 s, 2 s, 4 s ... up to 15 minutes; failures forgotten after an hour
 * of quiet; a client that logged in stays known for thirty days.
 */
export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  pairFreeFailures: 5,
  userFreeFailures: 20,
  clientFreeFailures: 50,
  baseDelaySeconds: 1,
  maxDelaySeconds: 900,
  failureMemorySeconds: 3600,
  knownClientSeconds: 30 * 86_400,
};

/** The counter keys of a password login by `userName` from `client`. */
export interface PasswordLoginKeys {
  /** Failures of this user from this client. */
  readonly pair: string;
  /** Failures of this user from any client. */
  readonly user: string;
  /** Failures from this client; absent without an address. */
  readonly client?: string;
  /** Successes of this user from this client; absent without an address. */
  readonly known?: string;
}

/**
 * The keys of a password login. User names are compared case-insensitively,
 * as MySQL compares them; without a client address (library use) there is
 * no per-client count, so that callers without one never slow each other.
 */
export function passwordLoginKeys(userName: string, client: string | undefined): PasswordLoginKeys {
  const user = userName.toLowerCase();
  const address = client ?? "";
  return {
    pair: `login:pair:${user}\u0000${address}`,
    user: `login:user:${user}`,
    ...(client === undefined || client === ""
      ? {}
      : { client: `login:client:${client}`, known: `login:known:${user}\u0000${client}` }),
  };
}

/** The counter key of access-key failures from `client`, or none without an address. */
export function accessKeyLoginKey(client: string | undefined): string | undefined {
  return client === undefined || client === "" ? undefined : `login:key-client:${client}`;
}

/** The window of failure counts. */
export function failureWindow(policy: ThrottlePolicy): CounterWindow {
  return { seconds: policy.failureMemorySeconds, from: "last" };
}

/** The window that keeps a client known after a success. */
export function knownClientWindow(policy: ThrottlePolicy): CounterWindow {
  return { seconds: policy.knownClientSeconds, from: "last" };
}

/**
 * Seconds to wait before another attempt under one count: none while it has
 * at most `free` failures; then `baseDelaySeconds` doubled for each failure
 * beyond the free ones (capped at `maxDelaySeconds`), from the latest failure.
 */
export function backOffSeconds(
  failures: WindowCount | undefined,
  free: number,
  policy: ThrottlePolicy,
  now: Date,
): number {
  if (failures === undefined || failures.count < free) return 0;
  const doublings = Math.min(failures.count - free, 30);
  const delay = Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** doublings);
  const waitMs = failures.lastAt.getTime() + delay * 1000 - now.getTime();
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

/**
 * Seconds a password login must wait (0: it may try now). Its own pair's
 * count always applies; the user's and the client's only when the client is
 * not known for the user.
 */
export function passwordLoginWait(
  keys: PasswordLoginKeys,
  counts: ReadonlyMap<string, WindowCount>,
  policy: ThrottlePolicy,
  now: Date,
): number {
  const pair = backOffSeconds(counts.get(keys.pair), policy.pairFreeFailures, policy, now);
  const known = keys.known !== undefined && counts.has(keys.known);
  if (known) return pair;
  const user = backOffSeconds(counts.get(keys.user), policy.userFreeFailures, policy, now);
  const client = keys.client === undefined
    ? 0
    : backOffSeconds(counts.get(keys.client), policy.clientFreeFailures, policy, now);
  return Math.max(pair, user, client);
}

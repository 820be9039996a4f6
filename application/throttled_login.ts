/**
 * Wraps a login attempt in the throttle (domain/login_throttling.ts): refused
 * with `TOO_MANY_REQUESTS` while it must wait, its failure counted, its
 * success making the client known for the user.
 *
 * @module
 */

import { DomainError, isDomainError } from "../domain/errors.ts";
import {
  accessKeyLoginKey,
  backOffSeconds,
  DEFAULT_THROTTLE_POLICY,
  failureWindow,
  knownClientWindow,
  type PasswordLoginKeys,
  passwordLoginKeys,
  passwordLoginWait,
  type ThrottlePolicy,
} from "../domain/login_throttling.ts";
import type { Clock, CounterStore } from "../domain/ports.ts";

/** The ports a throttled login needs; without counters, logins are not limited. */
export interface ThrottleDeps {
  /** Where failures are counted (shared by every instance), if limiting is wanted. */
  readonly counters?: CounterStore;
  /** The numbers of the rule (default {@linkcode DEFAULT_THROTTLE_POLICY}). */
  readonly throttlePolicy?: ThrottlePolicy;
  /** Time. */
  readonly clock: Clock;
}

function tooMany(seconds: number): DomainError {
  return new DomainError(
    "TOO_MANY_REQUESTS",
    `Too many failed logins; try again in ${seconds} seconds`,
    { retryAfterSeconds: seconds },
  );
}

function isAuthFailure(error: unknown): boolean {
  return isDomainError(error) && error.code === "AUTH_FAILED";
}

function defined(values: ReadonlyArray<string | undefined>): string[] {
  return values.filter((value): value is string => value !== undefined);
}

/**
 * The password attempts in progress, per counter store and counted user:
 * the tail of each user's queue. A burst of parallel guesses used to read
 * the counts before any of them had failed, so all went through (40 of 40
 * on the demo, 15 of 60 on a database); one at a time per user, each
 * attempt sees the failures of those before it. A client known for the user
 * queues per (user, client) pair instead, the only count that can slow it.
 * Per instance: several instances on one database let as many attempts run
 * together.
 */
const attemptsInProgress = new WeakMap<CounterStore, Map<string, Promise<void>>>();

/** Runs `attempt` once the attempts of `key` before it are done. */
async function oneAtATime<T>(
  counters: CounterStore,
  key: string,
  attempt: () => Promise<T>,
): Promise<T> {
  let queues = attemptsInProgress.get(counters);
  if (queues === undefined) {
    queues = new Map();
    attemptsInProgress.set(counters, queues);
  }
  const result = (queues.get(key) ?? Promise.resolve()).then(attempt);
  const done = result.then(() => {}, () => {});
  queues.set(key, done);
  try {
    return await result;
  } finally {
    if (queues.get(key) === done) queues.delete(key);
  }
}

/**
 * Runs a password login of `userName` from `client` unless it must wait;
 * an `AUTH_FAILED` counts against its pair, its user and its client, a
 * success clears its pair and makes the client known for the user.
 */
export async function throttledPasswordLogin<T>(
  deps: ThrottleDeps,
  userName: string,
  client: string | undefined,
  attempt: () => Promise<T>,
): Promise<T> {
  const counters = deps.counters;
  if (counters === undefined) return await attempt();
  const keys = passwordLoginKeys(userName, client);
  if (await knownClient(deps, counters, keys)) {
    return await oneAtATime(
      counters,
      keys.pair,
      () => countedAttempt(deps, counters, keys, attempt),
    );
  }
  return await withClientCheck(
    counters,
    keys.client,
    () => oneAtATime(counters, keys.user, () => countedAttempt(deps, counters, keys, attempt)),
  );
}

/**
 * The most password checks one client not known for the user may have in
 * progress at once, per instance; one more is `TOO_MANY_REQUESTS` at once.
 * A burst of different names from one address used to read the client's
 * count before any had failed: 200 at once on a 7.1.0 database got 40 checks
 * and filled the password queue (160 answered 503, another user's login among
 * them), and a second burst 50 checks more, past a client's free failures.
 */
export const MAX_PASSWORD_CHECKS_PER_CLIENT = 4;

/** Password checks in progress per counter store and client key. */
const checksInProgress = new WeakMap<CounterStore, Map<string, number>>();

/** Runs `attempt` unless `client` already has its most checks in progress. */
async function withClientCheck<T>(
  counters: CounterStore,
  client: string | undefined,
  attempt: () => Promise<T>,
): Promise<T> {
  if (client === undefined) return await attempt();
  let running = checksInProgress.get(counters);
  if (running === undefined) {
    running = new Map();
    checksInProgress.set(counters, running);
  }
  const now = running.get(client) ?? 0;
  if (now >= MAX_PASSWORD_CHECKS_PER_CLIENT) throw tooMany(1);
  running.set(client, now + 1);
  try {
    return await attempt();
  } finally {
    const left = (running.get(client) ?? 1) - 1;
    if (left === 0) running.delete(client);
    else running.set(client, left);
  }
}

/**
 * Whether the client is known for the user. Its attempts wait only for its
 * own pair's, since only that pair's failures can slow it: queued behind every
 * attempt at the user, the owner waited for an attacker's whole queue of
 * guesses (1.2 to 2.3 s on a 7.1.0 database against 75 guesses a second).
 */
async function knownClient(
  deps: ThrottleDeps,
  counters: CounterStore,
  keys: PasswordLoginKeys,
): Promise<boolean> {
  if (keys.known === undefined) return false;
  return (await counters.read([keys.known], deps.clock.now())).has(keys.known);
}

/** One password attempt between reading its counts and counting its outcome. */
async function countedAttempt<T>(
  deps: ThrottleDeps,
  counters: CounterStore,
  keys: PasswordLoginKeys,
  attempt: () => Promise<T>,
): Promise<T> {
  const policy = deps.throttlePolicy ?? DEFAULT_THROTTLE_POLICY;
  const now = deps.clock.now();
  const counts = await counters.read(defined([keys.pair, keys.user, keys.client, keys.known]), now);
  const wait = passwordLoginWait(keys, counts, policy, now);
  if (wait > 0) throw tooMany(wait);
  let result: T;
  try {
    result = await attempt();
  } catch (error) {
    if (isAuthFailure(error)) {
      await counters.add(defined([keys.pair, keys.user, keys.client]), now, failureWindow(policy));
    }
    throw error;
  }
  await counters.clear([keys.pair]);
  if (keys.known !== undefined) await counters.add([keys.known], now, knownClientWindow(policy));
  return result;
}

/**
 * Runs an access-key login from `client` unless that client must wait for
 * its own failed keys; password failures never slow it.
 */
export async function throttledAccessKeyLogin<T>(
  deps: ThrottleDeps,
  client: string | undefined,
  attempt: () => Promise<T>,
): Promise<T> {
  const counters = deps.counters;
  const key = accessKeyLoginKey(client);
  if (counters === undefined || key === undefined) return await attempt();
  const policy = deps.throttlePolicy ?? DEFAULT_THROTTLE_POLICY;
  const now = deps.clock.now();
  const counts = await counters.read([key], now);
  const wait = backOffSeconds(counts.get(key), policy.clientFreeFailures, policy, now);
  if (wait > 0) throw tooMany(wait);
  try {
    return await attempt();
  } catch (error) {
    if (isAuthFailure(error)) await counters.add([key], now, failureWindow(policy));
    throw error;
  }
}

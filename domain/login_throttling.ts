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

/** An IPv4 address written with dots, its four numbers captured. */
const DOTTED_IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IPv6 address as its eight 16-bit groups, or `undefined` when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const groupsOf = (text: string): number[] | undefined => {
    if (text === "") return [];
    const groups: number[] = [];
    const parts = text.split(":");
    for (const [index, part] of parts.entries()) {
      // The last group may be an IPv4 address written with dots (::ffff:192.0.2.1).
      const ipv4 = index === parts.length - 1 ? DOTTED_IPV4.exec(part) : null;
      if (ipv4 !== null) {
        const bytes = ipv4.slice(1).map(Number);
        if (bytes.some((byte) => byte > 255)) return undefined;
        groups.push(bytes[0] * 256 + bytes[1], bytes[2] * 256 + bytes[3]);
      } else if (/^[0-9a-f]{1,4}$/i.test(part)) groups.push(parseInt(part, 16));
      else return undefined;
    }
    return groups;
  };
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}

/**
 * The client a login is counted under: an IPv4 address as it is; an IPv6
 * address by its /64 network, the block one subscriber gets, whose 2^64
 * addresses an attacker could otherwise take in turn to start every count
 * afresh; an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) as its IPv4
 * address. Anything else is counted as given.
 */
export function countedClient(address: string): string {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!bare.includes(":")) return address;
  const groups = ipv6Groups(bare);
  if (groups === undefined) return address;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join(".");
  }
  return `${groups.slice(0, 4).map((group) => group.toString(16)).join(":")}::/64`;
}

/**
 * The keys of a password login. User names are compared case-insensitively,
 * as MySQL compares them; without a client address (library use) there is
 * no per-client count, so that callers without one never slow each other.
 */
export function passwordLoginKeys(
  userName: string,
  clientAddress: string | undefined,
): PasswordLoginKeys {
  const user = userName.toLowerCase();
  const client = clientAddress === undefined ? undefined : countedClient(clientAddress);
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
  return client === undefined || client === ""
    ? undefined
    : `login:key-client:${countedClient(client)}`;
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

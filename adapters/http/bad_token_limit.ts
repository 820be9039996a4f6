/**
 * A per-client limit on answers to bad tokens. Each request with a
 * well-formed token that is not in the session cache costs a session lookup
 * in the database, so a flood of random tokens from one client slowed every
 * other client's reads (a read by id from a median of 7 ms to 244 ms on a
 * 7.1.0 database). This counts, per client, the requests answered
 * `INVALID_TOKEN` or `TOKEN_NOT_FOUND`; past `maxFailures` within
 * `windowSeconds`, that client's next lookups of tokens it has not shown to
 * work are answered `TOO_MANY_REQUESTS` with `Retry-After`, before the
 * database is asked. A token the client used successfully here (or that it
 * got from a login here) is still looked up: its valid tokens keep working.
 *
 * Clients are keyed as the login throttle keys them (`countedClient`: IPv4
 * as is, IPv6 by its /64); behind `TRUST_PROXY`, by the address the proxy
 * appended. In-process and bounded: at most `maxClients` clients (the
 * oldest counts go first) and `maxTokensPerClient` vouched tokens each.
 *
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import type { Ports } from "../../application/use_cases.ts";
import { DomainError } from "../../domain/errors.ts";
import { countedClient } from "../../domain/login_throttling.ts";
import type { SessionStore } from "../../domain/ports.ts";
import "./app_env.ts";
import { currentScope, scopeOf } from "./request_scope.ts";
import { clientAddress } from "./client_address.ts";
import { wrapping } from "./port_wrapping.ts";

/**
 * Bad-token answers a client may get within the window before its lookups
 * are held; the service's default leaves the limit off
 * ({@linkcode DEFAULT_BAD_TOKEN_LIMIT_SETTING}), this is the figure to turn
 * it on with.
 */
export const DEFAULT_BAD_TOKEN_LIMIT = 50;

/**
 * The service's default: off. Behind a proxy without `TRUST_PROXY`, or a NAT,
 * every client is one address, and a few clients retrying expired tokens
 * would hold everyone's new tokens for the window.
 */
export const DEFAULT_BAD_TOKEN_LIMIT_SETTING = 0;

/** The window of the bad-token count, in seconds. */
export const DEFAULT_BAD_TOKEN_WINDOW_SECONDS = 60;

/** Clients counted at once; one more forgets the oldest count. */
export const DEFAULT_BAD_TOKEN_CLIENTS = 10_000;

/** Token hashes remembered as working, per client. */
export const DEFAULT_VOUCHED_TOKENS_PER_CLIENT = 8;

/** One client's count: since when, how many, and the tokens seen to work. */
interface ClientCount {
  /** The start of the client's window, epoch milliseconds. */
  start: number;
  /** Bad-token answers in the window. */
  failures: number;
  /** Token hashes the client used successfully (insertion order, oldest first). */
  readonly vouched: Set<string>;
}

/** Optional sizes of a {@linkcode BadTokenLimit}. */
export interface BadTokenLimitOptions {
  /** Clients counted at once (default {@linkcode DEFAULT_BAD_TOKEN_CLIENTS}). */
  readonly maxClients?: number;
  /** Vouched tokens per client (default {@linkcode DEFAULT_VOUCHED_TOKENS_PER_CLIENT}). */
  readonly maxTokensPerClient?: number;
  /** The time in epoch milliseconds (default `Date.now`), for the middleware and the ports. */
  readonly now?: () => number;
}

/** Counts bad-token answers per client in a fixed window. */
export class BadTokenLimit {
  #counts = new Map<string, ClientCount>();
  #maxFailures: number;
  #windowMs: number;
  #maxClients: number;
  #maxTokens: number;
  /** The time in epoch milliseconds the middleware and the ports count by. */
  readonly now: () => number;

  /** At most `maxFailures` bad-token answers per client within `windowSeconds`. */
  constructor(maxFailures: number, windowSeconds: number, options: BadTokenLimitOptions = {}) {
    const maxClients = options.maxClients ?? DEFAULT_BAD_TOKEN_CLIENTS;
    const maxTokens = options.maxTokensPerClient ?? DEFAULT_VOUCHED_TOKENS_PER_CLIENT;
    if (
      !Number.isSafeInteger(maxFailures) || maxFailures < 1 || !(windowSeconds > 0) ||
      !Number.isSafeInteger(maxClients) || maxClients < 1 ||
      !Number.isSafeInteger(maxTokens) || maxTokens < 0
    ) {
      throw new RangeError(
        "A bad-token limit needs at least 1 failure, a window above 0 s and room for 1 client",
      );
    }
    this.#maxFailures = maxFailures;
    this.#windowMs = windowSeconds * 1000;
    this.#maxClients = maxClients;
    this.#maxTokens = maxTokens;
    this.now = options.now ?? Date.now;
  }

  /** How many clients are counted. */
  get size(): number {
    return this.#counts.size;
  }

  /** The client's count at `now`, or none when it has none or its window is over. */
  #current(client: string, now: number): ClientCount | undefined {
    const count = this.#counts.get(client);
    if (count === undefined) return undefined;
    if (now - count.start >= this.#windowMs || now < count.start) {
      if (count.vouched.size === 0) {
        this.#counts.delete(client);
        return undefined;
      }
      count.start = now;
      count.failures = 0;
    }
    return count;
  }

  /** The client's count, made if needed; the newest goes last, the oldest is forgotten past the cap. */
  #entry(client: string, now: number): ClientCount {
    const current = this.#current(client, now);
    if (current !== undefined) return current;
    const made: ClientCount = { start: now, failures: 0, vouched: new Set() };
    this.#counts.set(client, made);
    while (this.#counts.size > this.#maxClients) {
      this.#counts.delete(this.#counts.keys().next().value as string);
    }
    return made;
  }

  /** Counts one bad-token answer to `client` at `now` (epoch milliseconds). */
  fail(client: string, now: number): void {
    this.#entry(client, now).failures += 1;
  }

  /** Remembers that `tokenHash` worked for `client`: it is looked up even while the client is held. */
  vouch(client: string, tokenHash: string, now: number): void {
    if (this.#maxTokens === 0) return;
    const vouched = this.#entry(client, now).vouched;
    vouched.delete(tokenHash);
    vouched.add(tokenHash);
    while (vouched.size > this.#maxTokens) vouched.delete(vouched.values().next().value as string);
  }

  /** Forgets that `tokenHash` worked for `client` (it is no longer found). */
  unvouch(client: string, tokenHash: string): void {
    this.#counts.get(client)?.vouched.delete(tokenHash);
  }

  /**
   * Seconds `client` must wait before `tokenHash` is looked up, or `undefined`
   * when it may be: the client is under the limit, or the token is vouched.
   */
  wait(client: string, tokenHash: string, now: number): number | undefined {
    const count = this.#current(client, now);
    if (count === undefined || count.failures < this.#maxFailures) return undefined;
    if (count.vouched.has(tokenHash)) return undefined;
    return Math.max(1, Math.ceil((count.start + this.#windowMs - now) / 1000));
  }
}

const BAD_TOKEN_CODES: ReadonlySet<string> = new Set(["INVALID_TOKEN", "TOKEN_NOT_FOUND"]);

/**
 * Notes the request's counted client on its scope, and once answered counts
 * an `INVALID_TOKEN` or `TOKEN_NOT_FOUND` answer against it. A request whose
 * address is unknown (`app.request`) is not counted.
 */
export function countBadTokens(
  limit: BadTokenLimit,
  trustProxy: boolean,
): MiddlewareHandler {
  return async function countBadTokens(c: Context, next) {
    const address = clientAddress(c, trustProxy);
    const client = address === undefined || address === "" ? undefined : countedClient(address);
    if (client !== undefined) scopeOf(c).tokenClient = client;
    await next();
    const code = c.get("errorCode");
    if (client !== undefined && code !== undefined && BAD_TOKEN_CODES.has(code)) {
      limit.fail(client, limit.now());
    }
  };
}

/**
 * The same ports, with the session store refusing the lookup of a token from
 * a client past its bad-token limit (`TOO_MANY_REQUESTS`, `Retry-After`)
 * unless that token worked for it before, and vouching for every token found
 * or saved (a login) for the request's client. Outside a request (or without
 * a known address) nothing changes.
 */
export function limitBadTokens<T extends Pick<Ports, "sessions">>(
  ports: T,
  limit: BadTokenLimit,
): T {
  const { sessions } = ports;
  const client = (): string | undefined => currentScope()?.tokenClient;
  const find: SessionStore["find"] = async (tokenHash) => {
    const who = client();
    if (who === undefined) return await sessions.find(tokenHash);
    const seconds = limit.wait(who, tokenHash, limit.now());
    if (seconds !== undefined) {
      throw new DomainError(
        "TOO_MANY_REQUESTS",
        `Too many requests with unknown or expired tokens from this client; try again in ${seconds} seconds`,
        { retryAfterSeconds: seconds },
      );
    }
    const session = await sessions.find(tokenHash);
    if (session === undefined) limit.unvouch(who, tokenHash);
    else limit.vouch(who, tokenHash, limit.now());
    return session;
  };
  const save: SessionStore["save"] = async (session) => {
    await sessions.save(session);
    const who = client();
    if (who !== undefined) limit.vouch(who, session.tokenHash, limit.now());
  };
  return { ...ports, sessions: wrapping(wrapping(sessions, "find", find), "save", save) };
}

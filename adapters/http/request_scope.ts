/**
 * What the ports need of the request being answered, without the use cases
 * knowing about requests: its signal (statements of an abandoned request are
 * stopped), whether it may write (the read replica's routing), the user it
 * is made as once known, where its token stands against its rate limit, and
 * what must happen once it is answered (ending its user's share of work).
 *
 * A small object kept by `AsyncLocalStorage` while the use case runs
 * ({@linkcode inRequestScope}), not the whole hono context kept for the whole
 * request (hono's `contextStorage`): under Deno, whatever the storage holds
 * outlives the request until the next full collection, and young-generation
 * collections copy it and then promote it to the old generation. With the
 * hono context held, every request's context, request, answer and headers
 * were promoted (in-memory demo, GET by id at saturation: 3.0 MB surviving
 * each scavenge and 2.8 MB promoted, against 85 and 80 KB without; see the
 * README's performance section).
 *
 * @module
 */

import { AsyncLocalStorage } from "node:async_hooks";
import type { Context } from "hono";
import type { RateState } from "../../domain/rate_limit.ts";
import "./app_env.ts";

/** Methods whose requests never write records. */
const READ_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/** One request, as the ports see it. */
export class RequestScope {
  /** Aborts when the client goes away. */
  readonly signal: AbortSignal;
  /** Whether the request's method is any but GET and HEAD. */
  readonly writes: boolean;
  /** The user the request is made as, once its token or password is checked. */
  userId: number | undefined = undefined;
  /** Where the request's token stands against its rate limit, once counted. */
  rateState: RateState | undefined = undefined;
  /** The client the request is counted under for bad tokens (bad_token_limit.ts), if any. */
  tokenClient: string | undefined = undefined;
  readonly #ends: (() => void)[] = [];
  #ended = false;
  #place: (() => void) | undefined = undefined;

  /** The scope of a request with `method` and `signal`. */
  constructor(method: string, signal: AbortSignal) {
    this.signal = signal;
    this.writes = !READ_METHODS.has(method);
  }

  /**
   * Runs `end` once the request is answered ({@linkcode RequestScope.end}),
   * or at once if it already was: work a use case took on after its request
   * was answered (its deadline passed) is given back as soon as it is taken.
   */
  atEnd(end: () => void): void {
    if (this.#ended) end();
    else this.#ends.push(end);
  }

  /**
   * Notes how to give back the request's place among the reads worked on at
   * once (read_admission.ts), for {@linkcode RequestScope.yieldPlace}.
   */
  holdPlace(giveBack: () => void): void {
    this.#place = giveBack;
  }

  /**
   * The request is about to wait for something other than its own work (its
   * user's share, a password check): its read place, if it holds one, goes
   * to the next read meanwhile, so that no read waits behind it.
   */
  yieldPlace(): void {
    const giveBack = this.#place;
    this.#place = undefined;
    giveBack?.();
  }

  /** Whether the request was answered ({@linkcode RequestScope.end}). */
  get ended(): boolean {
    return this.#ended;
  }

  /** The request is answered: runs what it was told to do at its end, once each. */
  end(): void {
    this.#ended = true;
    for (const end of this.#ends.splice(0)) end();
  }
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs `work` with `scope` as the current request's, for whatever it starts too. */
export function inRequestScope<T>(scope: RequestScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The scope of the request being answered, or `undefined` outside one. */
export function currentScope(): RequestScope | undefined {
  return scopes.getStore();
}

/**
 * The scope of the request `c`, made on first use and kept on `c`: the log
 * line and the answer's headers read what the ports noted on it (its user,
 * its rate state) even when the answer leaves before the use case ends.
 */
export function scopeOf(c: Context): RequestScope {
  let scope = c.get("scope");
  if (scope === undefined) {
    scope = new RequestScope(c.req.method, c.req.raw.signal);
    c.set("scope", scope);
  }
  return scope;
}

/** Runs the use case `work` of the request `c` in its scope. */
export function scopedUseCase<T>(c: Context, work: () => Promise<T>): Promise<T> {
  return inRequestScope(scopeOf(c), work);
}

/**
 * A small cache of values by key that expire after a fixed lifetime and are
 * evicted, least recently used first, beyond a maximum size. It holds
 * promises, so that concurrent misses for one key share one load; a load that
 * fails is forgotten at once.
 *
 * With `serveStale`, an expired value that did load is still answered while
 * one reload runs in the background; the reload replaces it when it succeeds,
 * and when it fails the old value stays (the failure is reported) until a
 * later call tries again.
 *
 * @module
 */

import type { Clock } from "../../domain/ports.ts";

interface Entry<V> {
  readonly value: Promise<V>;
  expiresAt: number;
  /** Whether `value` has resolved (only a loaded value may be served stale). */
  loaded: boolean;
  /** The background reload under way, if any. */
  reloading?: Promise<void>;
}

/** What a lookup found: a fresh value, nothing (a load), or an expired value served while reloading. */
export type CacheOutcome = "hit" | "miss" | "stale";

/** Options of a {@linkcode TtlCache}. */
export interface TtlCacheOptions {
  /** Told the outcome of every lookup (metrics count cache hits with it). */
  readonly onLookup?: (outcome: CacheOutcome) => void;
  /**
   * Serve an expired value while it is reloaded in the background; a failed
   * reload is handed to this function and the expired value kept.
   */
  readonly serveStale?: (error: unknown) => void;
}

/** Expiring, bounded cache of loaded values. */
export class TtlCache<K, V> {
  #entries = new Map<K, Entry<V>>();
  #clock: Clock;
  #ttlMs: number;
  #maxEntries: number;
  #onStaleReloadError: ((error: unknown) => void) | undefined;
  #onLookup: (outcome: CacheOutcome) => void;

  /** Entries live `ttlSeconds` (0 disables caching); at most `maxEntries` are kept. */
  constructor(clock: Clock, ttlSeconds: number, maxEntries: number, options: TtlCacheOptions = {}) {
    if (!(ttlSeconds >= 0) || !Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError("A cache needs a lifetime of 0 s or more and room for 1 entry or more");
    }
    this.#clock = clock;
    this.#ttlMs = ttlSeconds * 1000;
    this.#maxEntries = maxEntries;
    this.#onStaleReloadError = options.serveStale;
    this.#onLookup = options.onLookup ?? (() => {});
  }

  /** How many entries are held (expired ones included until touched). */
  get size(): number {
    return this.#entries.size;
  }

  /** The cached value of `key`, or what `load` gives, cached from now on. */
  get(key: K, load: () => Promise<V>): Promise<V> {
    const now = this.#clock.now().getTime();
    const found = this.#entries.get(key);
    this.#entries.delete(key);
    if (found !== undefined && found.expiresAt > now) {
      this.#entries.set(key, found);
      this.#onLookup("hit");
      return found.value;
    }
    if (found !== undefined && found.loaded && this.#onStaleReloadError !== undefined) {
      this.#entries.set(key, found);
      found.reloading ??= this.#reload(key, found, load, this.#onStaleReloadError).finally(() => {
        found.reloading = undefined;
      });
      this.#onLookup("stale");
      return found.value;
    }
    this.#onLookup("miss");
    const value = load();
    if (this.#ttlMs === 0) return value;
    this.#store(key, value, now);
    return value;
  }

  /**
   * Marks every held value expired now: the next `get` of each loads it again
   * (in the background, answering the old value meanwhile, with `serveStale`).
   */
  expireAll(): void {
    for (const entry of this.#entries.values()) entry.expiresAt = 0;
  }

  /** Forgets one key, or everything. */
  invalidate(key?: K): void {
    if (key === undefined) this.#entries.clear();
    else this.#entries.delete(key);
  }

  #store(key: K, value: Promise<V>, now: number): void {
    const entry: Entry<V> = { value, expiresAt: now + this.#ttlMs, loaded: false };
    this.#entries.set(key, entry);
    value.then(() => {
      entry.loaded = true;
    }, () => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as K;
      this.#entries.delete(oldest);
    }
  }

  /** Loads `key` again behind the stale entry; replaces it only if it is still the one held. */
  async #reload(
    key: K,
    stale: Entry<V>,
    load: () => Promise<V>,
    onError: (error: unknown) => void,
  ): Promise<void> {
    try {
      const value = await load();
      if (this.#entries.get(key) !== stale) return;
      this.#entries.delete(key);
      this.#store(key, Promise.resolve(value), this.#clock.now().getTime());
    } catch (error) {
      onError(error);
    }
  }
}

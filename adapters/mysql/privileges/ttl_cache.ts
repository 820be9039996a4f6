/**
 * A small cache of values by key that expire after a fixed lifetime and are
 * evicted, least recently used first, beyond a maximum size. It holds
 * promises, so that concurrent misses for one key share one load; a load that
 * fails is forgotten at once.
 *
 * @module
 */

import type { Clock } from "../../../domain/ports.ts";

interface Entry<V> {
  readonly value: Promise<V>;
  readonly expiresAt: number;
}

/** Expiring, bounded cache of loaded values. */
export class TtlCache<K, V> {
  #entries = new Map<K, Entry<V>>();
  #clock: Clock;
  #ttlMs: number;
  #maxEntries: number;

  /** Entries live `ttlSeconds` (0 disables caching); at most `maxEntries` are kept. */
  constructor(clock: Clock, ttlSeconds: number, maxEntries: number) {
    if (!(ttlSeconds >= 0) || !Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError("A cache needs a lifetime of 0 s or more and room for 1 entry or more");
    }
    this.#clock = clock;
    this.#ttlMs = ttlSeconds * 1000;
    this.#maxEntries = maxEntries;
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
      return found.value;
    }
    const value = load();
    if (this.#ttlMs === 0) return value;
    const entry = { value, expiresAt: now + this.#ttlMs };
    this.#entries.set(key, entry);
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as K;
      this.#entries.delete(oldest);
    }
    return value;
  }

  /** Forgets one key, or everything. */
  invalidate(key?: K): void {
    if (key === undefined) this.#entries.clear();
    else this.#entries.delete(key);
  }
}

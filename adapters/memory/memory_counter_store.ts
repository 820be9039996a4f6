/**
 * Windowed counters in this process's memory: for the demo and tests, and
 * for one instance alone (several instances count apart). Keys are kept as
 * their SHA-256, expired counters are forgotten, and the table is capped:
 * when full, the counter written longest ago goes first.
 *
 * @module
 */

import type { CounterStore, CounterWindow, WindowCount } from "../../domain/ports.ts";
import { counterDigest } from "../system/counter_key.ts";

/** The most counters kept, by default. */
export const DEFAULT_MAX_COUNTERS = 100_000;

interface Entry extends WindowCount {
  readonly expiresAt: number;
}

/** A counter store in a map of digests. */
export class MemoryCounterStore implements CounterStore {
  readonly #maxEntries: number;
  // Insertion order is write order: each write re-inserts, so the first key is the stalest.
  readonly #entries = new Map<string, Entry>();

  /** Keeps at most `maxEntries` counters. */
  constructor(maxEntries: number = DEFAULT_MAX_COUNTERS) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`The counter cap ${maxEntries} must be a positive whole number`);
    }
    this.#maxEntries = maxEntries;
  }

  /** How many counters are held (expired ones included until touched). */
  get size(): number {
    return this.#entries.size;
  }

  /** Counts one event for each key. */
  add(keys: readonly string[], now: Date, window: CounterWindow): Promise<void> {
    const time = now.getTime();
    for (const key of keys) {
      const digest = counterDigest(key);
      const found = this.#entries.get(digest);
      const live = found !== undefined && found.expiresAt > time ? found : undefined;
      const firstAt = live?.firstAt ?? now;
      const expiresAt = (window.from === "first" ? firstAt.getTime() : time) +
        window.seconds * 1000;
      this.#entries.delete(digest);
      this.#entries.set(digest, { count: (live?.count ?? 0) + 1, firstAt, lastAt: now, expiresAt });
    }
    while (this.#entries.size > this.#maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
    return Promise.resolve();
  }

  /** The live counts of the keys. */
  read(keys: readonly string[], now: Date): Promise<ReadonlyMap<string, WindowCount>> {
    const counts = new Map<string, WindowCount>();
    for (const key of keys) {
      const digest = counterDigest(key);
      const entry = this.#entries.get(digest);
      if (entry === undefined) continue;
      if (entry.expiresAt <= now.getTime()) {
        this.#entries.delete(digest);
        continue;
      }
      counts.set(key, { count: entry.count, firstAt: entry.firstAt, lastAt: entry.lastAt });
    }
    return Promise.resolve(counts);
  }

  /** Forgets the keys. */
  clear(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.#entries.delete(counterDigest(key));
    return Promise.resolve();
  }
}

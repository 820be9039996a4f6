/**
 * Which users wrote records in the last few seconds, for read-your-writes
 * with a read replica: their reads go to the primary until the replica has
 * surely caught up.
 *
 * A write is remembered in this process at once and, for the other
 * instances, in the shared counter store (`vtrest_counters` on the primary)
 * for the same window. Another instance asks the counter store about a user
 * at most once per `checkSeconds` (the session cache's lifetime), so it
 * sees a write made elsewhere at most that long after the write: within
 * that delay, and only if it had asked about the user just before the
 * write, it may still send the user's reads to the replica.
 *
 * @module
 */

import type { Clock, CounterStore } from "../../../domain/ports.ts";

/** The default of `READ_YOUR_WRITES_SECONDS`: a caller's reads go to the primary this long. */
export const DEFAULT_READ_YOUR_WRITES_SECONDS = 5;

/** The most users remembered at once; the oldest are forgotten first. */
const MAX_USERS = 10_000;

/** Settings of {@linkcode RecentWrites}. */
export interface RecentWritesSettings {
  /** The shared counters (`vtrest_counters` on the primary). */
  readonly counters: CounterStore;
  /** Time. */
  readonly clock: Clock;
  /** How long after a write the writer's reads go to the primary, in seconds. */
  readonly windowSeconds: number;
  /** How long what the counter store said of a user is believed, in seconds (0: never). */
  readonly checkSeconds: number;
}

/** What this process knows of a user's last write, in epoch milliseconds. */
interface Known {
  /** Until when the user's reads go to the primary. */
  readonly primaryUntil: number;
  /** Until when that is believed without asking the counter store again. */
  readonly checkedUntil: number;
}

/** The counter key of a user's writes. */
function keyOf(userId: number): string {
  return `written:${userId}`;
}

/** Remembers recent writers, here and through the shared counter store. */
export class RecentWrites {
  readonly #settings: RecentWritesSettings;
  readonly #known = new Map<number, Known>();

  /** Remembers writes for `windowSeconds`; asks the store at most every `checkSeconds`. */
  constructor(settings: RecentWritesSettings) {
    if (!(settings.windowSeconds > 0) || !(settings.checkSeconds >= 0)) {
      throw new RangeError("Read-your-writes needs a window above 0 s");
    }
    this.#settings = settings;
  }

  /** How many users this process remembers. */
  get size(): number {
    return this.#known.size;
  }

  /**
   * Tells the other instances that the user is about to write (before the
   * write, so that a store that fails stops the write rather than follows it).
   */
  async writing(userId: number): Promise<void> {
    const { counters, clock, windowSeconds } = this.#settings;
    await counters.add([keyOf(userId)], clock.now(), { seconds: windowSeconds, from: "last" });
  }

  /** Remembers here that the user has just written. */
  wrote(userId: number): void {
    const now = this.#settings.clock.now().getTime();
    const until = now + this.#settings.windowSeconds * 1000;
    this.#remember(userId, { primaryUntil: until, checkedUntil: until });
  }

  /**
   * Whether the user wrote within the window: known here (a window only ever
   * grows, so one known to be open needs no question), or else as the
   * counter store says, asked at most once per `checkSeconds`.
   */
  async wroteRecently(userId: number): Promise<boolean> {
    const { counters, clock, checkSeconds, windowSeconds } = this.#settings;
    const now = clock.now();
    const known = this.#known.get(userId);
    if (known !== undefined && now.getTime() < known.primaryUntil) return true;
    if (known !== undefined && now.getTime() < known.checkedUntil) return false;
    const key = keyOf(userId);
    const shared = (await counters.read([key], now)).get(key);
    const primaryUntil = shared === undefined ? 0 : shared.lastAt.getTime() + windowSeconds * 1000;
    this.#remember(userId, { primaryUntil, checkedUntil: now.getTime() + checkSeconds * 1000 });
    return now.getTime() < primaryUntil;
  }

  #remember(userId: number, known: Known): void {
    this.#known.delete(userId);
    this.#known.set(userId, known);
    while (this.#known.size > MAX_USERS) {
      this.#known.delete(this.#known.keys().next().value as number);
    }
  }
}

/**
 * Deadlines of seconds checked by one sweep instead of one timer each.
 *
 * A request arms up to three guards that almost never fire: the request's own
 * deadline, the wait for a database connection, and the statement's client-side
 * timeout. As timers, they cost 3-4 % of a GET by id's CPU under load (V8
 * profile: node:timers' `Timeout` objects behind mysql2's `timeout` option, and
 * `setTimeout`/`clearTimeout` pairs in the event loop's timer list). Here a
 * guard is one entry in a set, and one interval looks through the set while it
 * holds any; a deadline fires at most one sweep late, which timeouts of seconds
 * can afford.
 *
 * @module
 */

/** How often the deadlines are checked, in milliseconds: the most a deadline fires late. */
export const SWEEP_EVERY_MS = 250;

/** A deadline armed on a sweep; `cancel()` disarms it (harmless after it fired). */
export interface Deadline {
  /** Disarms the deadline. */
  cancel(): void;
}

interface Entry extends Deadline {
  readonly at: number;
  readonly onExpired: () => void;
}

/** Deadlines checked every {@linkcode SWEEP_EVERY_MS}; the sweep runs only while one is armed. */
export class DeadlineSweep {
  readonly #entries = new Set<Entry>();
  /** Expired, their callbacks queued and not yet run: a cancel() before then still disarms them. */
  readonly #due = new Set<Entry>();
  readonly #everyMs: number;
  readonly #now: () => number;
  #timer: ReturnType<typeof setInterval> | undefined;

  /**
   * A sweep every `everyMs` (default {@linkcode SWEEP_EVERY_MS}) on the clock `now`: by default
   * the monotonic one, as timers are, so that setting the system clock neither fires every
   * deadline at once nor holds them back.
   */
  constructor(everyMs: number = SWEEP_EVERY_MS, now: () => number = () => performance.now()) {
    if (!Number.isSafeInteger(everyMs) || everyMs < 1) {
      throw new RangeError(`The sweep interval ${everyMs} ms must be a positive whole number`);
    }
    this.#everyMs = everyMs;
    this.#now = now;
  }

  /** Calls `onExpired` once, `ms` from now (up to one sweep later), unless cancelled first. */
  arm(ms: number, onExpired: () => void): Deadline {
    const entries = this.#entries;
    const due = this.#due;
    const entry: Entry = {
      at: this.#now() + ms,
      onExpired,
      cancel: () => {
        // The last one out stops the sweep: no interval outlives the work it guards.
        if (entries.delete(entry)) {
          if (entries.size === 0) this.#stop();
        } else due.delete(entry);
      },
    };
    entries.add(entry);
    if (this.#timer === undefined) {
      // Held by the event loop as the timers it replaces were: while a deadline is armed, the
      // process waits for it (the sweep stops once none is).
      this.#timer = setInterval(() => this.#sweep(), this.#everyMs);
    }
    return entry;
  }

  /** Deadlines armed and not yet fired or cancelled. */
  get size(): number {
    return this.#entries.size;
  }

  #sweep(): void {
    const now = this.#now();
    for (const entry of this.#entries) {
      if (entry.at > now) continue;
      this.#entries.delete(entry);
      this.#due.add(entry);
      // Each on its own, as timers run: one that throws does not hold back the others; one
      // cancelled by an earlier one's callback does not run, as a cleared timer would not.
      queueMicrotask(() => {
        if (this.#due.delete(entry)) entry.onExpired();
      });
    }
    if (this.#entries.size === 0) this.#stop();
  }

  #stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** The sweep the service's guards share: one interval for the whole process (or worker). */
export const sharedDeadlines: DeadlineSweep = new DeadlineSweep();

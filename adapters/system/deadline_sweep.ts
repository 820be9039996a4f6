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

/** A deadline armed and not yet fired or cancelled, at `slot` of the sweep's list. */
class Entry implements Deadline {
  readonly at: number;
  onExpired: (() => void) | undefined;
  slot: number;
  readonly #sweep: DeadlineSweep;

  constructor(sweep: DeadlineSweep, at: number, onExpired: () => void, slot: number) {
    this.#sweep = sweep;
    this.at = at;
    this.onExpired = onExpired;
    this.slot = slot;
  }

  cancel(): void {
    this.#sweep.disarm(this);
  }
}

/**
 * Deadlines checked every {@linkcode SWEEP_EVERY_MS}; the sweep runs only while one is armed.
 *
 * The armed deadlines are a plain list, an entry taken out by moving the last
 * one into its place: a `Set` of them, with a request adding and deleting three
 * a request, rebuilt its table every few dozen requests, and each table it left
 * behind still pointed at the entries of its time (and through their callbacks
 * at their requests) until a full collection, which kept them through every
 * young-generation collection in between (see the README's performance section).
 */
export class DeadlineSweep {
  readonly #armed: Entry[] = [];
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
    const armed = this.#armed;
    const entry = new Entry(this, this.#now() + ms, onExpired, armed.length);
    armed.push(entry);
    if (this.#timer === undefined) {
      // Held by the event loop as the timers it replaces were: while a deadline is armed, the
      // process waits for it (the sweep stops once none is).
      this.#timer = setInterval(() => this.#sweep(), this.#everyMs);
    }
    return entry;
  }

  /** Deadlines armed and not yet fired or cancelled. */
  get size(): number {
    return this.#armed.length;
  }

  /**
   * Disarms `entry` (its `cancel()`): taken out of the list if still armed, and
   * its callback dropped, which also stops one already expired and queued to run.
   */
  disarm(entry: Entry): void {
    entry.onExpired = undefined;
    const armed = this.#armed;
    const slot = entry.slot;
    if (slot < 0 || armed[slot] !== entry) return; // fired, or cancelled before
    this.#takeOut(entry);
    // The last one out stops the sweep: no interval outlives the work it guards.
    if (armed.length === 0) this.#stop();
  }

  #sweep(): void {
    const now = this.#now();
    const armed = this.#armed;
    for (let slot = 0; slot < armed.length;) {
      const entry = armed[slot];
      if (entry.at > now) {
        slot++;
        continue;
      }
      // Out of the list now (the one moved into its slot is looked at next); its callback
      // runs on its own, as timers run: one that throws does not hold back the others; one
      // cancelled by an earlier one's callback does not run, as a cleared timer would not.
      this.#takeOut(entry);
      queueMicrotask(() => {
        const onExpired = entry.onExpired;
        entry.onExpired = undefined;
        onExpired?.();
      });
    }
    if (armed.length === 0) this.#stop();
  }

  /** Takes an armed `entry` out of the list, the last one moving into its slot. */
  #takeOut(entry: Entry): void {
    const armed = this.#armed;
    const slot = entry.slot;
    entry.slot = -1;
    const last = armed.pop() as Entry;
    if (last !== entry) {
      armed[slot] = last;
      last.slot = slot;
    }
  }

  #stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** The sweep the service's guards share: one interval for the whole process (or worker). */
export const sharedDeadlines: DeadlineSweep = new DeadlineSweep();

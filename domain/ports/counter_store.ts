/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

/** How many events a counter saw in its current window, and when. */
export interface WindowCount {
  /** Events in the current window. */
  readonly count: number;
  /** When the window's first event happened. */
  readonly firstAt: Date;
  /** When its latest event happened. */
  readonly lastAt: Date;
}

/** How a counter's window runs. */
export interface CounterWindow {
  /** How long the window lasts, in seconds. */
  readonly seconds: number;
  /**
   * `"first"`: the window ends `seconds` after its first event (a fixed
   * window, for rate limits); `"last"`: it ends `seconds` after the latest
   * event (it is forgotten only after a quiet spell, for failures).
   */
  readonly from: "first" | "last";
}

/**
 * Windowed event counters, shared by every instance of the service. Keys may
 * be any text: stores keep a fixed-size digest of them, never the text, so
 * that a client's huge value costs no more than a short one; expired
 * counters are forgotten, and a store may bound how many it keeps.
 */
export interface CounterStore {
  /** Counts one event for each key at `now`; an expired window starts over. */
  add(keys: readonly string[], now: Date, window: CounterWindow): Promise<void>;
  /** The live counts of the keys at `now`; keys without one are absent. */
  read(keys: readonly string[], now: Date): Promise<ReadonlyMap<string, WindowCount>>;
  /** Forgets the keys. */
  clear(keys: readonly string[]): Promise<void>;
}

/**
 * A clock the tests control, for every layer's tests.
 *
 * @module
 */

import type { Clock } from "../../domain/ports.ts";

/** A clock that stands still until moved. */
export class FixedClock implements Clock {
  #time: number;

  /** Starts at the given instant. */
  constructor(iso: string) {
    this.#time = Date.parse(iso);
  }

  /** The current instant (a fresh Date each time). */
  now(): Date {
    return new Date(this.#time);
  }

  /** Moves to an instant. */
  set(iso: string): void {
    this.#time = Date.parse(iso);
  }

  /** Moves forward by some seconds. */
  advance(seconds: number): void {
    this.#time += seconds * 1000;
  }
}

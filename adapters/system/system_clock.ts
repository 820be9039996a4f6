/**
 * The real clock.
 *
 * @module
 */

import type { Clock } from "../../domain/ports.ts";

/** A clock that reads the system time. */
export class SystemClock implements Clock {
  /** The current instant. */
  now(): Date {
    return new Date();
  }
}

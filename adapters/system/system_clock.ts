/**
 * The real clock.
 *
 * @module
 */

import type { Clock } from "../../domain/ports.ts";
import { DEFAULT_TIME_ZONE } from "../../domain/time_zone.ts";

/** A clock that reads the system time, in the install's time zone. */
export class SystemClock implements Clock {
  /** The zone times are written in (default UTC). */
  readonly timeZone: string;

  /** A clock whose wall-clock times are in `timeZone`. */
  constructor(timeZone: string = DEFAULT_TIME_ZONE) {
    this.timeZone = timeZone;
  }

  /** The current instant. */
  now(): Date {
    return new Date();
  }
}

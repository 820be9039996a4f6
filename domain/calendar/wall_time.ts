/**
 * Wall-clock times of an install's time zone, as PHP's `strtotime` reads
 * them under `date_default_timezone_set($default_timezone)`: Vtiger stores
 * activity dates and times as local text (`2027-01-20`, `09:30`), and
 * computes with them in its zone, daylight saving time included.
 *
 * @module
 */

import { wallClockParts } from "../time_zone.ts";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** A date and time as Vtiger stores them: `YYYY-MM-DD` and `HH:MM[:SS]` (or `""`: midnight). */
export interface WallTime {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** `HH:MM`, `HH:MM:SS`, or `""`. */
  readonly time: string;
}

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds. */
function zoneOffset(epochMs: number, timeZone: string): number {
  const wall = wallClockParts(new Date(epochMs), timeZone);
  const asUtc = Date.UTC(
    Number(wall.year),
    Number(wall.month) - 1,
    Number(wall.day),
    Number(wall.hour),
    Number(wall.minute),
    Number(wall.second),
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant (milliseconds since the epoch) a wall time of the zone stands
 * for; `undefined` when the date or time is not one. A time skipped by a
 * daylight saving change reads as the time after it, as PHP reads it.
 */
export function wallTimeToEpoch(wall: WallTime, timeZone: string): number | undefined {
  const date = DATE.exec(wall.date);
  const time = wall.time === "" ? ["", "0", "0", "0"] : TIME.exec(wall.time);
  if (date === null || time === null) return undefined;
  const guess = Date.UTC(
    Number(date[1]),
    Number(date[2]) - 1,
    Number(date[3]),
    Number(time[1]),
    Number(time[2]),
    Number(time[3] ?? 0),
  );
  const first = guess - zoneOffset(guess, timeZone);
  const second = guess - zoneOffset(first, timeZone);
  return Math.max(first, second);
}

/** The day after a `YYYY-MM-DD` date. */
export function nextDay(date: string): string {
  const match = DATE.exec(date);
  if (match === null) return date;
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1));
  return next.toISOString().slice(0, 10);
}

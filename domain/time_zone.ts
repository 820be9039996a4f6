/**
 * Wall-clock times as Vtiger stores them: `YYYY-MM-DD HH:MM:SS` in the
 * install's time zone (`$default_timezone` of its `config.inc.php`), not in
 * UTC. Vtiger formats every time it writes (`createdtime`, `modifiedtime`,
 * ModTracker's `changedon`) with PHP's `date()` in that zone.
 *
 * @module
 */

/** The zone used when an install names none. */
export const DEFAULT_TIME_ZONE = "UTC";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the IANA zone name (`Asia/Tokyo`, `UTC`) is one this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** An instant as the zone's wall clock shows it, each part zero-padded (`month` "01" to "12"). */
export interface WallClockParts {
  /** Four digits. */
  readonly year: string;
  /** Two digits, from "01". */
  readonly month: string;
  /** Two digits, from "01". */
  readonly day: string;
  /** Two digits, "00" to "23". */
  readonly hour: string;
  /** Two digits. */
  readonly minute: string;
  /** Two digits. */
  readonly second: string;
}

/** The wall clock of the zone at that instant, truncated to the second. */
export function wallClockParts(date: Date, timeZone: string): WallClockParts {
  const parts = { year: "", month: "", day: "", hour: "", minute: "", second: "" };
  for (const part of formatterOf(timeZone).formatToParts(date)) {
    if (Object.hasOwn(parts, part.type)) parts[part.type as keyof WallClockParts] = part.value;
  }
  return parts;
}

/**
 * Formats an instant as `YYYY-MM-DD HH:MM:SS` on the wall clock of the zone
 * (UTC by default), truncated to the second as Vtiger stores it.
 */
export function formatDateTime(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (timeZone === DEFAULT_TIME_ZONE) return date.toISOString().slice(0, 19).replace("T", " ");
  const parts = wallClockParts(date, timeZone);
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * What Vtiger's save of a task or event (`Activity::save_module`) derives
 * from its start and end:
 *
 * - `duration_hours` / `duration_minutes`: from `date_start time_start` to
 *   `due_date time_end`, or, without an end time, to midnight after the due
 *   date (a task due on the 22nd lasts until the 23rd at 00:00), truncated
 *   to whole hours and minutes. F-RevoCRM adds two rules: a zero-length
 *   activity lasts 24 hours, and an all-day one 24 hours more.
 * - the reminder popup (`vtiger_activity_reminder_popup`): pending (status
 *   0) while the start lies ahead, done (1) once it has passed.
 *
 * Times are read in the install's time zone, as PHP's `strtotime` reads them.
 *
 * @module
 */

import { invalidFieldValue } from "../errors.ts";
import { nextDay, type WallTime, wallTimeToEpoch } from "./wall_time.ts";

/** The stored start and end of an activity. */
export interface ActivityTimes {
  /** `date_start`. */
  readonly dateStart: string;
  /** `time_start` (`""` when none). */
  readonly timeStart: string;
  /** `due_date`. */
  readonly dueDate: string;
  /** `time_end` (`""` when none, as tasks have). */
  readonly timeEnd: string;
}

/** The install's rules for durations. */
export interface DurationRules {
  /** The install's time zone (`$default_timezone`), an IANA name. */
  readonly timeZone: string;
  /** F-RevoCRM: a zero-length activity lasts 24 hours. */
  readonly zeroLastsADay: boolean;
  /** F-RevoCRM: the activity is an all-day one (`allday = 1`): 24 hours more. */
  readonly allDay: boolean;
}

/** Whole hours and the minutes after them. */
export interface Duration {
  /** `duration_hours`. */
  readonly hours: number;
  /** `duration_minutes`. */
  readonly minutes: number;
}

const SECONDS_PER_HOUR = 3600;

function startOf(times: ActivityTimes): WallTime {
  return { date: times.dateStart, time: times.timeStart };
}

function endOf(times: ActivityTimes): WallTime {
  return times.timeEnd === ""
    ? { date: nextDay(times.dueDate), time: "00:00:00" }
    : { date: times.dueDate, time: times.timeEnd };
}

function seconds(wall: WallTime, timeZone: string): number {
  return Math.trunc((wallTimeToEpoch(wall, timeZone) ?? 0) / 1000);
}

/** The duration Vtiger stores for an activity (module doc). */
export function activityDuration(times: ActivityTimes, rules: DurationRules): Duration {
  const span = seconds(endOf(times), rules.timeZone) - seconds(startOf(times), rules.timeZone);
  if (span === 0 && rules.zeroLastsADay) return { hours: 24, minutes: 0 };
  const hours = Math.trunc(span / SECONDS_PER_HOUR) + (rules.allDay ? 24 : 0);
  const minutes = Math.trunc((span % SECONDS_PER_HOUR) / 60);
  return { hours, minutes };
}

/**
 * Refuses an activity that ends before it starts (Vtiger's edit view checks
 * `due_date` ≥ `date_start`, and an event's end after its start; its
 * webservice would store a negative duration).
 */
export function requireEndAfterStart(times: ActivityTimes, timeZone: string): void {
  const start = wallTimeToEpoch(startOf(times), timeZone);
  const end = times.timeEnd === ""
    ? wallTimeToEpoch({ date: times.dueDate, time: "" }, timeZone)
    : wallTimeToEpoch(endOf(times), timeZone);
  const startDay = wallTimeToEpoch({ date: times.dateStart, time: "" }, timeZone);
  if (start === undefined || end === undefined || startDay === undefined) return;
  if (times.timeEnd === "" ? end < startDay : end < start) {
    const field = times.dueDate < times.dateStart ? "due_date" : "time_end";
    const ends = `${times.dueDate} ${times.timeEnd}`.trim();
    const starts = `${times.dateStart} ${times.timeStart}`.trim();
    throw invalidFieldValue(field, `The activity ends (${ends}) before it starts (${starts})`);
  }
}

/**
 * The reminder popup's status for an activity starting at `times`, `now`:
 * 0 while the start lies ahead, 1 once it has passed.
 */
export function reminderPopupStatus(times: ActivityTimes, now: Date, timeZone: string): 0 | 1 {
  const start = wallTimeToEpoch(startOf(times), timeZone);
  return start !== undefined && start > now.getTime() ? 0 : 1;
}

/**
 * Durations and reminder popups of tasks and events, against the
 * `calendar_task_event` recording (F-RevoCRM, Asia/Tokyo) and hand-made cases.
 */

import assert from "node:assert/strict";
import {
  activityDuration,
  type ActivityTimes,
  type DurationRules,
  reminderPopupStatus,
  requireEndAfterStart,
} from "../../../domain/calendar/activity_times.ts";
import { wallTimeToEpoch } from "../../../domain/calendar/wall_time.ts";
import { isKnownTimeZone } from "../../../domain/time_zone.ts";
import { throwsDomainError } from "../_assert_error.ts";

const TOKYO: DurationRules = { timeZone: "Asia/Tokyo", zeroLastsADay: true, allDay: false };
const PLAIN: DurationRules = { timeZone: "UTC", zeroLastsADay: false, allDay: false };

function times(dateStart: string, timeStart: string, dueDate: string, timeEnd = ""): ActivityTimes {
  return { dateStart, timeStart, dueDate, timeEnd };
}

Deno.test("the recording's durations: a task without end time lasts until midnight after its due date", () => {
  assert.deepEqual(activityDuration(times("2027-01-20", "09:30", "2027-01-22"), TOKYO), {
    hours: 62,
    minutes: 30,
  });
  assert.deepEqual(activityDuration(times("2027-01-20", "09:30", "2027-01-25"), TOKYO), {
    hours: 134,
    minutes: 30,
  });
  assert.deepEqual(activityDuration(times("2027-01-21", "14:00", "2027-01-21", "15:30"), TOKYO), {
    hours: 1,
    minutes: 30,
  });
  assert.deepEqual(
    activityDuration(times("2027-01-21", "14:30:00", "2027-01-21", "16:00:00"), TOKYO),
    { hours: 1, minutes: 30 },
  );
});

Deno.test("F-RevoCRM's rules: zero length lasts a day, all-day adds a day; Vtiger's do not", () => {
  const zero = times("2027-01-21", "10:00", "2027-01-21", "10:00");
  assert.deepEqual(activityDuration(zero, TOKYO), { hours: 24, minutes: 0 });
  assert.deepEqual(activityDuration(zero, PLAIN), { hours: 0, minutes: 0 });
  const day = times("2027-01-21", "00:00", "2027-01-21", "23:59");
  assert.deepEqual(activityDuration(day, { ...TOKYO, allDay: true }), { hours: 47, minutes: 59 });
});

Deno.test("durations count real time across a daylight saving change", () => {
  const paris: DurationRules = { timeZone: "Europe/Paris", zeroLastsADay: false, allDay: false };
  // 2027-03-28: clocks go from 02:00 to 03:00 in Paris.
  assert.deepEqual(activityDuration(times("2027-03-28", "01:00", "2027-03-28", "04:00"), paris), {
    hours: 2,
    minutes: 0,
  });
  assert.deepEqual(activityDuration(times("2027-03-28", "01:00", "2027-03-28", "04:00"), PLAIN), {
    hours: 3,
    minutes: 0,
  });
});

Deno.test("an activity that ends before it starts is refused", () => {
  requireEndAfterStart(times("2027-01-20", "09:30", "2027-01-20"), "UTC");
  requireEndAfterStart(times("2027-01-20", "09:30", "2027-01-20", "09:30"), "UTC");
  throwsDomainError(
    () => requireEndAfterStart(times("2027-01-20", "09:30", "2027-01-19"), "UTC"),
    "INVALID_FIELD_VALUE",
    "The activity ends (2027-01-19) before it starts (2027-01-20 09:30)",
  );
  const error = throwsDomainError(
    () => requireEndAfterStart(times("2027-01-20", "09:30", "2027-01-20", "09:00"), "UTC"),
    "INVALID_FIELD_VALUE",
    "ends (2027-01-20 09:00) before it starts",
  );
  assert.deepEqual(error.details.fields, ["time_end"]);
});

Deno.test("the reminder popup is pending while the start lies ahead in the install's zone", () => {
  const start = times("2027-01-21", "14:00", "2027-01-21", "15:30");
  // 14:00 in Tokyo is 05:00 UTC.
  assert.equal(reminderPopupStatus(start, new Date("2027-01-21T04:59:59Z"), "Asia/Tokyo"), 0);
  assert.equal(reminderPopupStatus(start, new Date("2027-01-21T05:00:00Z"), "Asia/Tokyo"), 1);
  assert.equal(reminderPopupStatus(start, new Date("2027-01-21T13:00:00Z"), "UTC"), 0);
  assert.equal(reminderPopupStatus(start, new Date("2027-01-21T14:00:01Z"), "UTC"), 1);
});

Deno.test("wall times: zones, bad input", () => {
  assert.equal(isKnownTimeZone("Asia/Tokyo"), true);
  assert.equal(isKnownTimeZone("Mars/Olympus"), false);
  assert.equal(
    wallTimeToEpoch({ date: "2027-01-21", time: "14:00" }, "Asia/Tokyo"),
    Date.parse("2027-01-21T05:00:00Z"),
  );
  assert.equal(wallTimeToEpoch({ date: "2027-1-21", time: "" }, "UTC"), undefined);
  assert.equal(wallTimeToEpoch({ date: "2027-01-21", time: "noon" }, "UTC"), undefined);
});

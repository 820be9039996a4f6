/**
 * Reading recurring events as Vtiger's edit view stores them, and refusing to
 * write a series as Vtiger's webservice cannot make one.
 */

import assert from "node:assert/strict";
import {
  isRecurring,
  recurrenceView,
  refuseRecurringWrite,
} from "../../../domain/calendar/recurrence.ts";
import { throwsDomainError } from "../_assert_error.ts";

Deno.test("a weekly rule on two days, with its series", () => {
  const view = recurrenceView({
    recurringtype: "Weekly",
    recurringfreq: "2",
    recurringinfo: "Weekly::1::3",
    recurringdate: "2027-01-04",
    recurringenddate: "2027-03-01",
  }, [47, 45, 46]);
  assert.deepEqual(view, {
    type: "Weekly",
    frequency: "2",
    start: "2027-01-04",
    until: "2027-03-01",
    days: ["1", "3"],
    monthlyBy: "",
    monthDay: "",
    monthWeek: "",
    series: ["45", "46", "47"],
  });
});

Deno.test("monthly rules by date and by weekday; a daily rule without an end", () => {
  const byDate = recurrenceView({
    recurringtype: "Monthly",
    recurringfreq: "1",
    recurringinfo: "Monthly::date::15",
    recurringdate: "2027-01-15",
    recurringenddate: null,
  }, []);
  assert.equal(byDate.monthlyBy, "date");
  assert.equal(byDate.monthDay, "15");
  assert.equal(byDate.until, "");
  const byDay = recurrenceView({
    recurringtype: "Monthly",
    recurringfreq: "1",
    recurringinfo: "Monthly::day::last::5",
    recurringdate: "2027-01-29",
    recurringenddate: "2027-12-31",
  }, []);
  assert.deepEqual([byDay.monthlyBy, byDay.monthWeek, byDay.days], ["day", "last", ["5"]]);
  const daily = recurrenceView({
    recurringtype: "Daily",
    recurringfreq: null,
    recurringinfo: "Daily",
    recurringdate: "2027-01-01",
    recurringenddate: null,
  }, [9]);
  assert.deepEqual([daily.frequency, daily.days, daily.series], ["1", [], ["9"]]);
});

Deno.test("writing a recurrence is refused with the reason; none is accepted", () => {
  assert.equal(isRecurring("--None--"), false);
  assert.equal(isRecurring(""), false);
  assert.equal(isRecurring("Weekly"), true);
  refuseRecurringWrite({ recurringtype: "--None--" });
  refuseRecurringWrite({ subject: "x" });
  throwsDomainError(
    () => refuseRecurringWrite({ recurringtype: "Weekly" }),
    "INVALID_FIELD_VALUE",
    "creates no occurrences of a recurring event",
  );
});

/**
 * Recurring events as Vtiger keeps them: the rule in `vtiger_recurringevents`
 * (`recurringtype`, `recurringfreq`, `recurringinfo` such as
 * `Weekly::1::3` or `Monthly::day::first::1`, the start and the end date), and
 * the series in `vtiger_activity_recurring_info` (one event per occurrence,
 * each linked to the first). Vtiger's edit view writes them; its webservice
 * never does (it stores `recurringtype` on the event and creates no
 * occurrence), so this service reads them and refuses to write a series.
 *
 * @module
 */

import { excerpt } from "../excerpt.ts";
import { invalidFieldValue } from "../errors.ts";

/** The stored rule of a recurring event (one `vtiger_recurringevents` row). */
export interface RecurrenceRow {
  /** `recurringtype`: `Daily`, `Weekly`, `Monthly`, `Yearly`. */
  readonly recurringtype: string | null;
  /** `recurringfreq`: every how many days, weeks, months or years. */
  readonly recurringfreq: string | null;
  /** `recurringinfo`. */
  readonly recurringinfo: string | null;
  /** `recurringdate`: the first occurrence's date. */
  readonly recurringdate: string | null;
  /** `recurringenddate`: the last date an occurrence may fall on (`null` when unset). */
  readonly recurringenddate: string | null;
}

/** A recurrence as the protocol returns it with the event (every value text). */
export interface RecurrenceView {
  /** `Daily`, `Weekly`, `Monthly` or `Yearly`. */
  readonly type: string;
  /** Every how many periods. */
  readonly frequency: string;
  /** The first occurrence's date. */
  readonly start: string;
  /** The last date an occurrence may fall on (`""` when open). */
  readonly until: string;
  /** Weekly: the days of the week as Vtiger numbers them; monthly by day: the one day. */
  readonly days: readonly string[];
  /** Monthly: `date` (a day of the month) or `day` (a weekday of a week). */
  readonly monthlyBy: string;
  /** Monthly by date: the day of the month. */
  readonly monthDay: string;
  /** Monthly by day: `first` or `last`. */
  readonly monthWeek: string;
  /** The ids of the events of the series, the first included, in id order. */
  readonly series: readonly string[];
}

/** The values of `recurringtype` that mean "does not repeat". */
const NOT_RECURRING: ReadonlySet<string> = new Set(["", "--None--"]);

/** Whether a `recurringtype` value makes an event repeat. */
export function isRecurring(recurringType: string | null | undefined): boolean {
  return !NOT_RECURRING.has((recurringType ?? "").trim());
}

/** The recurrence of an event from its stored rule and the ids of its series. */
export function recurrenceView(row: RecurrenceRow, series: readonly number[]): RecurrenceView {
  const type = row.recurringtype ?? "";
  const parts = (row.recurringinfo ?? "").split("::");
  const monthlyBy = type === "Monthly" ? parts[1] ?? "" : "";
  return {
    type,
    frequency: row.recurringfreq ?? "1",
    start: row.recurringdate ?? "",
    until: row.recurringenddate ?? "",
    days: type === "Weekly"
      ? parts.slice(1).filter((day) => day !== "")
      : monthlyBy === "day" && parts[3] !== undefined
      ? [parts[3]]
      : [],
    monthlyBy,
    monthDay: monthlyBy === "date" ? parts[2] ?? "" : "",
    monthWeek: monthlyBy === "day" ? parts[2] ?? "" : "",
    series: [...series].sort((a, b) => a - b).map(String),
  };
}

/**
 * Refuses a write that would make an event recur: Vtiger's webservice stores
 * the type but creates no occurrence, which leaves a "recurring" event with no
 * series; only Vtiger's edit view makes one.
 */
export function refuseRecurringWrite(values: Readonly<Record<string, string>>): void {
  const type = values.recurringtype;
  if (type !== undefined && isRecurring(type)) {
    throw invalidFieldValue(
      "recurringtype",
      `Field 'recurringtype' cannot be set to '${excerpt(type)}' here: Vtiger's webservice ` +
        "creates no occurrences of a recurring event (its edit view does), so this service " +
        "writes single events only; create the series in Vtiger",
    );
  }
}

/**
 * The rules of a task or event write that need no storage: a task's
 * `activitytype` is `Task`, an event's is anything else; a series cannot be
 * written (`recurrence.ts`); an activity does not end before it starts.
 *
 * @module
 */

import { excerpt } from "../excerpt.ts";
import { invalidFieldValue } from "../errors.ts";
import { requireEndAfterStart } from "./activity_times.ts";
import { refuseRecurringWrite } from "./recurrence.ts";

/** The `activitytype` of Calendar's tasks. */
export const TASK_TYPE = "Task";

/** The module whose records are tasks. */
export const TASKS_MODULE = "Calendar";

/** The module whose records are events (stored under setype Calendar too). */
export const EVENTS_MODULE = "Events";

/**
 * Checks the values of a task or event write and returns them. `before`
 * holds the stored values on an update (the check of start and end runs on
 * the record as it will be, when the write changes a date or time). A task's
 * `activitytype` is set by the storage's create.
 */
export function activityWriteValues(
  moduleName: string,
  values: Readonly<Record<string, string>>,
  before: Readonly<Record<string, string | null>> | undefined,
): Record<string, string> {
  const result = { ...values };
  const type = values.activitytype?.trim();
  if (moduleName === TASKS_MODULE) {
    if (type !== undefined && type !== "" && type !== TASK_TYPE) {
      throw invalidFieldValue(
        "activitytype",
        `Calendar holds tasks (activitytype ${TASK_TYPE}), not '${excerpt(type)}': ` +
          "create other activities through Events",
      );
    }
    // `Task` is no value of the activitytype picklist: the storage writes it for every task.
    delete result.activitytype;
  } else if (type === TASK_TYPE) {
    throw invalidFieldValue("activitytype", "Tasks are created through Calendar, not Events");
  }
  refuseRecurringWrite(values);
  const value = (name: string): string => result[name] ?? before?.[name] ?? "";
  const dateStart = value("date_start").slice(0, 10);
  const dueDate = value("due_date").slice(0, 10);
  const timesGiven = ["date_start", "time_start", "due_date", "time_end"].some((name) =>
    Object.hasOwn(values, name)
  );
  if (timesGiven && dateStart !== "" && dueDate !== "") {
    requireEndAfterStart({
      dateStart,
      timeStart: value("time_start") || value("date_start").slice(11),
      dueDate,
      timeEnd: value("time_end"),
    }, "UTC");
  }
  return result;
}

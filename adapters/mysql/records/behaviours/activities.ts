/**
 * Tasks (Calendar) and Events, as Vtiger's `Activity::save_module` saves
 * them after the record's rows (the contact and parent links are the
 * generic relation rows; the reminder of an event is the generic
 * `vtiger_activity_reminder` row, replaced only when a write names it):
 *
 * - `duration_hours` / `duration_minutes` computed from the start and end
 *   (`domain/calendar/activity_times.ts`), whatever the client sent;
 * - the owner in `vtiger_salesmanactivityrel` (rewritten on every save),
 *   with an event's invitees (`vtiger_invitees`, from `invitees`) on Vtiger;
 * - the reminder popup `vtiger_activity_reminder_popup`: added while the
 *   start lies ahead, kept in step with the start on every save;
 * - F-RevoCRM installs (`vtiger_activity.invitee_parentid`): the activity is
 *   its own invitation parent, and, as its last-action-date feature re-saves
 *   them, the related contacts, parent and their accounts get a new
 *   `modifiedtime`;
 * - a task's creation history lists the Events fields it has a value for;
 * - a delete removes the activity's reminder, recurrence rule and contact
 *   links (`Activity::unlinkDependencies`).
 *
 * @module
 */

import { sql } from "kysely";
import {
  activityDuration,
  type ActivityTimes,
  reminderPopupStatus,
} from "../../../../domain/calendar/activity_times.ts";
import {
  INVITED_STATUS,
  INVITEES_KEY,
  parseInvitees,
} from "../../../../domain/calendar/invitees.ts";
import { invalidFieldValue } from "../../../../domain/errors.ts";
import type { StoredRecord } from "../../../../domain/record.ts";
import { type RecordRow, toText } from "../record_select.ts";
import { copyHeadersOf } from "./header_copy.ts";
import type {
  ChangedRecord,
  CreatedRecord,
  ModuleWriteBehaviour,
  WriteScene,
} from "../write_behaviour.ts";

/** The module Vtiger names in an activity's reminder popup, tasks and events alike. */
const POPUP_MODULE = "Calendar";

/** The modules whose parent of an activity F-RevoCRM re-saves (and whose accounts). */
const RESAVED_PARENTS: ReadonlySet<string> = new Set(["Accounts", "Leads", "Potentials"]);

function text(record: StoredRecord, name: string): string {
  return record.values[name] ?? "";
}

function timesOf(record: StoredRecord): ActivityTimes {
  return {
    dateStart: text(record, "date_start").slice(0, 10),
    timeStart: text(record, "time_start"),
    dueDate: text(record, "due_date").slice(0, 10),
    timeEnd: text(record, "time_end"),
  };
}

/** The columns of `vtiger_activity` this install has. */
function activityColumns(scene: WriteScene): ReadonlySet<string> {
  const table = scene.storage.tables.find((candidate) =>
    candidate.name === scene.storage.module.baseTable
  );
  return new Set(table?.info.columns.keys() ?? []);
}

/** Whether this is an F-RevoCRM install (its invitation and all-day columns). */
function isFork(scene: WriteScene): boolean {
  return activityColumns(scene).has("invitee_parentid");
}

async function writeDuration(scene: WriteScene, id: number): Promise<void> {
  const allDay = activityColumns(scene).has("allday") ? sql`allday` : sql`0`;
  const stored = await sql<Record<string, string | number | null>>`
    SELECT date_start, time_start, due_date, time_end, ${allDay} AS allday
    FROM vtiger_activity WHERE activityid = ${id}`.execute(scene.trx);
  const times = stored.rows[0];
  if (times === undefined) return;
  const duration = activityDuration({
    dateStart: String(times.date_start ?? "").slice(0, 10),
    timeStart: String(times.time_start ?? ""),
    dueDate: String(times.due_date ?? "").slice(0, 10),
    timeEnd: String(times.time_end ?? ""),
  }, {
    timeZone: scene.timeZone,
    zeroLastsADay: isFork(scene),
    allDay: Number(times.allday ?? 0) === 1,
  });
  await sql`UPDATE vtiger_activity SET duration_hours = ${duration.hours},
    duration_minutes = ${duration.minutes} WHERE activityid = ${id}`.execute(scene.trx);
}

/**
 * The owner, when a user (not a group), in `vtiger_salesmanactivityrel`;
 * on Vtiger (not F-RevoCRM) the event's invitees too, as
 * `insertIntoSmActivityRel` adds them.
 */
async function writeSalesman(scene: WriteScene, id: number, owner: number): Promise<void> {
  await sql`DELETE FROM vtiger_salesmanactivityrel WHERE activityid = ${id}`.execute(scene.trx);
  await sql`INSERT INTO vtiger_salesmanactivityrel (smid, activityid)
    SELECT id, ${id} FROM vtiger_users WHERE id = ${owner}`.execute(scene.trx);
  if (isFork(scene)) return;
  await sql`INSERT INTO vtiger_salesmanactivityrel (smid, activityid)
    SELECT i.inviteeid, ${id} FROM vtiger_invitees i
    WHERE i.activityid = ${id} AND i.inviteeid <> ${owner}`.execute(scene.trx);
}

/**
 * The invitees a write names (`invitees`), as Vtiger's `insertIntoInviteeTable`
 * stores them: one `vtiger_invitees` row per user, status `sent`; an invitee
 * kept keeps the answer it gave. A write that does not name them leaves them.
 */
async function writeInvitees(scene: WriteScene, id: number): Promise<void> {
  const given = scene.extras.inputs?.[INVITEES_KEY];
  if (given === undefined) return;
  if (isFork(scene)) {
    throw invalidFieldValue(
      INVITEES_KEY,
      "F-RevoCRM invites users by copying the event into each one's calendar " +
        "(invitee_parentid), which this service does not do: invite them from F-RevoCRM",
    );
  }
  const invitees = parseInvitees(given);
  if (invitees.length > 0) {
    const active = await sql<{ id: number }>`
      SELECT id FROM vtiger_users WHERE id IN (${sql.join(invitees)})
      AND status = 'Active' AND deleted = 0`.execute(scene.trx);
    const found = new Set(active.rows.map((row) => Number(row.id)));
    const unknown = invitees.filter((invitee) => !found.has(invitee));
    if (unknown.length > 0) {
      throw invalidFieldValue(
        INVITEES_KEY,
        `Field '${INVITEES_KEY}' names no active user with id ${unknown.join(", ")}`,
      );
    }
  }
  await sql`DELETE FROM vtiger_invitees WHERE activityid = ${id}${
    invitees.length === 0 ? sql`` : sql` AND inviteeid NOT IN (${sql.join(invitees)})`
  }`.execute(scene.trx);
  for (const invitee of invitees) {
    await sql`INSERT IGNORE INTO vtiger_invitees (activityid, inviteeid, status)
      VALUES (${id}, ${invitee}, ${INVITED_STATUS})`.execute(scene.trx);
  }
}

/** The reminder popup, as `insertIntoActivityReminderPopup` keeps it. */
async function writeReminderPopup(scene: WriteScene, record: StoredRecord): Promise<void> {
  const times = timesOf(record);
  const status = reminderPopupStatus(times, scene.context.now, scene.timeZone);
  const existing = await sql<{ reminderid: number }>`
    SELECT reminderid FROM vtiger_activity_reminder_popup WHERE recordid = ${record.id}
    ORDER BY reminderid LIMIT 1`.execute(scene.trx);
  const reminder = existing.rows[0]?.reminderid;
  if (reminder !== undefined) {
    await sql`UPDATE vtiger_activity_reminder_popup SET status = ${status},
      date_start = ${times.dateStart}, time_start = ${times.timeStart}
      WHERE reminderid = ${reminder}`.execute(scene.trx);
  } else if (status === 0) {
    await sql`INSERT INTO vtiger_activity_reminder_popup
      (recordid, semodule, date_start, time_start, status)
      VALUES (${record.id}, ${POPUP_MODULE}, ${times.dateStart}, ${times.timeStart}, 0)`
      .execute(scene.trx);
  }
}

/**
 * F-RevoCRM's last-action-date update re-saves the activity's contacts, its
 * Lead, Potential or Account parent, and their accounts: only their
 * `vtiger_crmentity` row changes (modified time and modifier).
 */
async function touchRelated(scene: WriteScene, id: number): Promise<void> {
  const accounts = await scene.storageOf("Accounts");
  if (!accounts?.tables.some((table) => table.info.columns.has("last_action_date"))) return;
  const related = await sql<{ crmid: number }>`
    SELECT c.contactid AS crmid FROM vtiger_cntactivityrel c WHERE c.activityid = ${id}
    UNION SELECT d.accountid FROM vtiger_cntactivityrel c
      INNER JOIN vtiger_contactdetails d ON d.contactid = c.contactid
      WHERE c.activityid = ${id} AND d.accountid > 0
    UNION SELECT s.crmid FROM vtiger_seactivityrel s
      INNER JOIN vtiger_crmentity e ON e.crmid = s.crmid
      WHERE s.activityid = ${id} AND e.setype IN (${sql.join([...RESAVED_PARENTS])})
    UNION SELECT p.related_to FROM vtiger_seactivityrel s
      INNER JOIN vtiger_potential p ON p.potentialid = s.crmid
      WHERE s.activityid = ${id} AND p.related_to > 0`.execute(scene.trx);
  const ids = related.rows.map((row) => Number(row.crmid)).filter((crmid) => crmid > 0);
  if (ids.length === 0) return;
  await sql`UPDATE vtiger_crmentity SET modifiedtime = ${scene.now},
    modifiedby = ${scene.context.actorId}
    WHERE crmid IN (${sql.join(ids)}) AND deleted = 0`.execute(scene.trx);
  await copyHeadersOf(scene, ids);
}

async function afterSave(scene: WriteScene, id: number, row: RecordRow): Promise<void> {
  const record = (await sql<{ smownerid: number }>`
    SELECT smownerid FROM vtiger_crmentity WHERE crmid = ${id}`.execute(scene.trx)).rows[0];
  await writeDuration(scene, id);
  if (isFork(scene)) {
    await sql`UPDATE vtiger_activity SET invitee_parentid = ${id}
      WHERE activityid = ${id} AND (invitee_parentid IS NULL OR invitee_parentid = 0)`
      .execute(scene.trx);
  }
  await writeInvitees(scene, id);
  await writeSalesman(scene, id, Number(record?.smownerid ?? 0));
  await writeReminderPopup(scene, row.record);
  if (isFork(scene)) await touchRelated(scene, id);
}

/**
 * A task's creation history also lists the Events fields it has a value for
 * (F-RevoCRM's `creator`), as Vtiger's ModTracker loads Calendar's fields from
 * both its tabs (9 and 16). Only columns of the task's own record tables.
 */
async function taskCreationHistory(
  scene: WriteScene,
  id: number,
): Promise<Array<[string, string | null]>> {
  if (scene.storage.activityKind !== "task") return [];
  const events = await scene.storageOf("Events");
  if (events === undefined) return [];
  const own = new Set(scene.storage.module.fields.map((field) => field.name));
  const tables = new Map(
    scene.storage.tables.filter((table) => table.singleRow).map((table) => [table.name, table]),
  );
  const byTable = new Map<string, Array<{ name: string; column: string }>>();
  for (const field of events.module.fields) {
    const table = tables.get(field.table);
    if (own.has(field.name) || table === undefined || !table.info.columns.has(field.column)) {
      continue;
    }
    byTable.set(field.table, [...(byTable.get(field.table) ?? []), field]);
  }
  const values: Array<[string, string | null]> = [];
  for (const [name, fields] of byTable) {
    const table = tables.get(name)!;
    const found = await sql<Record<string, unknown>>`SELECT ${
      sql.join(fields.map((field, index) => sql`${sql.id(field.column)} AS ${sql.id(`f${index}`)}`))
    } FROM ${sql.table(name)} WHERE ${sql.id(table.idColumn)} = ${id}`.execute(scene.trx);
    const row = found.rows[0];
    if (row === undefined) continue;
    fields.forEach((field, index) => values.push([field.name, toText(row[`f${index}`])]));
  }
  return values;
}

/** The rules of tasks and events. */
export const ACTIVITY_SAVE: ModuleWriteBehaviour = {
  name: "activity save",
  afterCreate: (scene: WriteScene, created: CreatedRecord) =>
    afterSave(scene, created.id, created.row),
  afterUpdate: (scene: WriteScene, changed: ChangedRecord) =>
    afterSave(scene, changed.id, changed.after),
  creationHistory: taskCreationHistory,
  // Activity::unlinkDependencies: the reminder, the recurrence rule, the contact links.
  afterDelete: async (scene: WriteScene, deleted: RecordRow) => {
    const id = deleted.record.id;
    await sql`DELETE FROM vtiger_activity_reminder WHERE activity_id = ${id}`.execute(scene.trx);
    await sql`DELETE FROM vtiger_recurringevents WHERE activityid = ${id}`.execute(scene.trx);
    await sql`DELETE FROM vtiger_cntactivityrel WHERE activityid = ${id}`.execute(scene.trx);
  },
};

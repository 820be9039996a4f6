/**
 * Tasks and events through HTTP on a Vtiger 7.3.0 database: what Vtiger's
 * Activity save writes besides the record (durations, the owner's
 * salesman row, the reminder popup, the contact and parent links, an
 * event's reminder), criteria on a linked contact, updates, a recurring
 * event read, a series refused, and the contact links a delete removes.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { rows, scalar } from "../mysql_support.ts";
import { moduleTest } from "./_module_session.ts";

moduleTest("Calendar and Events: Vtiger's activity save (7.3.0)", async (t, s) => {
  const { api, database } = s;
  let account = 0;
  let contact = 0;
  let task = 0;
  let event = 0;
  const activity = async (id: number) =>
    (await rows<Record<string, unknown>>(
      database,
      sql`SELECT activitytype, date_start, time_start, due_date, time_end, duration_hours,
        duration_minutes, status, eventstatus FROM vtiger_activity WHERE activityid = ${id}`,
    ))[0];

  await t.step(
    "a task: its type, duration to midnight after the due date, links, popup",
    async () => {
      account = await api.create("Accounts", { accountname: "Calendrier Société" });
      contact = await api.create("Contacts", { lastname: "Dupré", account_id: String(account) });
      task = await api.create("Calendar", {
        subject: "Call back Hélène",
        date_start: "2027-01-20",
        time_start: "09:30",
        due_date: "2027-01-22",
        taskstatus: "Not Started",
        parent_id: String(account),
        contact_id: String(contact),
      });
      assert.deepEqual(await activity(task), {
        activitytype: "Task",
        date_start: "2027-01-20",
        time_start: "09:30",
        due_date: "2027-01-22",
        time_end: "",
        duration_hours: "62",
        duration_minutes: "30",
        status: "Not Started",
        eventstatus: "",
      });
      assert.deepEqual(
        await rows(
          database,
          sql`SELECT smid FROM vtiger_salesmanactivityrel WHERE activityid = ${task}`,
        ),
        [{ smid: 1 }],
      );
      assert.deepEqual(
        await rows(
          database,
          sql`SELECT semodule, date_start, time_start, status FROM vtiger_activity_reminder_popup
          WHERE recordid = ${task}`,
        ),
        [{ semodule: "Calendar", date_start: "2027-01-20", time_start: "09:30", status: 0 }],
      );
      assert.equal(
        await scalar(
          database,
          sql`SELECT crmid FROM vtiger_seactivityrel WHERE activityid = ${task}`,
        ),
        String(account),
      );
      assert.equal(
        await scalar(
          database,
          sql`SELECT contactid FROM vtiger_cntactivityrel WHERE activityid = ${task}`,
        ),
        String(contact),
      );
    },
  );

  await t.step(
    "an event: given duration recomputed, its reminder, history under Events",
    async () => {
      event = await api.create("Events", {
        subject: "Réunion kick-off",
        activitytype: "Meeting",
        eventstatus: "Planned",
        date_start: "2027-01-21",
        time_start: "14:00",
        due_date: "2027-01-21",
        time_end: "15:30",
        duration_hours: "5",
        reminder_time: "15",
        contact_id: String(contact),
        parent_id: String(account),
      });
      const row = await activity(event);
      assert.deepEqual([row.activitytype, row.duration_hours, row.duration_minutes, row.status], [
        "Meeting",
        "1",
        "30",
        null,
      ]);
      assert.deepEqual(
        await rows(
          database,
          sql`SELECT reminder_time, reminder_sent, recurringid FROM vtiger_activity_reminder
          WHERE activity_id = ${event}`,
        ),
        [{ reminder_time: 15, reminder_sent: 0, recurringid: 0 }],
      );
      assert.equal(
        await scalar(
          database,
          sql`SELECT module FROM vtiger_modtracker_basic WHERE crmid = ${event} AND status = 2`,
        ),
        "Events",
      );
      const history = await rows<{ fieldname: string; postvalue: string }>(
        database,
        sql`SELECT fieldname, postvalue FROM vtiger_modtracker_detail d
        INNER JOIN vtiger_modtracker_basic b ON b.id = d.id
        WHERE b.crmid = ${event} AND d.fieldname IN ('duration_hours', 'record_module')
        ORDER BY fieldname`,
      );
      assert.deepEqual(history, [
        { fieldname: "duration_hours", postvalue: "1" },
        { fieldname: "record_module", postvalue: "Events" },
      ]);
    },
  );

  await t.step(
    "reads and lists: tasks and events apart, criteria on a linked contact",
    async () => {
      const read = await api.read("Events", event);
      assert.deepEqual([read.reminder_time, read.duration_minutes, read.contact_id], [
        "15",
        "30",
        String(contact),
      ]);
      assert.equal((await api.call(`Calendar/${event}`)).status, 404);
      const events = await api.list("Events", `contact_id:${contact}`);
      assert.deepEqual(events.map((record) => record.record_id), [String(event)]);
      const tasks = await api.list("Calendar", `contact_id:${contact}`);
      assert.deepEqual(tasks.map((record) => record.record_id), [String(task)]);
    },
  );

  await t.step(
    "updates: durations follow, the popup follows, an unnamed reminder stays",
    async () => {
      await api.update("Calendar", task, { taskstatus: "In Progress", due_date: "2027-01-25" });
      assert.deepEqual(
        [(await activity(task)).duration_hours, (await activity(task)).status],
        ["134", "In Progress"],
      );
      await api.update("Events", event, {
        eventstatus: "Held",
        time_start: "14:30",
        time_end: "16:15",
      });
      const row = await activity(event);
      assert.deepEqual([row.duration_hours, row.duration_minutes], ["1", "45"]);
      assert.equal(
        await scalar(
          database,
          sql`SELECT time_start FROM vtiger_activity_reminder_popup WHERE recordid = ${event}`,
        ),
        "14:30",
      );
      assert.equal(
        await scalar(
          database,
          sql`SELECT reminder_time FROM vtiger_activity_reminder WHERE activity_id = ${event}`,
        ),
        "15",
      );
      await api.update("Events", event, { reminder_time: "" });
      assert.equal(
        await scalar(
          database,
          sql`SELECT COUNT(*) FROM vtiger_activity_reminder WHERE activity_id = ${event}`,
        ),
        "0",
      );
    },
  );

  await t.step("invitees: vtiger_invitees and the salesman rows, kept unless named", async () => {
    await sql`INSERT INTO vtiger_users (id, user_name, last_name, status, deleted) VALUES
      (5, 'ann', 'Ann', 'Active', 0), (6, 'bob', 'Bob', 'Inactive', 0)`.execute(database.db);
    const invited = () =>
      rows(
        database,
        sql`SELECT inviteeid, status FROM vtiger_invitees WHERE activityid = ${event}
        ORDER BY inviteeid`,
      );
    const salesmen = async () =>
      (await rows<{ smid: number }>(
        database,
        sql`SELECT smid FROM vtiger_salesmanactivityrel WHERE activityid = ${event}
        ORDER BY smid`,
      )).map((row) => row.smid);
    await api.update("Events", event, { invitees: "5;19x1" });
    assert.deepEqual(await invited(), [
      { inviteeid: 1, status: "sent" },
      { inviteeid: 5, status: "sent" },
    ]);
    assert.deepEqual(await salesmen(), [1, 5]);
    assert.deepEqual((await api.read("Events", event)).invitees, [
      { id: "1", status: "sent" },
      { id: "5", status: "sent" },
    ]);
    await sql`UPDATE vtiger_invitees SET status = 'accepted'
      WHERE activityid = ${event} AND inviteeid = 5`.execute(database.db);
    await api.update("Events", event, { invitees: "5" });
    assert.deepEqual(await invited(), [{ inviteeid: 5, status: "accepted" }]);
    await api.update("Events", event, { subject: "Réunion kick-off (2)" });
    assert.deepEqual(await invited(), [{ inviteeid: 5, status: "accepted" }]);
    assert.deepEqual(await salesmen(), [1, 5]);
    for (const invitees of ["6", "bob", "9"]) {
      const { status, body } = await api.call(`Events/${event}`, {
        method: "PUT",
        body: JSON.stringify({ invitees }),
        headers: { "Content-Type": "application/json" },
      });
      assert.deepEqual([status, body.error?.code], [422, "INVALID_FIELD_VALUE"], invitees);
    }
    await api.update("Events", event, { invitees: "" });
    assert.deepEqual(await invited(), []);
    assert.deepEqual(await salesmen(), [1]);
  });

  await t.step("refusals: an end before the start, a series, a task's type on Events", async () => {
    const refused = async (
      path: string,
      method: string,
      body: Record<string, string>,
      pattern: RegExp,
    ) => {
      const { status, body: envelope } = await api.call(path, {
        method,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      assert.equal(status, 422, JSON.stringify(envelope));
      assert.match(envelope.error?.message ?? "", pattern);
    };
    await refused(
      `Events/${event}`,
      "PUT",
      { time_end: "10:00" },
      /ends \(2027-01-21 10:00\) before it starts/,
    );
    await refused(`Events/${event}`, "PUT", { recurringtype: "Weekly" }, /creates no occurrences/);
    await refused("Events", "POST", {
      subject: "x",
      activitytype: "Task",
      eventstatus: "Planned",
      date_start: "2027-01-21",
      time_start: "10:00",
      due_date: "2027-01-21",
      time_end: "11:00",
    }, /Tasks are created through Calendar/);
  });

  await t.step(
    "a recurring event made by Vtiger's edit view is read with its rule and series",
    async () => {
      const copy = await api.create("Events", {
        subject: "Weekly review",
        activitytype: "Meeting",
        eventstatus: "Planned",
        date_start: "2027-02-01",
        time_start: "10:00",
        due_date: "2027-02-01",
        time_end: "11:00",
      });
      const next = await api.create("Events", {
        subject: "Weekly review",
        activitytype: "Meeting",
        eventstatus: "Planned",
        date_start: "2027-02-08",
        time_start: "10:00",
        due_date: "2027-02-08",
        time_end: "11:00",
      });
      await sql`UPDATE vtiger_activity SET recurringtype = 'Weekly' WHERE activityid IN (${copy}, ${next})`
        .execute(database.db);
      await sql`INSERT INTO vtiger_recurringevents
      (activityid, recurringdate, recurringtype, recurringfreq, recurringinfo, recurringenddate)
      VALUES (${copy}, '2027-02-01', 'Weekly', 1, 'Weekly::0', '2027-03-01')`.execute(database.db);
      await sql`INSERT INTO vtiger_activity_recurring_info VALUES (${copy}, ${copy}), (${copy}, ${next})`
        .execute(database.db);
      for (const id of [copy, next]) {
        const read = await api.read("Events", id);
        assert.equal(read.recurringtype, "Weekly");
        assert.deepEqual(read.recurrence, {
          type: "Weekly",
          frequency: "1",
          start: "2027-02-01",
          until: "2027-03-01",
          days: ["0"],
          monthlyBy: "",
          monthDay: "",
          monthWeek: "",
          series: [String(copy), String(next)],
        });
      }
      const single = await api.read("Events", event);
      assert.equal(single.recurrence, undefined);
    },
  );

  await t.step("delete: contact links and reminder go, the parent link stays", async () => {
    await api.remove("Calendar", task);
    assert.equal(
      await scalar(
        database,
        sql`SELECT COUNT(*) FROM vtiger_cntactivityrel WHERE activityid = ${task}`,
      ),
      "0",
    );
    assert.equal(
      await scalar(
        database,
        sql`SELECT COUNT(*) FROM vtiger_seactivityrel WHERE activityid = ${task}`,
      ),
      "1",
    );
    await api.remove("Events", event);
    assert.equal((await api.call(`Events/${event}`)).status, 404);
    const reminded = await api.create("Events", {
      subject: "Reminded",
      activitytype: "Call",
      eventstatus: "Planned",
      date_start: "2027-02-01",
      time_start: "10:00",
      due_date: "2027-02-01",
      time_end: "10:15",
      reminder_time: "5",
    });
    await api.remove("Events", reminded);
    assert.equal(
      await scalar(
        database,
        sql`SELECT COUNT(*) FROM vtiger_activity_reminder WHERE activity_id = ${reminded}`,
      ),
      "0",
      "Activity::unlinkDependencies removes the reminder",
    );
  });
});

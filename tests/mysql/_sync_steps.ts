/**
 * Sync on real Vtiger 7.1.0 and 7.3.0 databases: the changes after a time
 * read from vtiger_crmentity (deleted records included, as Vtiger's
 * `vtws_sync` reads them), paged on modified time, Calendar tasks apart from
 * Events.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import type { AdminSession } from "./mysql_support.ts";

/** The steps, on one database per Vtiger version shared with the other files' steps. */
export async function syncSteps(t: Deno.TestContext, session: AdminSession): Promise<void> {
  const { database, useCases, token } = session;
  const create = (module: string, values: Record<string, string>) =>
    useCases.createRecord.execute({ token, module, values });
  const setTime = (id: number, time: string) =>
    sql`UPDATE vtiger_crmentity SET modifiedtime = ${time} WHERE crmid = ${id}`
      .execute(database.db);

  const a = await create("Accounts", { accountname: "Sync A" });
  const b = await create("Accounts", { accountname: "Sync B" });
  const c = await create("Accounts", { accountname: "Sync C" });
  await setTime(a, "2030-01-01 00:00:01");
  await setTime(b, "2030-01-01 00:00:02");
  await setTime(c, "2030-01-01 00:00:02");

  await t.step("pages end on a modified time; the tie comes whole", async () => {
    const first = await useCases.syncRecords.execute({
      token,
      module: "Accounts",
      since: "2030-01-01 00:00:00",
      length: 2,
    });
    assert.deepEqual(first.updated.map((record) => Number(record.record_id)), [a]);
    assert.equal(first.lastModifiedTime, "2030-01-01 00:00:01");
    assert.equal(first.more, true);
    const second = await useCases.syncRecords.execute({
      token,
      module: "Accounts",
      since: first.lastModifiedTime,
      length: 1,
    });
    assert.deepEqual(second.updated.map((record) => Number(record.record_id)), [b, c]);
    assert.equal(second.more, false);
    assert.equal(second.updated[0].accountname, "Sync B");
  });

  await t.step("a deletion is reported by id, once", async () => {
    await useCases.deleteRecord.execute({ token, module: "Accounts", id: b });
    await setTime(b, "2030-01-01 00:00:03");
    const page = await useCases.syncRecords.execute({
      token,
      module: "Accounts",
      since: "2030-01-01 00:00:02",
    });
    assert.deepEqual(page.updated, []);
    assert.deepEqual(page.deleted, [String(b)]);
    assert.equal(page.lastModifiedTime, "2030-01-01 00:00:03");
  });

  await t.step("Calendar syncs tasks and Events the other activities", async () => {
    // time_start is mandatory for a task, as Vtiger's webservice says; the date's time part fills it.
    const task = await create("Calendar", {
      subject: "Call back",
      date_start: "2030-02-01 09:00",
      due_date: "2030-02-01",
      taskstatus: "Not Started",
    });
    const call = await create("Calendar", {
      subject: "A call",
      date_start: "2030-02-01 09:30",
      due_date: "2030-02-01",
      taskstatus: "Not Started",
    });
    // An activity of another type than Task is an event: Events syncs it, Calendar does not.
    await sql`UPDATE vtiger_activity SET activitytype = 'Call' WHERE activityid = ${call}`
      .execute(database.db);
    await setTime(task, "2030-02-01 10:00:00");
    await setTime(call, "2030-02-01 11:00:00");
    const calendar = await useCases.syncRecords.execute({
      token,
      module: "Calendar",
      since: "2030-01-31 00:00:00",
    });
    assert.deepEqual(calendar.updated.map((record) => Number(record.record_id)), [task]);
    const events = await useCases.syncRecords.execute({
      token,
      module: "Events",
      since: "2030-01-31 00:00:00",
    });
    assert.deepEqual(events.updated.map((record) => Number(record.record_id)), [call]);
  });
}

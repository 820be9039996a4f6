/**
 * Sync on the demo: pages of changes in modified-time order, deletions
 * included, ties kept together, and only what the caller may reach.
 */

import assert from "node:assert/strict";
import { demo, rejectsDomainError } from "./_support.ts";

Deno.test("sync", async (t) => {
  const { useCases, login, clock } = demo();
  let token = await login("admin");
  const sync = (since: string, length?: number, module = "Accounts", who = token) =>
    useCases.syncRecords.execute({ token: who, module, since, length });

  await t.step("from the start: both accounts, oldest change first", async () => {
    const page = await sync("2000-01-01 00:00:00");
    assert.deepEqual(page.updated.map((record) => record.record_id), ["24", "3"]);
    assert.deepEqual(page.deleted, []);
    assert.equal(page.lastModifiedTime, "2017-09-04 09:29:15");
    assert.equal(page.more, false);
    assert.equal(page.updated[1].accountname, "MEDIA 3+");
  });

  await t.step("paged: length 1 gives one change and more", async () => {
    const first = await sync("2000-01-01 00:00:00", 1);
    assert.deepEqual(first.updated.map((record) => record.record_id), ["24"]);
    assert.equal(first.more, true);
    const second = await sync(first.lastModifiedTime, 1);
    assert.deepEqual(second.updated.map((record) => record.record_id), ["3"]);
    assert.equal(second.more, false);
  });

  await t.step("after a create, an update and a delete: each once, deleted by id", async () => {
    clock.set("2020-01-01T10:00:00Z");
    token = await login("admin");
    const created = await useCases.createRecord.execute({
      token,
      module: "Accounts",
      values: { accountname: "Synced" },
    });
    clock.set("2020-01-01T10:00:05Z");
    await useCases.updateRecord.execute({
      token,
      module: "Accounts",
      id: 3,
      values: { website: "x.example" },
    });
    await useCases.deleteRecord.execute({ token, module: "Accounts", id: 24 });
    const page = await sync("2017-09-04 09:29:15");
    assert.deepEqual(page.updated.map((record) => record.record_id), [String(created), "3"]);
    assert.deepEqual(page.deleted, ["24"]);
    assert.equal(page.lastModifiedTime, "2020-01-01 10:00:05");
    const tie = await sync("2017-09-04 09:29:15", 2);
    // 3 and 24 share 10:00:05: cut before that second, which comes whole next.
    assert.deepEqual(tie.updated.map((record) => record.record_id), [String(created)]);
    assert.equal(tie.more, true);
    const rest = await sync(tie.lastModifiedTime, 1);
    assert.deepEqual(rest.updated.map((record) => record.record_id), ["3"]);
    assert.deepEqual(rest.deleted, ["24"]);
    assert.equal(rest.more, false);
  });

  await t.step("support syncs only the contacts they reach", async () => {
    const support = await login("support");
    const own = await useCases.listRecords.execute({ token: support, module: "Contacts" });
    const page = await sync("2000-01-01 00:00:00", 100, "Contacts", support);
    assert.deepEqual(
      page.updated.map((record) => record.record_id).sort(),
      own.map((record) => record.record_id).sort(),
    );
    await rejectsDomainError(sync("2000-01-01 00:00:00", 10, "Accounts", support), "ACCESS_DENIED");
  });

  await t.step("a bad time or length is INVALID_PARAMETER", async () => {
    await rejectsDomainError(sync("yesterday"), "INVALID_PARAMETER");
    await rejectsDomainError(sync("2020-01-01 00:00:00", 0), "INVALID_PARAMETER");
  });
});

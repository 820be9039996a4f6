/**
 * Deleting records: gone from reads, lists and references, tracked once, ids
 * never reused, and every error.
 */

import assert from "node:assert/strict";
import { adminDemo } from "./_admin_demo.ts";
import { rejectsDomainError } from "./_support.ts";

Deno.test("delete", async (t) => {
  await t.step("the record is gone from reads and lists, and the deletion is tracked", async () => {
    const { remove, get, list, ports } = await adminDemo("2017-09-05T09:00:00Z");
    assert.equal(await remove(24), true);
    await rejectsDomainError(get(24), "RECORD_NOT_FOUND", "Accounts record 24 does not exist");
    assert.deepEqual((await list()).map((r) => r.record_id), ["3"]);
    assert.deepEqual(await list("Accounts", "accountname:MEDIACRM"), []);
    assert.deepEqual(ports.records.history.map((e) => [e.crmid, e.status, e.whodid, e.changedon]), [
      [24, 1, 1, "2017-09-05 09:00:00"],
    ]);
  });

  await t.step("deleting twice: RECORD_NOT_FOUND, nothing more written", async () => {
    const { remove, ports } = await adminDemo();
    await remove(24);
    await rejectsDomainError(remove(24), "RECORD_NOT_FOUND", "Accounts record 24");
    assert.equal(ports.records.history.length, 1);
  });

  await t.step("a deleted record can no longer be referenced", async () => {
    const { remove, create } = await adminDemo();
    await remove(24);
    await rejectsDomainError(
      create({ firstname: "A", lastname: "B", account_id: "24" }, "Contacts"),
      "ACCESS_DENIED",
      "Field 'account_id' may only point to a record of Accounts that you may read; '24' is not one",
    );
  });

  await t.step("a created record can be deleted; ids are never reused", async () => {
    const { create, remove } = await adminDemo();
    assert.equal(await create({ accountname: "Short-lived" }), 25);
    assert.equal(await remove(25), true);
    assert.equal(await create({ accountname: "Next" }), 26);
  });

  await t.step("absent, other-module, bad id, unknown module", async () => {
    const { remove, ports } = await adminDemo();
    await rejectsDomainError(remove(999), "RECORD_NOT_FOUND");
    await rejectsDomainError(remove(10), "RECORD_NOT_FOUND", "Accounts record 10");
    await rejectsDomainError(remove("x"), "INVALID_PARAMETER");
    await rejectsDomainError(remove(3, "Potatoes"), "MODULE_NOT_FOUND");
    assert.equal(ports.records.history.length, 0);
  });
});

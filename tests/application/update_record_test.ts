/**
 * Updating records: the README's update, the history of changes, every error,
 * and nothing written after a failure.
 */

import assert from "node:assert/strict";
import { README_CREATE, README_UPDATE } from "../_fixtures/readme.ts";
import { adminDemo } from "./_admin_demo.ts";
import { rejectsDomainError } from "./_support.ts";

Deno.test("update", async (t) => {
  await t.step("the README's update of 25", async () => {
    const { clock, create, update, get, ports } = await adminDemo("2017-09-05T08:00:00Z");
    await create({ ...README_CREATE });
    clock.set("2017-09-05T08:30:00Z");
    assert.equal(await update(25, { ...README_UPDATE }), 25);
    const record = await get(25);
    assert.equal(record.accountname, "MediaToolBox2");
    assert.equal(record.email1, "info@mediatoolbox.fr");
    assert.equal(record.phone, "+33656896325", "other fields keep their values");
    assert.equal(record.account_no, "ACC3");
    assert.equal(record.createdtime, "2017-09-05 08:00:00");
    assert.equal(record.modifiedtime, "2017-09-05 08:30:00");

    assert.equal(ports.records.history.length, 2);
    const entry = ports.records.history[1];
    assert.equal(entry.crmid, 25);
    assert.equal(entry.status, 0);
    assert.equal(entry.whodid, 1);
    assert.equal(entry.changedon, "2017-09-05 08:30:00");
    assert.deepEqual(entry.details, [
      { fieldname: "accountname", prevalue: "MediaToolBox", postvalue: "MediaToolBox2" },
      {
        fieldname: "email1",
        prevalue: "contact@mediatoolbox.fr",
        postvalue: "info@mediatoolbox.fr",
      },
    ]);
  });

  await t.step("the label follows the name", async () => {
    const { create, update, list } = await adminDemo();
    await create({ ...README_CREATE });
    await update(25, { ...README_UPDATE });
    assert.deepEqual((await list("Accounts", "CE.label:MediaToolBox2")).map((r) => r.record_id), [
      "25",
    ]);
    assert.deepEqual(await list("Accounts", "CE.label:MediaToolBox"), []);
  });

  await t.step(
    "a README record: empty before, value after; unchanged values not tracked",
    async () => {
      const { update, get, ports } = await adminDemo();
      await update(3, {
        website: "www.media3.fr",
        bill_city: "Champs sur Marne",
        emailoptout: "yes",
      });
      assert.equal((await get(3)).website, "www.media3.fr");
      assert.equal((await get(3)).emailoptout, "1");
      assert.deepEqual(ports.records.history[0].details, [
        { fieldname: "website", prevalue: "", postvalue: "www.media3.fr" },
        { fieldname: "emailoptout", prevalue: "0", postvalue: "1" },
      ]);
    },
  );

  await t.step("an optional field may be emptied; the owner may change", async () => {
    const { update, get } = await adminDemo();
    await update(3, { bill_city: "", assigned_user_id: "5" });
    const record = await get(3);
    assert.equal(record.bill_city, "");
    assert.equal(record.assigned_user_id, "5");
  });

  await t.step("read-only and bad fields: INVALID_FIELD_VALUE, nothing written", async () => {
    const { update, get, ports } = await adminDemo();
    const before = await get(3);
    const cases: [Record<string, string>, string][] = [
      [{ account_no: "ACC9" }, "Field 'account_no' of module Accounts is read-only"],
      [{ modifiedtime: "2020-01-01 00:00:00" }, "'modifiedtime' of module Accounts is read-only"],
      [{ modifiedby: "5" }, "read-only"],
      [{ accountname: "" }, "Field 'accountname' is mandatory and cannot be empty"],
      [{ website: "www.ok.fr", email2: "nope" }, "'email2'"],
      [{ rating: "Great" }, "'rating'"],
      [{ account_id: "12" }, "'account_id'"],
      [{ assigned_user_id: "0" }, "Owner '0' is not an active user or a group"],
      [{ assigned_user_id: "000" }, "Owner '0' is not an active user or a group"],
    ];
    for (const [values, message] of cases) {
      await rejectsDomainError(update(3, values), "INVALID_FIELD_VALUE", message);
    }
    assert.deepEqual(await get(3), before);
    assert.equal(ports.records.history.length, 0);
  });

  await t.step("no values: INVALID_PARAMETER", async () => {
    const { update } = await adminDemo();
    await rejectsDomainError(
      update(3, {}),
      "INVALID_PARAMETER",
      "No field values were given to update Accounts record 3",
    );
  });

  await t.step("absent, deleted or other-module record: RECORD_NOT_FOUND", async () => {
    const { update, remove } = await adminDemo();
    await rejectsDomainError(update(999, { website: "x" }), "RECORD_NOT_FOUND", "record 999");
    await rejectsDomainError(
      update(10, { website: "x" }),
      "RECORD_NOT_FOUND",
      "Accounts record 10",
    );
    await remove(24);
    await rejectsDomainError(
      update(24, { website: "x" }),
      "RECORD_NOT_FOUND",
      "Accounts record 24 does not exist",
    );
  });

  await t.step("bad id: INVALID_PARAMETER; unknown module: MODULE_NOT_FOUND", async () => {
    const { update } = await adminDemo();
    await rejectsDomainError(update("abc", { website: "x" }), "INVALID_PARAMETER", "'abc'");
    await rejectsDomainError(update("0", { website: "x" }), "INVALID_PARAMETER");
    await rejectsDomainError(update(3, { website: "x" }, "Potatoes"), "MODULE_NOT_FOUND");
  });
});

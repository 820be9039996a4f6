/**
 * Creating records: the README's create, normalized values, every error, and
 * nothing written after a failure.
 */

import assert from "node:assert/strict";
import { README_CREATE } from "../_fixtures/readme.ts";
import { adminDemo } from "./_admin_demo.ts";
import { rejectsDomainError } from "./_support.ts";

Deno.test("create", async (t) => {
  await t.step("the README's create: id 25, number ACC3, then 26 and ACC4", async () => {
    const { create, get } = await adminDemo("2017-09-05T08:00:00Z");
    assert.equal(await create({ ...README_CREATE }), 25);
    const record = await get(25);
    assert.equal(record.accountname, "MediaToolBox");
    assert.equal(record.account_no, "ACC3");
    assert.equal(record.email1, "contact@mediatoolbox.fr");
    assert.equal(record.phone, "+33656896325");
    assert.equal(record.bill_street, "100 street beta test\r\nBat. B");
    assert.equal(record.bill_code, "34000");
    assert.equal(record.bill_city, "Montpellier");
    assert.equal(record.bill_country, "France");
    assert.equal(record.assigned_user_id, "1", "the owner defaults to the caller");
    assert.equal(record.createdtime, "2017-09-05 08:00:00");
    assert.equal(record.modifiedtime, "2017-09-05 08:00:00");
    assert.equal(record.modifiedby, "1");
    assert.equal(record.record_id, "25");
    assert.equal(record.ship_city, "");
    assert.equal(await create({ accountname: "Second" }), 26);
    assert.equal((await get(26)).account_no, "ACC4");
  });

  await t.step("fields left empty hold what Vtiger's save stores for them", async () => {
    const { create, get } = await adminDemo("2017-09-05T08:00:00Z");
    const record = await get(await create({ accountname: "Empty Fields", employees: "" }));
    assert.equal(record.employees, "0", "a number");
    assert.equal(record.account_id, "0", "a reference");
    assert.equal(record.emailoptout, "0", "a checkbox");
    assert.equal(record.website, "", "a text");
  });

  await t.step("the new record is listed, and its creation is in the history", async () => {
    const { create, list, ports } = await adminDemo("2017-09-05T08:00:00Z");
    await create({ ...README_CREATE });
    assert.deepEqual((await list()).map((r) => r.record_id), ["3", "24", "25"]);
    assert.equal(ports.records.history.length, 1);
    const entry = ports.records.history[0];
    assert.equal(entry.crmid, 25);
    assert.equal(entry.module, "Accounts");
    assert.equal(entry.whodid, 1);
    assert.equal(entry.status, 2);
    assert.equal(entry.changedon, "2017-09-05 08:00:00");
    const details = new Map(entry.details.map((d) => [d.fieldname, d]));
    assert.deepEqual(details.get("accountname"), {
      fieldname: "accountname",
      prevalue: null,
      postvalue: "MediaToolBox",
    });
    assert.equal(details.get("account_no")?.postvalue, "ACC3");
    assert.equal(details.get("email1")?.postvalue, "contact@mediatoolbox.fr");
    assert.equal(details.has("ship_city"), false, "empty values are not tracked");
  });

  await t.step("values are normalized before they are stored", async () => {
    const { create, get } = await adminDemo();
    const id = await create({
      accountname: "  Trimmed  ",
      emailoptout: "on",
      employees: "+12",
      annual_revenue: "1500.50",
    });
    const record = await get(id);
    assert.equal(record.accountname, "Trimmed");
    assert.equal(record.emailoptout, "1");
    assert.equal(record.employees, "12");
    assert.equal(record.annual_revenue, "1500.50");
  });

  await t.step("picklist values, references and owners that exist are accepted", async () => {
    const { create, get } = await adminDemo();
    const id = await create({
      accountname: "Linked",
      rating: "Active",
      accounttype: "Partner",
      account_id: "24",
      assigned_user_id: "20",
    });
    const record = await get(id);
    assert.equal(record.rating, "Active");
    assert.equal(record.account_id, "24");
    assert.equal(record.assigned_user_id, "20", "a group may own a record");
    const contact = await create(
      { firstname: "Grace", lastname: "Hopper", account_id: String(id), birthday: "1906-12-09" },
      "Contacts",
    );
    assert.equal(contact, id + 1);
    assert.equal((await get(contact, "Contacts")).contact_no, "CON4");
  });

  await t.step("missing mandatory fields: MANDATORY_FIELDS_MISSING naming them", async () => {
    const { create } = await adminDemo();
    const accounts = await rejectsDomainError(
      create({ phone: "0102030405" }),
      "MANDATORY_FIELDS_MISSING",
      "Mandatory fields of module Accounts are missing: accountname",
    );
    assert.deepEqual(accounts.details.fields, ["accountname"]);
    const contacts = await rejectsDomainError(
      create({ email: "a@b.fr" }, "Contacts"),
      "MANDATORY_FIELDS_MISSING",
      "missing: firstname, lastname",
    );
    assert.deepEqual(contacts.details.fields, ["firstname", "lastname"]);
  });

  await t.step("a mandatory field sent empty counts as missing", async () => {
    const { create } = await adminDemo();
    const error = await rejectsDomainError(
      create({ firstname: "", lastname: "  " }, "Contacts"),
      "MANDATORY_FIELDS_MISSING",
      "firstname, lastname",
    );
    assert.deepEqual(error.details.fields, ["firstname", "lastname"]);
  });

  await t.step("bad values: INVALID_FIELD_VALUE naming the field", async () => {
    const { create } = await adminDemo();
    const cases: [Record<string, string>, string, string][] = [
      [{ nosuch: "x" }, "nosuch", "Field 'nosuch' is not a field of module Accounts"],
      [{ email1: "not-an-email" }, "email1", "must be an e-mail address"],
      [{ employees: "many" }, "employees", "must be an integer"],
      [{ rating: "Great" }, "rating", "Value 'Great' is not a value of picklist 'rating'"],
      [{ accounttype: "customer" }, "accounttype", "'customer'"],
      [{ account_id: "10" }, "account_id", "of Accounts; '10' is a record of Contacts"],
      [{ assigned_user_id: "999" }, "assigned_user_id", "Owner '999' is not an active user"],
      [{ assigned_user_id: "7" }, "assigned_user_id", "Owner '7'"],
      [{ assigned_user_id: "0" }, "assigned_user_id", "Owner '0' is not an active user"],
      [{ account_no: "ACC99" }, "account_no", "read-only"],
      [{ createdtime: "2017-01-01 00:00:00" }, "createdtime", "read-only"],
      [{ campaignrelstatus: "--None--" }, "campaignrelstatus", "read-only"],
      [{ phone: "0".repeat(31) }, "phone", "at most 30 characters"],
    ];
    for (const [values, field, message] of cases) {
      const error = await rejectsDomainError(
        create({ accountname: "Bad", ...values }),
        "INVALID_FIELD_VALUE",
        message,
      );
      assert.deepEqual(error.details.fields, [field]);
    }
    const absent = await rejectsDomainError(
      create({ accountname: "Bad", account_id: "999" }),
      "ACCESS_DENIED",
      "Field 'account_id' may only point to a record of Accounts that you may read; '999' is not one",
    );
    assert.deepEqual(absent.details.fields, ["account_id"]);
    await rejectsDomainError(
      create({ firstname: "A", lastname: "B", birthday: "2017-02-30" }, "Contacts"),
      "INVALID_FIELD_VALUE",
      "'birthday'",
    );
  });

  await t.step("nothing is written after a failure; numbering does not move", async () => {
    const { create, list, ports, get } = await adminDemo();
    // Each create starts only when awaited, so no rejection is ever left unhandled.
    const failures = [
      () => create({ phone: "1" }),
      () => create({ accountname: "X", email1: "bad" }),
      () => create({ accountname: "X", rating: "Great" }),
      () => create({ accountname: "X", account_id: "999" }),
      () => create({ accountname: "X", nosuch: "1" }),
    ];
    for (const failure of failures) await assert.rejects(failure());
    assert.equal((await list()).length, 2);
    assert.equal(ports.records.history.length, 0);
    assert.equal(await create({ accountname: "After" }), 25);
    assert.equal((await get(25)).account_no, "ACC3");
  });

  await t.step("unknown module and bad token", async () => {
    const { create, useCases } = await adminDemo();
    await rejectsDomainError(create({ name: "x" }, "Potatoes"), "MODULE_NOT_FOUND");
    await rejectsDomainError(
      useCases.createRecord.execute({ token: undefined, module: "Accounts", values: {} }),
      "TOKEN_NOT_FOUND",
    );
  });
});

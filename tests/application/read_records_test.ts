/**
 * Listing and reading records: the README's answers exactly, paging, order,
 * criteria, and every error.
 */

import assert from "node:assert/strict";
import type { RecordView } from "../../domain/record.ts";
import {
  README_CRITERIA,
  README_LIST,
  README_LIST_CRITERIA,
  README_LIST_ORDERED,
  README_RECORD_3,
  readmeResult,
} from "../_fixtures/readme.ts";
import { demo, rejectsDomainError } from "./_support.ts";

const names = (records: RecordView[]) => records.map((record) => record.accountname);
const ids = (records: RecordView[]) => records.map((record) => record.record_id);

Deno.test("list records", async (t) => {
  await t.step("Accounts: the README's two accounts, exactly", async () => {
    const { useCases, login } = demo({ at: "2017-09-04T09:29:22Z" });
    const token = await login("admin");
    const result = await useCases.listRecords.execute({ token, module: "Accounts" });
    assert.equal(JSON.stringify(result), JSON.stringify(readmeResult(README_LIST)));
  });

  await t.step("every value is a string", async () => {
    const { useCases, login } = demo();
    const token = await login("admin");
    for (const record of await useCases.listRecords.execute({ token, module: "Accounts" })) {
      for (const value of Object.values(record)) assert.equal(typeof value, "string");
    }
  });

  await t.step("the README's page: start 0, length 2, accountname DESC, exactly", async () => {
    const { useCases, login } = demo({ at: "2017-09-04T10:14:38Z" });
    const token = await login("admin");
    const result = await useCases.listRecords.execute({
      token,
      module: "Accounts",
      start: 0,
      length: 2,
      order: "vtiger_account.accountname DESC",
    });
    assert.equal(JSON.stringify(result), JSON.stringify(readmeResult(README_LIST_ORDERED)));
  });

  await t.step("the README's criteria, exactly", async () => {
    const { useCases, login } = demo({ at: "2017-09-04T09:47:16Z" });
    const token = await login("admin");
    const result = await useCases.listRecords.execute({
      token,
      module: "Accounts",
      criteria: README_CRITERIA,
    });
    assert.equal(JSON.stringify(result), JSON.stringify(readmeResult(README_LIST_CRITERIA)));
  });

  const { useCases, login } = demo();
  const token = await login("admin");
  const list = (input: Partial<Parameters<typeof useCases.listRecords.execute>[0]> = {}) =>
    useCases.listRecords.execute({ token, module: "Accounts", ...input });

  await t.step("paging with start and length", async () => {
    assert.deepEqual(ids(await list({ length: 1 })), ["3"]);
    assert.deepEqual(ids(await list({ start: 1, length: 1 })), ["24"]);
    assert.deepEqual(ids(await list({ start: 1 })), ["24"]);
    assert.deepEqual(ids(await list({ start: 2 })), []);
    assert.deepEqual(ids(await list({ start: 0, length: 1000 })), ["3", "24"]);
  });

  await t.step("order: ASC, DESC, several terms, CE. columns", async () => {
    assert.deepEqual(names(await list({ order: "accountname" })), ["MEDIA 3+", "MEDIACRM"]);
    assert.deepEqual(names(await list({ order: "vtiger_account.accountname DESC" })), [
      "MEDIACRM",
      "MEDIA 3+",
    ]);
    assert.deepEqual(ids(await list({ order: "CE.createdtime DESC" })), ["24", "3"]);
    assert.deepEqual(ids(await list({ order: "vtiger_crmentity.crmid DESC" })), ["24", "3"]);
    assert.deepEqual(ids(await list({ order: "bill_country DESC, accountname DESC" })), [
      "3",
      "24",
    ]);
  });

  await t.step("order ties fall back to creation order", async () => {
    assert.deepEqual(ids(await list({ order: "employees DESC" })), ["3", "24"]);
  });

  await t.step("criteria with operators", async () => {
    assert.deepEqual(ids(await list({ criteria: "vtiger_account.accountname:like:media%" })), [
      "3",
      "24",
    ]);
    assert.deepEqual(ids(await list({ criteria: "accountname:like:%CRM" })), ["24"]);
    assert.deepEqual(ids(await list({ criteria: "CE.createdtime:gte:2017-01-01 00:00:00" })), [
      "24",
    ]);
    assert.deepEqual(ids(await list({ criteria: "CE.createdtime:lt:2017-01-01" })), ["3"]);
    assert.deepEqual(ids(await list({ criteria: "website:neq:" })), ["24"]);
    assert.deepEqual(ids(await list({ criteria: "bill_city:Champs sur Marne" })), ["3"]);
    assert.deepEqual(ids(await list({ criteria: "vtiger_account.accountid:gt:3" })), ["24"]);
    assert.deepEqual(ids(await list({ criteria: "accountname:x' OR '1'='1" })), []);
  });

  await t.step("criteria and paging together", async () => {
    assert.deepEqual(
      ids(
        await list({ criteria: "accountname:like:MEDIA%", order: "accountname DESC", length: 1 }),
      ),
      ["24"],
    );
  });

  await t.step("Contacts: every contact for the admin, in creation order", async () => {
    const contacts = await list({ module: "Contacts" });
    assert.deepEqual(ids(contacts), ["10", "11", "12"]);
    assert.equal(contacts[0].lastname, "Curie");
    assert.equal(contacts[0].record_module, "Contacts");
  });

  await t.step("length over the maximum, or below 1: INVALID_PARAMETER", async () => {
    await rejectsDomainError(list({ length: 1001 }), "INVALID_PARAMETER", "'1001'");
    await rejectsDomainError(list({ length: 0 }), "INVALID_PARAMETER", "Length '0'");
    await rejectsDomainError(list({ length: -5 }), "INVALID_PARAMETER");
    await rejectsDomainError(list({ length: 2.5 }), "INVALID_PARAMETER");
    await rejectsDomainError(list({ length: Number.NaN }), "INVALID_PARAMETER");
  });

  await t.step("the maximum is a setting", async () => {
    const small = demo({ settings: { maxPageLength: 1 } });
    const smallToken = await small.login("admin");
    const execute = (length: number) =>
      small.useCases.listRecords.execute({ token: smallToken, module: "Accounts", length });
    assert.equal((await execute(1)).length, 1);
    await rejectsDomainError(execute(2), "INVALID_PARAMETER", "from 1 to 1");
    await rejectsDomainError(
      small.useCases.listRecords.execute({ token: smallToken, module: "Accounts" }),
      "INVALID_PARAMETER",
      "'100'",
    );
  });

  await t.step("a bad start: INVALID_PARAMETER", async () => {
    await rejectsDomainError(list({ start: -1 }), "INVALID_PARAMETER", "Start '-1'");
    await rejectsDomainError(list({ start: 1.5 }), "INVALID_PARAMETER", "Start '1.5'");
    await rejectsDomainError(list({ start: Number.NaN }), "INVALID_PARAMETER");
    await rejectsDomainError(list({ start: Number.POSITIVE_INFINITY }), "INVALID_PARAMETER");
  });

  await t.step("bad criteria and order: INVALID_PARAMETER", async () => {
    await rejectsDomainError(
      list({ criteria: "vtiger_account.accountname; DROP TABLE x" }),
      "INVALID_PARAMETER",
    );
    await rejectsDomainError(
      list({ criteria: "vtiger_users.user_name:admin" }),
      "INVALID_PARAMETER",
    );
    await rejectsDomainError(list({ order: "accountname SIDEWAYS" }), "INVALID_PARAMETER");
    await rejectsDomainError(
      list({ module: "Contacts", criteria: "vtiger_account.accountname:x" }),
      "INVALID_PARAMETER",
      "'vtiger_account'",
    );
  });

  await t.step("unknown module: MODULE_NOT_FOUND", async () => {
    await rejectsDomainError(
      list({ module: "Potatoes" }),
      "MODULE_NOT_FOUND",
      "Module 'Potatoes' does not exist or is disabled",
    );
  });
});

Deno.test("the default page is 100 records", async () => {
  const { useCases, login } = demo();
  const token = await login("admin");
  for (let index = 0; index < 99; index++) {
    await useCases.createRecord.execute({
      token,
      module: "Accounts",
      values: { accountname: `Account ${index}` },
    });
  }
  const first = await useCases.listRecords.execute({ token, module: "Accounts" });
  assert.equal(first.length, 100);
  assert.deepEqual(first.slice(0, 3).map((r) => r.record_id), ["3", "24", "25"]);
  const rest = await useCases.listRecords.execute({ token, module: "Accounts", start: 100 });
  assert.deepEqual(rest.map((r) => r.accountname), ["Account 98"]);
});

Deno.test("get record", async (t) => {
  await t.step("3: the README's record, exactly", async () => {
    const { useCases, login } = demo({ at: "2017-09-04T09:53:04Z" });
    const token = await login("admin");
    const record = await useCases.getRecord.execute({ token, module: "Accounts", id: 3 });
    assert.equal(JSON.stringify(record), JSON.stringify(readmeResult(README_RECORD_3)));
  });

  const { useCases, login } = demo();
  const token = await login("admin");
  const get = (id: string | number, module = "Accounts") =>
    useCases.getRecord.execute({ token, module, id });

  await t.step("api_date_now is the clock's time in UTC", async () => {
    const leap = demo({ at: "2020-02-29T23:59:58.999+00:00" });
    const leapToken = await leap.login("admin");
    const read = () =>
      leap.useCases.getRecord.execute({ token: leapToken, module: "Accounts", id: 3 });
    assert.equal((await read()).api_date_now, "2020-02-29 23:59:58");
    leap.clock.set("2020-03-01T01:00:00+02:00");
    assert.equal((await read()).api_date_now, "2020-02-29 23:00:00");
  });

  await t.step("the id may come as a string", async () => {
    assert.equal((await get("24")).accountname, "MEDIACRM");
    assert.equal((await get(" 24 ")).record_id, "24");
  });

  await t.step("a contact", async () => {
    const contact = await get(10, "Contacts");
    assert.equal(contact.firstname, "Marie");
    assert.equal(contact.email, "marie.curie@example.com");
    assert.equal(contact.account_id, "3");
    assert.equal(contact.record_module, "Contacts");
  });

  await t.step("999: RECORD_NOT_FOUND", async () => {
    await rejectsDomainError(get(999), "RECORD_NOT_FOUND", "Accounts record 999 does not exist");
  });

  await t.step("a Contact's id asked as Accounts, and the reverse: RECORD_NOT_FOUND", async () => {
    await rejectsDomainError(get(10), "RECORD_NOT_FOUND", "Accounts record 10 does not exist");
    await rejectsDomainError(get(3, "Contacts"), "RECORD_NOT_FOUND", "Contacts record 3");
  });

  await t.step("a bad id: INVALID_PARAMETER", async () => {
    for (
      const id of ["abc", "0", "-1", "3.5", "1e3", "", "0x10", "2147483648", "3; DROP TABLE x"]
    ) {
      await rejectsDomainError(
        get(id),
        "INVALID_PARAMETER",
        `Record id '${id}' is not a whole number from 1 to 2147483647`,
      );
    }
    await rejectsDomainError(get(3.5), "INVALID_PARAMETER");
  });

  await t.step("unknown module: MODULE_NOT_FOUND", async () => {
    await rejectsDomainError(get(3, "Potatoes"), "MODULE_NOT_FOUND", "'Potatoes'");
    await rejectsDomainError(get("abc", "Potatoes"), "MODULE_NOT_FOUND");
  });
});

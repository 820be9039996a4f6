/**
 * The demo's non-administrators: Vtiger's permissions decide what they see
 * and may change.
 */

import assert from "node:assert/strict";
import type { RecordView } from "../../domain/record.ts";
import {
  README_LIST,
  README_RATING_DEPENDENCIES,
  README_RECORD_3,
  readmeResult,
} from "../_fixtures/readme.ts";
import { demo, rejectsDomainError, without } from "./_support.ts";

const ids = (records: RecordView[]) => records.map((record) => record.record_id);

/** A demo logged in as one user, with shorthands. */
async function as(userName: string, at?: string) {
  const context = demo({ at });
  const token = await context.login(userName);
  const { useCases } = context;
  return {
    ...context,
    token,
    list: (module: string, input: { criteria?: string; order?: string } = {}) =>
      useCases.listRecords.execute({ token, module, ...input }),
    get: (module: string, id: number) => useCases.getRecord.execute({ token, module, id }),
    create: (module: string, values: Record<string, string>) =>
      useCases.createRecord.execute({ token, module, values }),
    update: (module: string, id: number, values: Record<string, string>) =>
      useCases.updateRecord.execute({ token, module, id, values }),
    remove: (module: string, id: number) => useCases.deleteRecord.execute({ token, module, id }),
    picklist: (module: string, field: string, withDependencies = false) =>
      useCases.getPicklist.execute({ token, module, field, withDependencies }),
  };
}

Deno.test("sales (role H5) and Accounts", async (t) => {
  await t.step("sees every account, without the annual_revenue field", async () => {
    const sales = await as("sales", "2017-09-04T09:29:22Z");
    const accounts = await sales.list("Accounts");
    const expected = without(readmeResult<RecordView[]>(README_LIST), "annual_revenue");
    assert.equal(JSON.stringify(accounts), JSON.stringify(expected));
    assert.equal(accounts.every((record) => !Object.hasOwn(record, "annual_revenue")), true);
  });

  await t.step("reads account 3 without annual_revenue", async () => {
    const sales = await as("sales", "2017-09-04T09:53:04Z");
    const record = await sales.get("Accounts", 3);
    const expected = without(readmeResult<RecordView>(README_RECORD_3), "annual_revenue");
    assert.equal(JSON.stringify(record), JSON.stringify(expected));
  });

  await t.step("cannot filter, sort or write on annual_revenue", async () => {
    const sales = await as("sales");
    await rejectsDomainError(
      sales.list("Accounts", { criteria: "annual_revenue:gt:0" }),
      "INVALID_PARAMETER",
      "'annual_revenue'",
    );
    await rejectsDomainError(
      sales.list("Accounts", { order: "vtiger_account.annualrevenue DESC" }),
      "INVALID_PARAMETER",
      "'vtiger_account.annualrevenue'",
    );
    await rejectsDomainError(
      sales.create("Accounts", { accountname: "X", annual_revenue: "10" }),
      "INVALID_FIELD_VALUE",
      "Field 'annual_revenue' is not a field of module Accounts",
    );
  });

  await t.step("the rating picklist is limited to Acquired and Active", async () => {
    const sales = await as("sales");
    const result = await sales.picklist("Accounts", "rating");
    assert.equal(JSON.stringify(result), `{"values":{"Acquired":"Acquired","Active":"Actif"}}`);
    assert.deepEqual((await sales.picklist("Accounts", "rating", true)).values, result.values);
    assert.equal(Object.keys((await sales.picklist("Accounts", "accounttype")).values).length, 10);
  });

  await t.step("dependencies list only the rules of the role's rating values", async () => {
    const sales = await as("sales");
    const { dependencies } = await sales.picklist("Accounts", "rating", true);
    assert.deepEqual(Object.keys(dependencies ?? {}), ["Acquired", "__DEFAULT__", "Active"]);
    const readmeRules = new Map(README_RATING_DEPENDENCIES);
    assert.deepEqual(dependencies?.Active.accounttype, readmeRules.get("Active"));
  });

  await t.step("creates accounts with an allowed rating, owned by themself", async () => {
    const sales = await as("sales");
    const id = await sales.create("Accounts", { accountname: "Sales Lead", rating: "Active" });
    assert.equal(id, 25);
    const record = await sales.get("Accounts", id);
    assert.equal(record.assigned_user_id, "5");
    assert.equal(record.modifiedby, "5");
    assert.equal(sales.ports.records.history[0].whodid, 5);
  });

  await t.step("a rating outside the role: INVALID_FIELD_VALUE", async () => {
    const sales = await as("sales");
    await rejectsDomainError(
      sales.create("Accounts", { accountname: "X", rating: "Shutdown" }),
      "INVALID_FIELD_VALUE",
      "Value 'Shutdown' is not a value of picklist 'rating'",
    );
  });

  await t.step("cannot give an account to someone outside their write scope", async () => {
    const sales = await as("sales");
    await rejectsDomainError(
      sales.create("Accounts", { accountname: "X", assigned_user_id: "1" }),
      "INVALID_FIELD_VALUE",
      "may not be assigned to owner '1'",
    );
    const id = await sales.create("Accounts", { accountname: "Mine" });
    await rejectsDomainError(
      sales.update("Accounts", id, { assigned_user_id: "1" }),
      "INVALID_FIELD_VALUE",
      "'1'",
    );
    assert.equal((await sales.get("Accounts", id)).assigned_user_id, "5");
  });

  await t.step(
    "cannot update account 3, owned by admin: ACCESS_DENIED, nothing written",
    async () => {
      const sales = await as("sales");
      const before = await sales.get("Accounts", 3);
      await rejectsDomainError(
        sales.update("Accounts", 3, { accountname: "Hijacked" }),
        "ACCESS_DENIED",
        "Permission to update Accounts record 3 is denied",
      );
      await rejectsDomainError(
        sales.update("Accounts", 3, { nosuch: "x" }),
        "ACCESS_DENIED",
        "record 3",
      );
      assert.deepEqual(await sales.get("Accounts", 3), before);
      assert.equal(sales.ports.records.history.length, 0);
    },
  );

  await t.step("updates their own account", async () => {
    const sales = await as("sales");
    const id = await sales.create("Accounts", { accountname: "Mine" });
    assert.equal(await sales.update("Accounts", id, { website: "www.mine.fr" }), id);
    assert.equal((await sales.get("Accounts", id)).website, "www.mine.fr");
  });

  await t.step("cannot delete accounts, not even their own: ACCESS_DENIED", async () => {
    const sales = await as("sales");
    const own = await sales.create("Accounts", { accountname: "Mine" });
    for (const id of [3, 24, own]) {
      await rejectsDomainError(
        sales.remove("Accounts", id),
        "ACCESS_DENIED",
        "Permission to delete records of module Accounts is denied",
      );
    }
    assert.deepEqual(ids(await sales.list("Accounts")), ["3", "24", String(own)]);
    assert.equal(sales.ports.records.history.length, 1, "only the create");
  });
});

Deno.test("sales and Contacts (private)", async (t) => {
  const sales = await as("sales");

  await t.step("lists only their own contacts", async () => {
    assert.deepEqual(ids(await sales.list("Contacts")), ["11"]);
    assert.deepEqual(await sales.list("Contacts", { criteria: "lastname:Curie" }), []);
    assert.deepEqual(ids(await sales.list("Contacts", { criteria: "lastname:like:%" })), ["11"]);
  });

  await t.step("reads their own contact", async () => {
    assert.equal((await sales.get("Contacts", 11)).lastname, "Pasteur");
  });

  await t.step("another's contact: ACCESS_DENIED on read, update and delete", async () => {
    await rejectsDomainError(
      sales.get("Contacts", 10),
      "ACCESS_DENIED",
      "Permission to read Contacts record 10 is denied",
    );
    await rejectsDomainError(sales.get("Contacts", 12), "ACCESS_DENIED");
    await rejectsDomainError(
      sales.update("Contacts", 10, { phone: "1" }),
      "ACCESS_DENIED",
      "Permission to update Contacts record 10 is denied",
    );
    await rejectsDomainError(
      sales.remove("Contacts", 12),
      "ACCESS_DENIED",
      "Permission to delete Contacts record 12 is denied",
    );
    assert.equal(sales.ports.records.history.length, 0);
  });

  await t.step("a record that does not exist is still RECORD_NOT_FOUND", async () => {
    await rejectsDomainError(sales.get("Contacts", 999), "RECORD_NOT_FOUND");
  });

  await t.step("deletes their own contact", async () => {
    assert.equal(await sales.remove("Contacts", 11), true);
    assert.deepEqual(await sales.list("Contacts"), []);
  });
});

Deno.test("support (role H4): no Accounts at all", async (t) => {
  const support = await as("support");
  const denied = "Permission to use module Accounts is denied";

  await t.step("every Accounts call is ACCESS_DENIED", async () => {
    await rejectsDomainError(support.list("Accounts"), "ACCESS_DENIED", denied);
    await rejectsDomainError(support.get("Accounts", 3), "ACCESS_DENIED", denied);
    await rejectsDomainError(support.picklist("Accounts", "rating"), "ACCESS_DENIED", denied);
    await rejectsDomainError(
      support.create("Accounts", { accountname: "X" }),
      "ACCESS_DENIED",
      denied,
    );
    await rejectsDomainError(
      support.update("Accounts", 3, { accountname: "X" }),
      "ACCESS_DENIED",
      denied,
    );
    await rejectsDomainError(support.remove("Accounts", 3), "ACCESS_DENIED", denied);
    await rejectsDomainError(support.get("Accounts", 999), "ACCESS_DENIED", denied);
    assert.equal(support.ports.records.history.length, 0);
  });

  await t.step("an unknown module is still MODULE_NOT_FOUND", async () => {
    await rejectsDomainError(support.list("Potatoes"), "MODULE_NOT_FOUND");
  });

  await t.step("Contacts: their own and their group's", async () => {
    assert.deepEqual(ids(await support.list("Contacts")), ["12"]);
    await rejectsDomainError(support.get("Contacts", 11), "ACCESS_DENIED");
    const id = await support.create("Contacts", {
      firstname: "Team",
      lastname: "Inbox",
      assigned_user_id: "20",
    });
    assert.deepEqual(ids(await support.list("Contacts")), ["12", String(id)]);
    await rejectsDomainError(
      support.create("Contacts", { firstname: "A", lastname: "B", assigned_user_id: "5" }),
      "INVALID_FIELD_VALUE",
      "'5'",
    );
  });

  await t.step("a contact cannot point to an account, nor tell which exist", async () => {
    const count = support.ports.records.history.length;
    for (const accountId of ["3", "4", "999"]) {
      for (
        const write of [
          () =>
            support.create("Contacts", { firstname: "A", lastname: "B", account_id: accountId }),
          () => support.update("Contacts", 12, { account_id: accountId }),
        ]
      ) {
        await rejectsDomainError(
          write(),
          "ACCESS_DENIED",
          "Permission to use module Accounts, which field 'account_id' points to, is denied",
        );
      }
    }
    assert.equal(support.ports.records.history.length, count);
    assert.equal((await support.get("Contacts", 12)).account_id, "0");
  });
});

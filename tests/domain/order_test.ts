/**
 * The `order` language: every accepted form, and every kind of bad input
 * refused with INVALID_PARAMETER naming the bad part.
 */

import assert from "node:assert/strict";
import { MAX_ORDER_TERMS, parseOrder } from "../../domain/criteria.ts";
import { isSortable, MAX_SORTABLE_TEXT_LENGTH } from "../../domain/column.ts";
import { DEMO_CONTACTS } from "../../adapters/memory/demo/demo_modules.ts";
import { throwsDomainError } from "./_assert_error.ts";
import { accounts, allFields, order, withoutRevenue } from "./_criteria.ts";

Deno.test("parseOrder", async (t) => {
  await t.step("the README's order", () => {
    assert.deepEqual(order("vtiger_account.accountname DESC"), [{
      table: "vtiger_account",
      column: "accountname",
      field: "accountname",
      direction: "DESC",
    }]);
  });

  await t.step("direction defaults to ASC and is case-insensitive", () => {
    assert.deepEqual(order("accountname").map((t) => t.direction), ["ASC"]);
    assert.deepEqual(order("accountname desc").map((t) => t.direction), ["DESC"]);
    assert.deepEqual(order("accountname Asc").map((t) => t.direction), ["ASC"]);
  });

  await t.step("several comma-separated terms, spaces tolerated", () => {
    assert.deepEqual(
      order(" CE.createdtime  ASC , vtiger_account.accountname DESC,bill_city").map((
        t,
      ) => [t.table, t.column, t.direction]),
      [
        ["vtiger_crmentity", "createdtime", "ASC"],
        ["vtiger_account", "accountname", "DESC"],
        ["vtiger_accountbillads", "bill_city", "ASC"],
      ],
    );
  });

  await t.step(`${MAX_ORDER_TERMS} terms are allowed`, () => {
    assert.equal(order(Array(MAX_ORDER_TERMS).fill("accountname").join(",")).length, 3);
  });

  await t.step("ids, the label, numbers, dates, picklists and short text are sortable", () => {
    for (
      const name of [
        "CE.crmid",
        "vtiger_account.accountid",
        "CE.label",
        "employees",
        "annual_revenue",
        "createdtime",
        "rating",
        "accountname",
        "bill_street",
        "assigned_user_id",
      ]
    ) {
      assert.equal(order(name).length, 1, name);
    }
  });
});

Deno.test("bad order is INVALID_PARAMETER naming the bad part", async (t) => {
  const bad = (text: string, message: string | RegExp, fields = allFields) =>
    throwsDomainError(() => parseOrder(accounts, fields, text), "INVALID_PARAMETER", message);

  await t.step("empty order", () => {
    bad("", "Order is empty");
    bad("  ", "Order is empty");
  });

  await t.step("bad direction", () => {
    bad("accountname DOWN", "Order direction 'DOWN' is not ASC or DESC");
    bad("accountname DESC--", "'DESC--'");
  });

  await t.step("too many words in an item", () => {
    bad(
      "accountname ASC DESC",
      "Order item 'accountname ASC DESC' is not of the form COLUMN [ASC|DESC]",
    );
  });

  await t.step("an empty item", () => {
    bad("accountname,", /Order item 2 is empty/);
    bad("accountname,,website", /Order item 2 is empty/);
    bad(",accountname", /Order item 1 is empty/);
  });

  await t.step("unknown table, unknown column, other module, hidden field", () => {
    bad("vtiger_foo.bar", "'vtiger_foo'");
    bad("vtiger_account.nosuch DESC", "'vtiger_account.nosuch'");
    bad("vtiger_contactdetails.lastname", "'vtiger_contactdetails'");
    bad("lastname", "'lastname'");
    bad("vtiger_crmentity.deleted", "'vtiger_crmentity.deleted'");
    assert.equal(order("vtiger_account.annualrevenue DESC").length, 1, "visible to a full grant");
    bad("vtiger_account.annualrevenue DESC", "'vtiger_account.annualrevenue'", withoutRevenue);
    bad("annual_revenue", "'annual_revenue'", withoutRevenue);
  });

  await t.step("too many items", () => {
    bad(
      Array(MAX_ORDER_TERMS + 1).fill("accountname").join(","),
      `Order has ${MAX_ORDER_TERMS + 1} items; at most ${MAX_ORDER_TERMS}`,
    );
  });

  await t.step("long text cannot be sorted on", () => {
    const message = "Column 'description' cannot be sorted on: a list sorts on ids, numbers, " +
      `dates and text of at most ${MAX_SORTABLE_TEXT_LENGTH} characters`;
    bad("description", message);
    bad("CE.description DESC", message);
    bad("accountname, description", message);
    const description = DEMO_CONTACTS.fields.find((field) => field.name === "description")!;
    assert.equal(isSortable({ table: "t", column: "c", field: description }), false, "uitype 19");
    const sized = (maxLength: number) => ({ ...description, uitype: 1, maxLength });
    assert.equal(isSortable({ table: "t", column: "c", field: sized(255) }), true);
    assert.equal(isSortable({ table: "t", column: "c", field: sized(256) }), false);
    assert.equal(isSortable({ table: "t", column: "c", field: sized(65535) }), false, "TEXT");
    assert.equal(
      isSortable({ table: "t", column: "c", field: { ...sized(100), uitype: 19 } }),
      true,
    );
  });

  await t.step("SQL-injection-looking input", () => {
    bad(
      "vtiger_account.accountname; DROP TABLE x",
      "'vtiger_account.accountname; DROP TABLE x'",
    );
    bad("vtiger_account.accountname;DROP", "'vtiger_account.accountname;DROP'");
    bad("(SELECT 1)", "Order direction '1)'");
    bad("RAND()", "'RAND()'");
    bad("1", "'1'");
    bad("accountname DESC; DROP TABLE x", "'accountname DESC; DROP TABLE x'");
  });
});

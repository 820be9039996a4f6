/**
 * The `criteria` language: every accepted form, and every kind of bad input
 * refused with INVALID_PARAMETER naming the bad part.
 */

import assert from "node:assert/strict";
import { MAX_QUERY_ITEMS, OPERATORS, parseCriteria } from "../../domain/criteria.ts";
import { fullGrant, visibleFields } from "../../domain/privileges.ts";
import { README_CRITERIA } from "../_fixtures/readme.ts";
import { throwsDomainError } from "./_assert_error.ts";
import { accounts, allFields, criteria, withoutRevenue } from "./_criteria.ts";

Deno.test("parseCriteria accepts every operator", async (t) => {
  assert.deepEqual([...OPERATORS], ["eq", "neq", "lt", "gt", "lte", "gte", "like"]);
  for (const operator of OPERATORS) {
    await t.step(operator, () => {
      assert.deepEqual(criteria(`vtiger_account.employees:${operator}:10`), [{
        table: "vtiger_account",
        column: "employees",
        field: "employees",
        operator,
        value: "10",
      }]);
    });
  }

  await t.step("like keeps its % wildcards in the value", () => {
    assert.deepEqual(criteria("accountname:like:MEDIA%"), [{
      table: "vtiger_account",
      column: "accountname",
      field: "accountname",
      operator: "like",
      value: "MEDIA%",
    }]);
  });

  await t.step("without an operator the comparison is eq", () => {
    assert.deepEqual(criteria("vtiger_account.accountname:MEDIACRM"), [{
      table: "vtiger_account",
      column: "accountname",
      field: "accountname",
      operator: "eq",
      value: "MEDIACRM",
    }]);
  });

  await t.step("an empty value is allowed and compared with eq", () => {
    assert.deepEqual(criteria("vtiger_account.website:").map((c) => [c.operator, c.value]), [
      ["eq", ""],
    ]);
  });

  await t.step("operators are matched whatever their case", () => {
    assert.deepEqual(
      criteria("accountname:EQ:MEDIACRM;employees:Gt:50;accountname:LIKE:Acme%;employees: lte :9")
        .map((c) => [c.operator, c.value]),
      [["eq", "MEDIACRM"], ["gt", "50"], ["like", "Acme%"], ["lte", "9"]],
    );
  });
});

Deno.test("parseCriteria: items, escapes and values with ':'", async (t) => {
  await t.step("the README's two criteria are ANDed, in order", () => {
    assert.deepEqual(
      criteria(README_CRITERIA),
      [
        {
          table: "vtiger_account",
          column: "accountname",
          field: "accountname",
          operator: "eq",
          value: "MEDIACRM",
        },
        {
          table: "vtiger_account",
          column: "website",
          field: "website",
          operator: "eq",
          value: "www.mediacrm.fr",
        },
      ],
    );
  });

  await t.step("\\; is a literal semicolon inside a value", () => {
    assert.deepEqual(
      criteria("accountname:A\\;B;website:like:%\\;%").map((c) => [c.column, c.operator, c.value]),
      [["accountname", "eq", "A;B"], ["website", "like", "%;%"]],
    );
  });

  await t.step("a value of only \\; is one semicolon", () => {
    assert.deepEqual(criteria("description:\\;").map((c) => c.value), [";"]);
  });

  await t.step("a date-time value keeps its colons, with and without an operator", () => {
    assert.deepEqual(
      criteria("CE.createdtime:gte:2017-09-04 09:28:27;CE.modifiedtime:2017-09-04 09:29:15")
        .map((c) => [c.column, c.operator, c.value]),
      [["createdtime", "gte", "2017-09-04 09:28:27"], [
        "modifiedtime",
        "eq",
        "2017-09-04 09:29:15",
      ]],
    );
  });

  await t.step("a time value 10:30 is not read as operator '10'", () => {
    assert.deepEqual(criteria("description:10:30").map((c) => [c.operator, c.value]), [
      ["eq", "10:30"],
    ]);
  });

  await t.step("a URL value keeps its scheme and port", () => {
    assert.deepEqual(
      criteria("vtiger_account.website:https://www.mediacrm.fr:8443/a?b=c").map((c) => [
        c.operator,
        c.value,
      ]),
      [["eq", "https://www.mediacrm.fr:8443/a?b=c"]],
    );
    assert.deepEqual(criteria("website:neq:http://x.fr").map((c) => [c.operator, c.value]), [
      ["neq", "http://x.fr"],
    ]);
  });

  await t.step("quotes and SQL in a value stay a plain value (it is bound, never pasted)", () => {
    assert.deepEqual(criteria("accountname:x' OR '1'='1").map((c) => [c.operator, c.value]), [
      ["eq", "x' OR '1'='1"],
    ]);
  });

  await t.step(`${MAX_QUERY_ITEMS} items are allowed`, () => {
    const text = Array.from({ length: MAX_QUERY_ITEMS }, (_, i) => `accountname:neq:${i}`)
      .join(";");
    assert.equal(criteria(text).length, MAX_QUERY_ITEMS);
  });
});

Deno.test("bad criteria are INVALID_PARAMETER naming the bad part", async (t) => {
  const bad = (text: string, message: string | RegExp, fields = allFields) =>
    throwsDomainError(() => parseCriteria(accounts, fields, text), "INVALID_PARAMETER", message);

  await t.step("empty criteria", () => {
    bad("", "Criteria is empty");
    bad("   ", "Criteria is empty");
  });

  await t.step("unknown table", () => {
    bad("vtiger_foo.bar:1", "Table 'vtiger_foo' is not a table of module Accounts");
    bad("vtiger_users.user_password:x", "'vtiger_users'");
    bad("information_schema.tables.table_name:x", "'information_schema'");
  });

  await t.step("unknown column of a record table", () => {
    bad("vtiger_account.nosuch:1", "Column 'vtiger_account.nosuch' is not a column");
    bad("vtiger_crmentity.deleted:1", "'vtiger_crmentity.deleted'");
    bad("CE.setype:Accounts", "'CE.setype'");
    bad("vtiger_account.ACCOUNTNAME:x", "'vtiger_account.ACCOUNTNAME'");
  });

  await t.step("unknown plain field name", () => {
    bad("nosuch:1", "Column 'nosuch' is not a field you can query in module Accounts");
    bad("accountid:3", "'accountid'");
  });

  await t.step("a column of another module", () => {
    bad("vtiger_contactdetails.lastname:Curie", "Table 'vtiger_contactdetails'");
    bad("lastname:Curie", "Column 'lastname'");
  });

  await t.step("a field stored outside the record tables", () => {
    bad("campaignrelstatus:x", "'campaignrelstatus'");
    bad("vtiger_campaignrelstatus.campaignrelstatus:x", "'vtiger_campaignrelstatus'");
  });

  await t.step("a field hidden from the user, by name and by table.column", () => {
    assert.equal(criteria("annual_revenue:0").length, 1, "visible to a full grant");
    bad("annual_revenue:0", "'annual_revenue'", withoutRevenue);
    bad("vtiger_account.annualrevenue:gt:0", "'vtiger_account.annualrevenue'", withoutRevenue);
  });

  await t.step("a hidden field stored in a bookkeeping column of vtiger_crmentity", () => {
    const withoutBookkeeping = visibleFields(accounts, {
      ...fullGrant(),
      hiddenFields: new Set(["description", "modifiedby"]),
    });
    assert.equal(criteria("vtiger_crmentity.description:x").length, 1, "visible to a full grant");
    bad("vtiger_crmentity.description:x", "'vtiger_crmentity.description'", withoutBookkeeping);
    bad("CE.modifiedby:1", "'CE.modifiedby'", withoutBookkeeping);
    assert.equal(criteria("CE.label:x", withoutBookkeeping).length, 1, "accountname is visible");
  });

  await t.step("an item without ':'", () => {
    bad("accountname", "Criteria item 'accountname' is not of the form COLUMN:VALUE");
    bad("accountname:A;website", "'website'");
  });

  await t.step("an empty item", () => {
    bad("accountname:A;;website:x", /Criteria item 2 is empty/);
    bad("accountname:A;", /Criteria item 2 is empty/);
    bad(";accountname:A", /Criteria item 1 is empty/);
    bad("accountname:A;  ", /Criteria item 2 is empty/);
  });

  await t.step("an empty column", () => {
    bad(":x", /Criteria item ':x' has no column/);
  });

  await t.step("too many items", () => {
    const text = Array.from({ length: MAX_QUERY_ITEMS + 1 }, (_, i) => `accountname:${i}`)
      .join(";");
    bad(text, `Criteria has ${MAX_QUERY_ITEMS + 1} items; at most ${MAX_QUERY_ITEMS}`);
  });

  await t.step("SQL-injection-looking input", () => {
    bad("vtiger_account.accountname; DROP TABLE x", "'vtiger_account.accountname'");
    bad("vtiger_account.accountname:x; DROP TABLE x", "' DROP TABLE x'");
    bad(
      "vtiger_account.accountname = 1 OR 1=1:x",
      "'vtiger_account.accountname = 1 OR 1=1'",
    );
    bad("accountname) OR (1=1:x", "'accountname) OR (1=1'");
    bad("vtiger_account.accountname`:x", "'vtiger_account.accountname`'");
    bad("1=1 -- :x", "'1=1 --'");
  });
});

/**
 * The `criteria` and `order` languages: every accepted form, and every kind of
 * bad input refused with INVALID_PARAMETER naming the bad part.
 */

import assert from "node:assert/strict";
import { CRMENTITY_QUERY_COLUMNS, resolveColumn } from "../../domain/column.ts";
import {
  type Condition,
  MAX_QUERY_ITEMS,
  OPERATORS,
  type OrderTerm,
  parseCriteria,
  parseOrder,
} from "../../domain/criteria.ts";
import { findField } from "../../domain/module.ts";
import { fullGrant, visibleFields } from "../../domain/privileges.ts";
import { DEMO_ACCOUNTS } from "../../adapters/memory/demo/demo_modules.ts";
import { throwsDomainError } from "./_assert_error.ts";

const accounts = DEMO_ACCOUNTS;
const allFields = accounts.fields;
/** What a user who may not see `annual_revenue` sees. */
const withoutRevenue = visibleFields(accounts, {
  ...fullGrant(),
  hiddenFields: new Set(["annual_revenue"]),
});

/** A condition reduced to plain facts, for deepEqual. */
function facts(condition: Condition) {
  return {
    table: condition.column.table,
    column: condition.column.column,
    field: condition.column.field?.name,
    operator: condition.operator,
    value: condition.value,
  };
}

function orderFacts(term: OrderTerm) {
  return {
    table: term.column.table,
    column: term.column.column,
    field: term.column.field?.name,
    direction: term.direction,
  };
}

function criteria(text: string, fields = allFields) {
  return parseCriteria(accounts, fields, text).map(facts);
}

function order(text: string, fields = allFields) {
  return parseOrder(accounts, fields, text).map(orderFacts);
}

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

  await t.step("operators are lower case: EQ is part of the value", () => {
    assert.deepEqual(criteria("accountname:EQ:MEDIACRM").map((c) => [c.operator, c.value]), [
      ["eq", "EQ:MEDIACRM"],
    ]);
  });
});

Deno.test("parseCriteria: items, escapes and values with ':'", async (t) => {
  await t.step("the README's two criteria are ANDed, in order", () => {
    assert.deepEqual(
      criteria("vtiger_account.accountname:MEDIACRM;vtiger_account.website:www.mediacrm.fr"),
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

Deno.test("column names: CE alias, plain field names, record tables, id columns", async (t) => {
  await t.step("CE. means vtiger_crmentity., in any case", () => {
    assert.deepEqual(criteria("CE.createdtime:2016-10-28 14:40:37")[0], {
      table: "vtiger_crmentity",
      column: "createdtime",
      field: "createdtime",
      operator: "eq",
      value: "2016-10-28 14:40:37",
    });
    assert.deepEqual(order("ce.crmid DESC"), [{
      table: "vtiger_crmentity",
      column: "crmid",
      field: undefined,
      direction: "DESC",
    }]);
  });

  await t.step("plain field names resolve to their table and column", () => {
    const cases: [string, string, string][] = [
      ["accountname", "vtiger_account", "accountname"],
      ["account_id", "vtiger_account", "parentid"],
      ["accounttype", "vtiger_account", "account_type"],
      ["annual_revenue", "vtiger_account", "annualrevenue"],
      ["assigned_user_id", "vtiger_crmentity", "smownerid"],
      ["bill_city", "vtiger_accountbillads", "bill_city"],
      ["ship_code", "vtiger_accountshipads", "ship_code"],
      ["description", "vtiger_crmentity", "description"],
    ];
    for (const [name, table, column] of cases) {
      assert.deepEqual(criteria(`${name}:x`)[0], {
        table,
        column,
        field: name,
        operator: "eq",
        value: "x",
      });
    }
  });

  await t.step("table.column of every record table (by column name, not field name)", () => {
    const cases: [string, string | undefined][] = [
      ["vtiger_account.account_type", "accounttype"],
      ["vtiger_account.parentid", "account_id"],
      ["vtiger_accountbillads.bill_street", "bill_street"],
      ["vtiger_accountshipads.ship_country", "ship_country"],
      ["vtiger_crmentity.smownerid", "assigned_user_id"],
      ["vtiger_crmentity.modifiedby", "modifiedby"],
    ];
    for (const [text, field] of cases) {
      const [table, column] = text.split(".");
      assert.deepEqual(order(text), [{ table, column, field, direction: "ASC" }]);
    }
  });

  await t.step("the id column of every record table, with no field", () => {
    const tables = Object.entries(accounts.recordTables);
    assert.deepEqual(tables.map(([table]) => table).sort(), [
      "vtiger_account",
      "vtiger_accountbillads",
      "vtiger_accountscf",
      "vtiger_accountshipads",
      "vtiger_crmentity",
    ]);
    for (const [table, idColumn] of tables) {
      assert.deepEqual(criteria(`${table}.${idColumn}:gt:3`)[0], {
        table,
        column: idColumn,
        field: undefined,
        operator: "gt",
        value: "3",
      });
    }
  });

  await t.step("every whitelisted vtiger_crmentity column", () => {
    for (const column of CRMENTITY_QUERY_COLUMNS) {
      const ref = resolveColumn(accounts, allFields, `vtiger_crmentity.${column}`);
      assert.equal(ref.table, "vtiger_crmentity");
      assert.equal(ref.column, column);
      const field = accounts.fields.find((f) =>
        f.table === "vtiger_crmentity" && f.column === column
      );
      assert.equal(ref.field, field, column);
    }
  });

  await t.step("whitespace around a column name is ignored", () => {
    assert.equal(
      resolveColumn(accounts, allFields, "  vtiger_account.accountname ").column,
      "accountname",
    );
  });

  await t.step("a resolved field is the module's own definition", () => {
    assert.equal(
      resolveColumn(accounts, allFields, "accountname").field,
      findField(accounts, "accountname"),
    );
  });
});

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

  await t.step(`${MAX_QUERY_ITEMS} terms are allowed`, () => {
    assert.equal(order(Array(MAX_QUERY_ITEMS).fill("accountname").join(",")).length, 20);
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
    bad("nosuch:1", "Column 'nosuch' is not a field of module Accounts");
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
    assert.equal(criteria("CE.label:x", withoutBookkeeping).length, 1, "label has no field");
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
      Array(MAX_QUERY_ITEMS + 1).fill("accountname").join(","),
      `Order has ${MAX_QUERY_ITEMS + 1} items; at most ${MAX_QUERY_ITEMS}`,
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

/**
 * Column names in `criteria` and `order`: the CE alias, plain field names,
 * the record tables' columns and id columns, resolved to the module's own
 * fields.
 */

import assert from "node:assert/strict";
import { resolveColumn } from "../../domain/column.ts";
import { parseOrder } from "../../domain/criteria.ts";
import { findField } from "../../domain/module.ts";
import { fullGrant, visibleFields } from "../../domain/privileges.ts";
import { DEMO_CONTACTS } from "../../adapters/memory/demo/demo_modules.ts";
import { throwsDomainError } from "./_assert_error.ts";
import { accounts, allFields, criteria, order, orderFacts, withoutRevenue } from "./_criteria.ts";

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
      assert.deepEqual(criteria(`${name}:`)[0], {
        table,
        column,
        field: name,
        operator: "eq",
        value: "",
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

  await t.step("a bookkeeping column of vtiger_crmentity is its field's column", () => {
    for (
      const column of ["smownerid", "modifiedby", "createdtime", "modifiedtime", "description"]
    ) {
      const ref = resolveColumn(accounts, allFields, `vtiger_crmentity.${column}`);
      const field = accounts.fields.find((f) =>
        f.table === "vtiger_crmentity" && f.column === column
      );
      assert.ok(field !== undefined, column);
      assert.deepEqual(ref, { table: "vtiger_crmentity", column, field }, column);
    }
  });

  await t.step("a bookkeeping column no field is stored in is not queryable", () => {
    for (const column of ["smcreatorid", "setype", "deleted", "source", "viewedtime"]) {
      throwsDomainError(
        () => resolveColumn(accounts, allFields, `CE.${column}`),
        "INVALID_PARAMETER",
        `Column 'CE.${column}' is not a column you can query in module Accounts`,
      );
    }
  });

  await t.step(
    "on a fork that keeps the header on the module's table, CE. names that field",
    () => {
      // F-RevoCRM 8 declares the header fields on vtiger_account and writes both copies alike.
      const header = ["smownerid", "modifiedby", "createdtime", "modifiedtime", "description"];
      const moved = {
        ...accounts,
        fields: accounts.fields.map((field) =>
          field.table === "vtiger_crmentity" && header.includes(field.column)
            ? { ...field, table: "vtiger_account" }
            : field
        ),
      };
      for (const column of header) {
        const field = moved.fields.find((f) => f.column === column);
        assert.ok(field !== undefined && field.table === "vtiger_account", column);
        for (const name of [`CE.${column}`, `vtiger_crmentity.${column}`]) {
          assert.deepEqual(
            resolveColumn(moved, moved.fields, name),
            { table: "vtiger_account", column, field },
            name,
          );
        }
        const hidden = visibleFields(moved, {
          ...fullGrant(),
          hiddenFields: new Set([field.name]),
        });
        throwsDomainError(
          () => resolveColumn(moved, hidden, `CE.${column}`),
          "INVALID_PARAMETER",
          `Column 'CE.${column}' is not a column you can query in module Accounts`,
        );
      }
      // No field anywhere for the creator, and never for columns outside the header.
      for (const column of ["smcreatorid", "setype", "deleted", "crmid_no_such"]) {
        throwsDomainError(
          () => resolveColumn(moved, moved.fields, `CE.${column}`),
          "INVALID_PARAMETER",
        );
      }
      assert.deepEqual(parseOrder(moved, moved.fields, "CE.createdtime DESC").map(orderFacts), [{
        table: "vtiger_account",
        column: "createdtime",
        field: "createdtime",
        direction: "DESC",
      }]);
    },
  );

  await t.step("the label is queryable only when every label field is visible", () => {
    const contacts = DEMO_CONTACTS;
    assert.deepEqual(contacts.labelFields, ["firstname", "lastname"]);
    const label = { table: "vtiger_crmentity", column: "label" };
    assert.deepEqual(resolveColumn(contacts, contacts.fields, "CE.label"), label);
    assert.deepEqual(resolveColumn(accounts, withoutRevenue, "vtiger_crmentity.label"), label);
    for (const hidden of ["firstname", "lastname"]) {
      const fields = visibleFields(contacts, { ...fullGrant(), hiddenFields: new Set([hidden]) });
      for (const name of ["CE.label", "vtiger_crmentity.label"]) {
        throwsDomainError(
          () => resolveColumn(contacts, fields, name),
          "INVALID_PARAMETER",
          `Column '${name}' is not a column you can query in module Contacts`,
        );
      }
    }
    const unlabelled = { ...accounts, labelFields: [] };
    throwsDomainError(() => resolveColumn(unlabelled, allFields, "CE.label"), "INVALID_PARAMETER");
    const inactiveLabel = { ...accounts, labelFields: ["accountname", "no_such_field"] };
    throwsDomainError(
      () => resolveColumn(inactiveLabel, allFields, "CE.label"),
      "INVALID_PARAMETER",
    );
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

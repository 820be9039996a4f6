/**
 * Criteria values: words that read as operators are refused rather than
 * silently becoming part of the value, and each value is checked against the
 * column's kind (integer, number, date, date and time, time, checkbox).
 */

import assert from "node:assert/strict";
import { parseCriteria } from "../../domain/criteria.ts";
import type { ModuleDefinition } from "../../domain/module.ts";
import { throwsDomainError } from "./_assert_error.ts";
import { accounts, allFields, criteria } from "./_criteria.ts";
import { textField } from "../_fixtures/text_field.ts";

const bad = (text: string, message: string | RegExp, module: ModuleDefinition = accounts) =>
  throwsDomainError(
    () => parseCriteria(module, module === accounts ? allFields : module.fields, text),
    "INVALID_PARAMETER",
    message,
  );

const pairs = (text: string, module?: ModuleDefinition) =>
  (module === undefined ? criteria(text) : parseCriteria(module, module.fields, text))
    .map((condition) => [condition.operator, condition.value]);

Deno.test("a word that reads as an operator but is not one is refused", async (t) => {
  await t.step("mistyped or foreign operators, in any case", () => {
    for (const word of ["GTX", "greater", "ne", "equals", "contains", "LIKES", "is", "in"]) {
      bad(
        `employees:${word}:50`,
        `Criteria item 'employees:${word}:50': '${word}' is not an operator (eq, neq, lt, gt, ` +
          "lte, gte, like); to match a value with ':' in it, write COLUMN:eq:VALUE",
      );
    }
  });

  await t.step("comparison signs", () => {
    for (const sign of [">=", "<", "!=", "<>", "="]) bad(`employees:${sign}:50`, `'${sign}'`);
  });

  await t.step("a text value that starts with a word and ':' needs its operator spelled", () => {
    bad("description:Note: call back", "'Note' is not an operator");
    assert.deepEqual(pairs("description:eq:Note: call back"), [["eq", "Note: call back"]]);
    assert.deepEqual(pairs("description:like:Note:%"), [["like", "Note:%"]]);
  });

  await t.step("URLs, times and dates are values, not operators", () => {
    assert.deepEqual(pairs("website:https://x.example/fr"), [["eq", "https://x.example/fr"]]);
    assert.deepEqual(pairs("website:ftp://x.example"), [["eq", "ftp://x.example"]]);
    assert.deepEqual(pairs("description:10:30"), [["eq", "10:30"]]);
    assert.deepEqual(pairs("description:A-1:B"), [["eq", "A-1:B"]]);
    assert.deepEqual(pairs("CE.createdtime:2017-01-01 10:00"), [["eq", "2017-01-01 10:00:00"]]);
  });

  await t.step("a value without a second ':' is never read as an operator", () => {
    assert.deepEqual(pairs("accountname:gt"), [["eq", "gt"]]);
    assert.deepEqual(pairs("accountname:Note"), [["eq", "Note"]]);
  });
});

Deno.test("criteria values are checked against the column's kind", async (t) => {
  await t.step("integers: fields of type I, ids, references and the owner", () => {
    bad("employees:abc", "column 'employees' takes an integer, not 'abc'");
    bad("employees:gt:5.5", "takes an integer, not '5.5'");
    bad("employees:gt:99999999999", "takes an integer");
    bad("account_id:x", "column 'account_id' takes a record or user id, not 'x'");
    bad("assigned_user_id:admin", "takes a record or user id");
    bad("CE.crmid:-1", "column 'CE.crmid' takes a record or user id");
    bad("vtiger_account.accountid:lt:x", "takes a record or user id");
    bad("CE.smownerid:neq:me", "takes a record or user id");
    assert.deepEqual(pairs("employees:gt:+50;employees:-3;account_id:007"), [
      ["gt", "50"],
      ["eq", "-3"],
      ["eq", "7"],
    ]);
  });

  await t.step("numbers", () => {
    bad("annual_revenue:gte:1e6", "column 'annual_revenue' takes a number, not '1e6'");
    bad("annual_revenue:1,5", "takes a number");
    assert.deepEqual(pairs("annual_revenue:gte:1000.50"), [["gte", "1000.50"]]);
  });

  await t.step("dates and times of the bookkeeping columns and fields", () => {
    bad(
      "CE.createdtime:gte:yesterday",
      "column 'CE.createdtime' takes a date and time YYYY-MM-DD HH:MM:SS, not 'yesterday'",
    );
    bad("CE.modifiedtime:lt:2017-02-30", "takes a date and time");
    bad("createdtime:2017-01-01T10:00:00", "takes a date and time");
    assert.deepEqual(pairs("CE.createdtime:gte:2017-01-01"), [["gte", "2017-01-01 00:00:00"]]);
  });

  await t.step("checkboxes take 0 or 1 (and on/off, yes/no, true/false)", () => {
    bad("emailoptout:maybe", "column 'emailoptout' takes 0 or 1, not 'maybe'");
    assert.deepEqual(pairs("emailoptout:on;notify_owner:neq:FALSE"), [["eq", "1"], ["neq", "0"]]);
  });

  await t.step("date and time fields of their own types", () => {
    const events: ModuleDefinition = {
      ...accounts,
      name: "Events",
      fields: [
        { ...textField(901, "due_date", "vtiger_account"), dataType: "D" },
        { ...textField(902, "time_start", "vtiger_account"), dataType: "T" },
      ],
    };
    bad("due_date:2017-13-01", "column 'due_date' takes a date YYYY-MM-DD", events);
    bad("due_date:gt:2017-01-01 10:00:00", "takes a date YYYY-MM-DD", events);
    bad("time_start:lt:25:00", "column 'time_start' takes a time HH:MM:SS", events);
    assert.deepEqual(pairs("due_date:gte:2017-01-31;time_start:lt:09:30", events), [
      ["gte", "2017-01-31"],
      ["lt", "09:30:00"],
    ]);
  });

  await t.step("text and e-mail columns take any text", () => {
    assert.deepEqual(pairs("email1:gmail.com;bill_code:gt:abc"), [["eq", "gmail.com"], [
      "gt",
      "abc",
    ]]);
  });

  await t.step("like takes a pattern whatever the kind", () => {
    assert.deepEqual(pairs("employees:like:5%;CE.createdtime:like:2017-01%"), [
      ["like", "5%"],
      ["like", "2017-01%"],
    ]);
  });

  await t.step("an empty value asks for an empty column with eq and neq only", () => {
    assert.deepEqual(pairs("employees:;CE.createdtime:neq:"), [["eq", ""], ["neq", ""]]);
    bad("employees:lt:", "column 'employees' takes an integer, not ''");
  });

  await t.step("each condition carries the column's kind", () => {
    assert.deepEqual(
      parseCriteria(
        accounts,
        allFields,
        "employees:1;annual_revenue:1;account_id:1;CE.createdtime:;emailoptout:1;website:x;CE.label:x",
      ).map((condition) => condition.kind),
      ["integer", "number", "id", "datetime", "checkbox", "text", "text"],
    );
  });
});

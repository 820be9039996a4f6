/**
 * ModTracker's rules: PHP's empty(), its loose comparison, the keys it lists
 * and the details of a creation and of an update.
 */

import assert from "node:assert/strict";
import { textField } from "../_fixtures/text_field.ts";
import {
  changeDetails,
  creationDetails,
  isPhpEmpty,
  looselyDifferent,
  trackedValues,
} from "../../domain/history.ts";
import type { ModuleDefinition } from "../../domain/module.ts";

/** Fields in fieldid order, one off the record tables, and modifiedtime. */
const CAMPAIGNS: ModuleDefinition = {
  name: "Campaigns",
  tabId: 26,
  baseTable: "vtiger_campaign",
  baseIdColumn: "campaignid",
  recordTables: { vtiger_crmentity: "crmid", vtiger_campaign: "campaignid" },
  labelFields: ["campaignname"],
  fields: [
    textField(1, "campaignname", "vtiger_campaign"),
    textField(2, "campaign_no", "vtiger_campaign"),
    textField(3, "campaignstatus", "vtiger_campaign"),
    textField(4, "numsent", "vtiger_campaign"),
    textField(5, "campaignrelstatus", "vtiger_campaignrelstatus", false),
    textField(6, "createdtime", "vtiger_crmentity"),
    textField(7, "modifiedtime", "vtiger_crmentity"),
    textField(8, "budgetcost", "vtiger_campaign"),
  ],
};

Deno.test("isPhpEmpty: NULL, '', '0' and 0, nothing else", () => {
  for (const value of [null, undefined, "", "0", 0]) assert.equal(isPhpEmpty(value), true);
  for (const value of [" ", "0.0", "00", "0.00000000", "a", 1, "false"]) {
    assert.equal(isPhpEmpty(value), false, String(value));
  }
});

Deno.test("looselyDifferent: numeric strings compare as numbers, others as text", () => {
  assert.equal(looselyDifferent("1.00", "1"), false);
  assert.equal(looselyDifferent("300.00000000", "300"), false);
  assert.equal(looselyDifferent("1e2", "100"), false);
  assert.equal(looselyDifferent("12", "12.5"), true);
  assert.equal(looselyDifferent("abc", "abc"), false);
  assert.equal(looselyDifferent("abc", "ABC"), true);
  assert.equal(looselyDifferent("1", "1a"), true);
});

Deno.test("trackedValues: label, fields in fieldid order, record_id, record_module", () => {
  const values = trackedValues(CAMPAIGNS, {
    id: 7,
    label: "Spring",
    values: { campaignname: "Spring", campaignrelstatus: "x", numsent: null },
  });
  assert.deepEqual(values, [
    ["label", "Spring"],
    ["campaignname", "Spring"],
    ["campaign_no", null],
    ["campaignstatus", null],
    ["numsent", null],
    ["campaignrelstatus", null],
    ["createdtime", null],
    ["modifiedtime", null],
    ["budgetcost", null],
    ["record_id", "7"],
    ["record_module", "Campaigns"],
  ]);
});

Deno.test("creationDetails: every non-empty key in order, never modifiedtime", () => {
  const values = trackedValues(CAMPAIGNS, {
    id: 7,
    label: "Spring",
    values: {
      campaignname: "Spring",
      campaign_no: "CAM1",
      campaignstatus: "",
      numsent: "0",
      createdtime: "2024-05-01 10:00:00",
      modifiedtime: "2024-05-01 10:00:00",
      budgetcost: "0.00000000",
    },
  });
  assert.deepEqual(creationDetails(values), [
    { fieldname: "label", prevalue: null, postvalue: "Spring" },
    { fieldname: "campaignname", prevalue: null, postvalue: "Spring" },
    { fieldname: "campaign_no", prevalue: null, postvalue: "CAM1" },
    { fieldname: "createdtime", prevalue: null, postvalue: "2024-05-01 10:00:00" },
    { fieldname: "budgetcost", prevalue: null, postvalue: "0.00000000" },
    { fieldname: "record_id", prevalue: null, postvalue: "7" },
    { fieldname: "record_module", prevalue: null, postvalue: "Campaigns" },
  ]);
});

Deno.test("changeDetails", async (t) => {
  const before: Array<[string, string | null]> = [
    ["label", "Spring"],
    ["campaignname", "Spring"],
    ["campaignstatus", null],
    ["numsent", "0"],
    ["budgetcost", "300.00000000"],
    ["description", "old"],
    ["modifiedtime", "2024-05-01 10:00:00"],
  ];

  await t.step("nothing changed: no rows, whatever modifiedtime did", () => {
    const after = before.map(([key, value]): [string, string | null] => [
      key,
      key === "modifiedtime" ? "2024-05-02 10:00:00" : value,
    ]);
    assert.deepEqual(changeDetails(before, after), []);
  });

  await t.step("empty to non-empty, changed, emptied; loose equality is no change", () => {
    const after: Array<[string, string | null]> = [
      ["label", "Summer"],
      ["campaignname", "Summer"],
      ["campaignstatus", "Active"],
      ["numsent", "5"],
      ["budgetcost", "300"],
      ["description", ""],
      ["modifiedtime", "2024-05-02 10:00:00"],
    ];
    assert.deepEqual(changeDetails(before, after), [
      { fieldname: "label", prevalue: "Spring", postvalue: "Summer" },
      { fieldname: "campaignname", prevalue: "Spring", postvalue: "Summer" },
      { fieldname: "campaignstatus", prevalue: "", postvalue: "Active" },
      { fieldname: "numsent", prevalue: "0", postvalue: "5" },
      { fieldname: "description", prevalue: "old", postvalue: "" },
    ]);
  });

  await t.step("empty to another empty value is no change", () => {
    assert.deepEqual(
      changeDetails([["numsent", "0"], ["campaignstatus", null]], [
        ["numsent", ""],
        ["campaignstatus", "0"],
      ]),
      [],
    );
  });

  await t.step("a key missing before counts as empty", () => {
    assert.deepEqual(changeDetails([], [["website", "www.example.com"]]), [
      { fieldname: "website", prevalue: "", postvalue: "www.example.com" },
    ]);
  });
});

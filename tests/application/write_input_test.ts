/**
 * Preparing a write: extra inputs apart from fields, line items required and
 * checked, files only for Documents, task and event rules.
 */

import assert from "node:assert/strict";
import { prepareWrite } from "../../application/write_input.ts";
import type { ModuleDefinition } from "../../domain/module.ts";
import { standardInputs } from "../../domain/module_inputs.ts";
import { throwsDomainError } from "../domain/_assert_error.ts";

function moduleNamed(name: string, inputs: ModuleDefinition["inputs"]): ModuleDefinition {
  return {
    name,
    tabId: 1,
    baseTable: "t",
    baseIdColumn: "id",
    recordTables: {},
    fields: [],
    labelFields: [],
    ...(inputs === undefined ? {} : { inputs }),
  };
}

const INVOICE = moduleNamed("Invoice", {
  ...standardInputs("Invoice"),
  extras: new Set(["hdnS_H_Amount", "shtax1_sh_percent"]),
  lineFields: new Set(["productid", "quantity", "listprice"]),
  lineItems: {
    decimals: new Set(),
    texts: new Set(),
    checkboxes: new Set(),
    taxNames: new Set(["tax1"]),
  },
});
const ACCOUNTS = moduleNamed("Accounts", undefined);
const DOCUMENTS = moduleNamed("Documents", {
  fields: new Set(),
  computed: new Set(),
  extras: new Set(),
  upload: true,
});
const EVENTS = moduleNamed("Events", { ...standardInputs("Events"), extras: new Set() });
const TASKS = moduleNamed("Calendar", { ...standardInputs("Calendar"), extras: new Set() });
const LINE = { productid: "29", quantity: "2" };

Deno.test("an inventory create: lines checked, extras apart, the top productid tolerated", () => {
  const prepared = prepareWrite(INVOICE, {
    values: { subject: "S", hdnS_H_Amount: "10", productid: "29" },
    lineItems: [LINE],
  });
  assert.deepEqual(prepared.values, { subject: "S" });
  assert.deepEqual(prepared.extras.inputs, { hdnS_H_Amount: "10" });
  assert.equal(prepared.extras.lineItems?.[0].productId, 29);
  throwsDomainError(
    () => prepareWrite(INVOICE, { values: { productid: "30" }, lineItems: [LINE] }),
    "INVALID_FIELD_VALUE",
    "Field 'productid' belongs to a line item",
  );
  throwsDomainError(
    () => prepareWrite(INVOICE, { values: { quantity: "3" }, lineItems: [LINE] }),
    "INVALID_FIELD_VALUE",
    "Field 'quantity' belongs to a line item: send it in LineItems",
  );
  throwsDomainError(
    () => prepareWrite(INVOICE, { values: { subject: "S" } }),
    "MANDATORY_FIELDS_MISSING",
    "Records of module Invoice are created with their LineItems",
  );
  const update = prepareWrite(INVOICE, { values: { subject: "T" } }, { subject: "S" });
  assert.equal(update.extras.lineItems, undefined);
});

Deno.test("lines and files only where the module takes them", () => {
  throwsDomainError(
    () => prepareWrite(ACCOUNTS, { values: {}, lineItems: [LINE] }),
    "INVALID_FIELD_VALUE",
    "Records of module Accounts have no line items",
  );
  const upload = { name: "a.pdf", type: "application/pdf", bytes: new Uint8Array([1]) };
  throwsDomainError(
    () => prepareWrite(ACCOUNTS, { values: {}, upload }),
    "INVALID_FIELD_VALUE",
    "Records of module Accounts take no file; only Documents do",
  );
  const document = prepareWrite(DOCUMENTS, { values: { notes_title: "D" }, upload });
  assert.deepEqual(document.values, { notes_title: "D", filelocationtype: "I", filename: "a.pdf" });
  assert.equal(document.extras.upload, upload);
});

Deno.test("tasks and events: the task's type, no series, no end before the start", () => {
  assert.deepEqual(prepareWrite(TASKS, { values: { subject: "T" } }).values, { subject: "T" });
  // `Task` is no picklist value: the storage writes it, so the check never sees it.
  assert.deepEqual(prepareWrite(TASKS, { values: { activitytype: "Task" } }).values, {});
  throwsDomainError(
    () => prepareWrite(TASKS, { values: { activitytype: "Meeting" } }),
    "INVALID_FIELD_VALUE",
    "create other activities through Events",
  );
  throwsDomainError(
    () => prepareWrite(EVENTS, { values: { activitytype: "Task" } }),
    "INVALID_FIELD_VALUE",
    "Tasks are created through Calendar",
  );
  throwsDomainError(
    () => prepareWrite(EVENTS, { values: { recurringtype: "Daily" } }),
    "INVALID_FIELD_VALUE",
    "creates no occurrences",
  );
  const before = {
    date_start: "2027-01-21",
    time_start: "14:00",
    due_date: "2027-01-21",
    time_end: "15:30",
  };
  throwsDomainError(
    () => prepareWrite(EVENTS, { values: { time_end: "13:00" } }, before),
    "INVALID_FIELD_VALUE",
    "ends (2027-01-21 13:00) before it starts (2027-01-21 14:00)",
  );
  assert.deepEqual(prepareWrite(EVENTS, { values: { location: "X" } }, before).values, {
    location: "X",
  });
});

/**
 * Shaping stored records into the protocol's record objects.
 */

import assert from "node:assert/strict";
import { textField } from "../_fixtures/text_field.ts";
import type { ModuleDefinition } from "../../domain/module.ts";
import { fullGrant, visibleFields } from "../../domain/privileges.ts";
import { formatDateTime, shapeRecord, type StoredRecord } from "../../domain/record.ts";
import { DEMO_ACCOUNTS } from "../../adapters/memory/demo/demo_modules.ts";

/** A small module whose fields come in fieldid order, one of them off the record tables. */
const NOTES: ModuleDefinition = {
  name: "Notes",
  tabId: 8,
  baseTable: "vtiger_notes",
  baseIdColumn: "notesid",
  recordTables: { vtiger_crmentity: "crmid", vtiger_notes: "notesid" },
  labelFields: ["title"],
  fields: [
    textField(2, "title", "vtiger_notes"),
    textField(5, "note_no", "vtiger_notes"),
    textField(9, "filesize", "vtiger_notes"),
    textField(12, "folderid", "vtiger_attachmentsfolder", false),
    textField(30, "notecontent", "vtiger_notes"),
  ],
};

const NOW = new Date("2017-09-04T09:29:22.789Z");

Deno.test("formatDateTime", async (t) => {
  await t.step("YYYY-MM-DD HH:MM:SS, milliseconds dropped", () => {
    assert.equal(formatDateTime(NOW), "2017-09-04 09:29:22");
  });

  await t.step("always in UTC, whatever offset the instant was written with", () => {
    assert.equal(formatDateTime(new Date("2017-09-04T11:29:22+02:00")), "2017-09-04 09:29:22");
    assert.equal(formatDateTime(new Date("2017-01-01T00:30:00-05:00")), "2017-01-01 05:30:00");
  });

  await t.step("single digits are zero-padded", () => {
    assert.equal(formatDateTime(new Date(Date.UTC(2016, 0, 2, 3, 4, 5))), "2016-01-02 03:04:05");
  });
});

Deno.test("shapeRecord", async (t) => {
  const record: StoredRecord = {
    id: 42,
    ownerId: 1,
    values: {
      title: "Minutes",
      note_no: null,
      notecontent: "Ça va ? 東京",
      folderid: "7",
    },
  };
  const view = shapeRecord(NOTES, NOTES.fields, record, NOW);

  await t.step("fields in the given (fieldid) order, then the three extra keys", () => {
    assert.deepEqual(Object.keys(view), [
      "title",
      "note_no",
      "filesize",
      "folderid",
      "notecontent",
      "record_id",
      "record_module",
      "api_date_now",
    ]);
  });

  await t.step("NULL and missing values are empty strings; text is kept as is", () => {
    assert.equal(view.title, "Minutes");
    assert.equal(view.note_no, "");
    assert.equal(view.filesize, "");
    assert.equal(view.notecontent, "Ça va ? 東京");
  });

  await t.step("a field off the record tables is an empty string even if a value came", () => {
    assert.equal(view.folderid, "");
  });

  await t.step("record_id, record_module, api_date_now", () => {
    assert.equal(view.record_id, "42");
    assert.equal(view.record_module, "Notes");
    assert.equal(view.api_date_now, "2017-09-04 09:29:22");
    assert.match(view.api_date_now, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  await t.step("every value is a string", () => {
    for (const [key, value] of Object.entries(view)) assert.equal(typeof value, "string", key);
  });

  await t.step("only the given fields appear (fields hidden from the user are left out)", () => {
    const shown = NOTES.fields.filter((f) => f.name !== "filesize");
    const partial = shapeRecord(NOTES, shown, record, NOW);
    assert.equal(Object.hasOwn(partial, "filesize"), false);
    assert.equal(Object.keys(partial).length, 7);
  });

  await t.step("Accounts: every README field in fieldid order", () => {
    const ids = DEMO_ACCOUNTS.fields.map((f) => f.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), "module fields come in fieldid order");
    const fields = visibleFields(DEMO_ACCOUNTS, {
      ...fullGrant(),
      hiddenFields: new Set(["annual_revenue"]),
    });
    const shaped = shapeRecord(DEMO_ACCOUNTS, fields, {
      id: 3,
      ownerId: 1,
      values: { accountname: "MEDIA 3+", annual_revenue: "0.00000000", campaignrelstatus: "x" },
    }, NOW);
    const keys = Object.keys(shaped);
    assert.equal(keys[0], "accountname");
    assert.deepEqual(keys.slice(-5), [
      "campaignrelstatus",
      "isconvertedfromlead",
      "record_id",
      "record_module",
      "api_date_now",
    ]);
    assert.equal(keys.includes("annual_revenue"), false);
    assert.equal(keys.length, DEMO_ACCOUNTS.fields.length - 1 + 3);
    assert.equal(shaped.campaignrelstatus, "");
    assert.equal(shaped.record_module, "Accounts");
  });
});

/**
 * The generated shapers: the same answer as the rules say, one per field set,
 * and names from metadata that stay plain keys whatever they spell.
 */

import assert from "node:assert/strict";
import { textField } from "../_fixtures/text_field.ts";
import type { ModuleDefinition } from "../../domain/module.ts";
import { recordShaper } from "../../domain/record_shaper.ts";

const ODD: ModuleDefinition = {
  name: 'Odd"Module',
  tabId: 99,
  baseTable: "vtiger_odd",
  baseIdColumn: "oddid",
  recordTables: { vtiger_crmentity: "crmid", vtiger_odd: "oddid" },
  labelFields: ["name"],
  fields: [
    textField(1, "name", "vtiger_odd"),
    textField(2, 'quo"te\\back\nline', "vtiger_odd"),
    textField(3, "__proto__", "vtiger_odd"),
    textField(4, "constructor", "vtiger_odd"),
    textField(5, "elsewhere", "vtiger_other", false),
  ],
};

const RECORD = {
  id: 7,
  ownerId: 1,
  values: {
    name: "Seven",
    'quo"te\\back\nline': "odd",
    ["__proto__"]: "proto",
    constructor: null,
    elsewhere: "ignored",
  },
};

Deno.test("names with quotes, backslashes and newlines are keys, never code", () => {
  const view = recordShaper(ODD, ODD.fields)(RECORD, "2020-01-02 03:04:05");
  assert.equal(view['quo"te\\back\nline'], "odd");
  assert.equal(view.record_module, 'Odd"Module');
  assert.equal(view.api_date_now, "2020-01-02 03:04:05");
});

Deno.test("a field named __proto__ is an own key, and the prototype is untouched", () => {
  const view = recordShaper(ODD, ODD.fields)(
    {
      ...RECORD,
      values: Object.defineProperty({ ...RECORD.values }, "__proto__", {
        value: "proto",
        enumerable: true,
      }),
    },
    "now",
  );
  assert.ok(Object.hasOwn(view, "__proto__"));
  assert.equal(Object.getPrototypeOf(view), Object.prototype);
  assert.deepEqual(Object.keys(view).slice(0, 5), [
    "name",
    'quo"te\\back\nline',
    "__proto__",
    "constructor",
    "elsewhere",
  ]);
});

Deno.test("NULL is an empty string, and a field off the record tables is always empty", () => {
  const view = recordShaper(ODD, ODD.fields)(RECORD, "now");
  assert.equal(view.constructor, "");
  assert.equal(view.elsewhere, "");
});

Deno.test("one shaper per module and field set", () => {
  const all = recordShaper(ODD, ODD.fields);
  assert.equal(recordShaper(ODD, [...ODD.fields]), all);
  const fewer = recordShaper(ODD, ODD.fields.slice(1));
  assert.notEqual(fewer, all);
  assert.equal(Object.hasOwn(fewer(RECORD, "now"), "name"), false);
});

Deno.test("extras come after the fields, line fields stay out, hidden keys leave the extras", () => {
  const invoice: ModuleDefinition = {
    ...ODD,
    name: "Invoice",
    fields: [
      textField(1, "name", "vtiger_odd"),
      textField(2, "productid", "vtiger_odd"),
      textField(3, "secret", "vtiger_odd"),
    ],
    inputs: {
      fields: new Set(),
      computed: new Set(),
      extras: new Set(),
      lineFields: new Set(["productid"]),
    },
  };
  const visible = invoice.fields.filter((field) => field.name !== "secret");
  const shape = recordShaper(invoice, visible);
  const view = shape({
    id: 9,
    ownerId: 1,
    values: { name: "Nine", productid: "12", secret: "s" },
    extras: { LineItems: [{ productid: "12", secret: "s", quantity: "2" }] },
  }, "now");
  assert.deepEqual(Object.keys(view), [
    "name",
    "LineItems",
    "record_id",
    "record_module",
    "api_date_now",
  ]);
  assert.deepEqual(view.LineItems, [{ productid: "12", quantity: "2" }]);
  const plain = shape({ id: 10, ownerId: 1, values: { name: "Ten" } }, "now");
  assert.deepEqual(Object.keys(plain), ["name", "record_id", "record_module", "api_date_now"]);
});

/**
 * Shaping stored records for the protocol at list speed: one function per
 * module and set of visible fields, generated once, that builds a record's
 * object in a single literal (every key known in advance, so all records of
 * a page share one object shape and nothing intermediate is made).
 *
 * The generated source holds only string literals made by `JSON.stringify`
 * from metadata (field and module names), never code from outside.
 *
 * @module
 */

import type { FieldDefinition } from "./field.ts";
import type { ModuleDefinition } from "./module.ts";
import type { RecordExtraObject, RecordView, StoredRecord } from "./record.ts";

/** Shapes one stored record; `now` is `api_date_now`, formatted once per answer. */
export type RecordShaper = (record: StoredRecord, now: string) => RecordView;

/** How many field sets of one module keep their shaper (roles rarely differ in more). */
const SHAPERS_PER_MODULE = 64;

const shapers = new WeakMap<ModuleDefinition, Map<string, RecordShaper>>();

/** `"key": ` for the object literal; `__proto__` only as a computed key, which makes it an own key. */
function keySource(name: string): string {
  return name === "__proto__" ? `[${JSON.stringify(name)}]: ` : `${JSON.stringify(name)}: `;
}

/** The fields a record shows: the visible ones, an inventory record's line fields excepted. */
function shownFields(
  module: ModuleDefinition,
  fields: readonly FieldDefinition[],
): FieldDefinition[] {
  // An inventory record's line fields come in its LineItems, not as the first line's values.
  const lineFields = module.inputs?.lineFields;
  return fields.filter((field) => !lineFields?.has(field.name));
}

/** An extra's object without the keys that are fields of the module the caller may not see. */
function withoutHiddenFields(
  module: ModuleDefinition,
  visible: readonly FieldDefinition[],
  item: RecordExtraObject,
): RecordExtraObject {
  const shown = new Set(visible.map((field) => field.name));
  const hidden = new Set(
    module.fields.map((field) => field.name).filter((name) => !shown.has(name)),
  );
  return Object.fromEntries(Object.entries(item).filter(([key]) => !hidden.has(key)));
}

/** The shaper of records with extras (line items, taxes): field by field, then the extras. */
function extrasShaper(module: ModuleDefinition, fields: readonly FieldDefinition[]): RecordShaper {
  const shown = shownFields(module, fields);
  return (record, now) => {
    const view: RecordView = {};
    for (const field of shown) {
      view[field.name] = field.onRecordTable ? record.values[field.name] ?? "" : "";
    }
    for (const [key, value] of Object.entries(record.extras ?? {})) {
      view[key] = Array.isArray(value)
        ? value.map((item) => withoutHiddenFields(module, fields, item))
        : value;
    }
    view.record_id = String(record.id);
    view.record_module = module.name;
    view.api_date_now = now;
    return view;
  };
}

function generate(module: ModuleDefinition, fields: readonly FieldDefinition[]): RecordShaper {
  const entries = shownFields(module, fields).map((field) =>
    keySource(field.name) +
    (field.onRecordTable ? `values[${JSON.stringify(field.name)}] ?? ""` : `""`)
  );
  entries.push(
    `${keySource("record_id")}String(record.id)`,
    `${keySource("record_module")}${JSON.stringify(module.name)}`,
    `${keySource("api_date_now")}now`,
  );
  const source = `"use strict";
return function shape(record, now) {
  if (record.extras !== undefined) return withExtras(record, now);
  const values = record.values;
  return {
    ${entries.join(",\n    ")},
  };
};`;
  return new Function("withExtras", source)(extrasShaper(module, fields)) as RecordShaper;
}

/**
 * The shaper of the module for these fields (in `fieldid` order): each field
 * in order (an inventory record's line fields excepted: they come in its
 * `LineItems`), NULL and missing values as `""`, fields off the record tables
 * as `""`, the module's extras, then `record_id`, `record_module` and
 * `api_date_now`.
 */
export function recordShaper(
  module: ModuleDefinition,
  fields: readonly FieldDefinition[],
): RecordShaper {
  let byFields = shapers.get(module);
  if (byFields === undefined) {
    byFields = new Map();
    shapers.set(module, byFields);
  }
  const key = fields.map((field) => field.name).join("\n");
  let shaper = byFields.get(key);
  if (shaper === undefined) {
    if (byFields.size >= SHAPERS_PER_MODULE) byFields.clear();
    shaper = generate(module, fields);
    byFields.set(key, shaper);
  }
  return shaper;
}

/**
 * Checks of the values a client writes, against the module's metadata and the
 * user's grant. Checks that need storage (picklist values, references) are
 * left to the use case; this module says which fields need them.
 *
 * @module
 */

import { excerpt } from "./excerpt.ts";
import { DomainError, invalidFieldValue } from "./errors.ts";
import {
  type FieldDefinition,
  isClientWritable,
  isRecordReference,
  isUserReference,
  UITYPE_OWNER,
} from "./field.ts";
import { findField, type ModuleDefinition } from "./module.ts";
import type { ModuleGrant } from "./privileges.ts";
import type { FieldValues } from "./record.ts";
import { normalizeValue, VALUE_KIND_FORMS, valueKindOf } from "./value_kind.ts";

/** Whether values are for a new record or change an existing one. */
export type WriteMode = "create" | "update";

/**
 * Normalizes one non-empty value by the field's kind, or throws
 * `INVALID_FIELD_VALUE`. A time is kept as written (`09:30` or `09:30:00`),
 * as Vtiger's webservice stores it in its text column.
 */
function normalizeTyped(field: FieldDefinition, value: string): string {
  const kind = valueKindOf(field);
  const normalized = normalizeValue(kind, value);
  if (normalized === undefined) {
    throw invalidFieldValue(
      field.name,
      `Field '${field.name}' must be ${VALUE_KIND_FORMS[kind]}, not '${excerpt(value)}'`,
    );
  }
  return kind === "time" ? value : normalized;
}

/**
 * Whether a value is for a field the install switched off (`presence = 1`),
 * which Vtiger's webservice accepts and does not store: dropped, not refused.
 */
function isIgnoredField(module: ModuleDefinition, grant: ModuleGrant, name: string): boolean {
  return (module.ignoredFields ?? []).includes(name) && !grant.hiddenFields.has(name) &&
    findField(module, name) === undefined;
}

function requireWritableField(
  module: ModuleDefinition,
  grant: ModuleGrant,
  name: string,
): FieldDefinition {
  const field = findField(module, name);
  if (field === undefined || grant.hiddenFields.has(name)) {
    throw invalidFieldValue(
      name,
      `Field '${excerpt(name)}' is not a field of module ${module.name}`,
    );
  }
  if (!isTakenOnWrite(module, field) || grant.readOnlyFields.has(name)) {
    throw invalidFieldValue(name, `Field '${name}' of module ${module.name} is read-only`);
  }
  return field;
}

/**
 * Whether a write may carry the field: a plainly writable one, or one the
 * module's own save takes although its display type hides it
 * (`module_inputs.ts`).
 */
function isTakenOnWrite(module: ModuleDefinition, field: FieldDefinition): boolean {
  if (isClientWritable(field)) return true;
  const inputs = module.inputs;
  return field.onRecordTable && inputs !== undefined &&
    (inputs.fields.has(field.name) || inputs.computed.has(field.name));
}

/**
 * Checks every value against its field: known, visible and writable to the
 * user, of the right type and length, and, on an update, not emptying a
 * mandatory field. On a create an empty mandatory value is kept as `""`, so
 * that {@linkcode requireMandatoryFields} names it with every other missing
 * one (Vtiger's webservice, too, treats an empty mandatory value as missing).
 * Returns the values normalized (checkbox `on` → `1`, `+7` → `7`).
 */
export function checkFieldValues(
  module: ModuleDefinition,
  grant: ModuleGrant,
  values: FieldValues,
  mode: WriteMode,
): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, raw] of Object.entries(values)) {
    if (isIgnoredField(module, grant, name)) continue;
    const field = requireWritableField(module, grant, name);
    const value = raw.trim();
    if (field.fixedValue !== undefined && value !== "" && value !== field.fixedValue) {
      throw invalidFieldValue(
        name,
        `Field '${name}' of module ${module.name} can only be '${field.fixedValue}', not '${
          excerpt(value)
        }'`,
      );
    }
    if (value === "") {
      if (field.mandatory && mode === "update") {
        throw invalidFieldValue(name, `Field '${name}' is mandatory and cannot be empty`);
      }
      checked[name] = "";
      continue;
    }
    const normalized = normalizeTyped(field, value);
    if (field.maxLength !== undefined && [...normalized].length > field.maxLength) {
      throw invalidFieldValue(
        name,
        `Field '${name}' holds at most ${field.maxLength} characters, not ${
          [...normalized].length
        }`,
      );
    }
    checked[name] = normalized;
  }
  return withDerivedTimes(module, values, checked);
}

/**
 * Completes checked values with what Vtiger derives from them: the time part
 * of a date-and-time value stored as a date (`date_start` `2017-09-04 10:30`)
 * goes to its time field (`time_start` `10:30:00`) unless that was given.
 */
function withDerivedTimes(
  module: ModuleDefinition,
  given: FieldValues,
  checked: Record<string, string>,
): Record<string, string> {
  for (const field of module.fields) {
    const value = checked[field.name];
    if (field.timeField === undefined || value === undefined) continue;
    if (Object.hasOwn(given, field.timeField)) continue;
    // Only a time that was sent: a bare date leaves the time field to the client.
    if ((given[field.name] ?? "").trim().length <= 10) continue;
    const time = value.slice(11);
    if (/^\d{2}:\d{2}:\d{2}$/.test(time)) checked[field.timeField] = time;
  }
  return checked;
}

/**
 * The mandatory fields a create must carry but does not. The owner is filled
 * in for the client, and the record number is Vtiger's; field defaults are
 * not, as Vtiger's own webservice does not apply them either. Fields a
 * module's save computes or derives (`module_inputs.ts`) are not asked for.
 */
export function missingMandatoryFields(
  module: ModuleDefinition,
  grant: ModuleGrant,
  values: FieldValues,
): string[] {
  return module.fields
    .filter((field) =>
      field.mandatory && isClientWritable(field) && field.uitype !== UITYPE_OWNER &&
      field.derived !== true &&
      !grant.hiddenFields.has(field.name) && !grant.readOnlyFields.has(field.name) &&
      (values[field.name] ?? "") === ""
    )
    .map((field) => field.name);
}

/** Throws `MANDATORY_FIELDS_MISSING` naming every missing mandatory field. */
export function requireMandatoryFields(
  module: ModuleDefinition,
  grant: ModuleGrant,
  values: FieldValues,
): void {
  const missing = missingMandatoryFields(module, grant, values);
  if (missing.length > 0) {
    throw new DomainError(
      "MANDATORY_FIELDS_MISSING",
      `Mandatory fields of module ${module.name} are missing: ${missing.join(", ")}`,
      { fields: missing },
    );
  }
}

/** The fields of the module that the values set to something, in the values' order. */
function fieldsSetIn(module: ModuleDefinition, values: FieldValues): FieldDefinition[] {
  return Object.keys(values)
    .map((name) => findField(module, name))
    .filter((field): field is FieldDefinition => field !== undefined && values[field.name] !== "");
}

/** Fields among the values whose value must be one of a picklist's values. */
export function picklistFieldsIn(
  module: ModuleDefinition,
  values: FieldValues,
): FieldDefinition[] {
  return fieldsSetIn(module, values).filter((field) =>
    field.picklist !== undefined && field.fixedValue === undefined
  );
}

/**
 * Fields among the values that point to another record, a user or a group.
 * `"0"` is "none" for a reference, but a record always has an owner, so the
 * owner's `"0"` is checked too (and refused).
 */
export function referenceFieldsIn(
  module: ModuleDefinition,
  values: FieldValues,
): FieldDefinition[] {
  return fieldsSetIn(module, values).filter((field) =>
    field.uitype === UITYPE_OWNER ||
    (values[field.name] !== "0" && (isUserReference(field) || isRecordReference(field)))
  );
}

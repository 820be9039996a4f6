/**
 * The portable type of a Vtiger field, as discovery reports it: derived from
 * its uitype first (owners, picklists, references, money, e-mail, phone, URL,
 * long text, check boxes), then from the type letter of its `typeofdata`.
 *
 * @module
 */

import { type FieldDefinition, isRecordReference, isUserReference, UITYPE_OWNER } from "./field.ts";

/** Every type a field can be described as. */
export const FIELD_TYPES = [
  "string",
  "text",
  "integer",
  "decimal",
  "currency",
  "date",
  "datetime",
  "time",
  "boolean",
  "email",
  "phone",
  "url",
  "picklist",
  "multipicklist",
  "reference",
  "owner",
] as const;

/** One of {@linkcode FIELD_TYPES}. */
export type FieldType = typeof FIELD_TYPES[number];

/** Uitypes whose type does not follow from `typeofdata` (Vtiger's `vtiger_ws_fieldtype`). */
const TYPE_BY_UITYPE: Readonly<Record<number, FieldType>> = {
  11: "phone",
  13: "email",
  17: "url",
  19: "text",
  20: "text",
  21: "text",
  24: "text",
  56: "boolean",
  71: "currency",
  72: "currency",
  104: "email",
};

/** The type letters of `typeofdata` and what they hold. */
const TYPE_BY_DATA_TYPE: Readonly<Record<string, FieldType>> = {
  D: "date",
  DT: "datetime",
  T: "time",
  I: "integer",
  N: "decimal",
  NN: "decimal",
  C: "boolean",
  E: "email",
};

/** The field's type: what its value means, not how Vtiger stores it. */
export function fieldTypeOf(field: FieldDefinition): FieldType {
  if (field.uitype === UITYPE_OWNER || isUserReference(field)) return "owner";
  if (field.picklist === "multi") return "multipicklist";
  if (field.picklist !== undefined) return "picklist";
  if (isRecordReference(field)) return "reference";
  return TYPE_BY_UITYPE[field.uitype] ?? TYPE_BY_DATA_TYPE[field.dataType] ?? "string";
}

/**
 * What kind of value a field holds (integer, number, date, ...), and the one
 * rule for reading a client's text as that kind. Writes (`field_values.ts`)
 * and filters (`criteria.ts`) both check values through it, so that a value
 * a filter accepts is a value a field could hold.
 *
 * @module
 */

import {
  type FieldDefinition,
  isRecordReference,
  isUserReference,
  UITYPE_OWNER,
  VTIGER_INT_MAX,
} from "./field.ts";

/** The kinds of value a column holds, as far as checking and comparing go. */
export const VALUE_KINDS = [
  "text",
  "email",
  "integer",
  "id",
  "number",
  "date",
  "datetime",
  "time",
  "checkbox",
] as const;

/** One kind of value. */
export type ValueKind = typeof VALUE_KINDS[number];

/** How each kind is described to a client whose value does not fit it. */
export const VALUE_KIND_FORMS: Readonly<Record<ValueKind, string>> = {
  text: "text",
  email: "an e-mail address",
  integer: "an integer",
  id: "a record or user id",
  number: "a number",
  date: "a date YYYY-MM-DD",
  datetime: "a date and time YYYY-MM-DD HH:MM:SS",
  time: "a time HH:MM:SS",
  checkbox: "0 or 1",
};

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d))?$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const ID = /^\d+$/;

/** The smallest value of Vtiger's INT columns. */
export const VTIGER_INT_MIN = -2147483648;

// Maps, not plain objects: a client's `constructor` or `__proto__` must find nothing.
const CHECKBOX_WORDS: ReadonlyMap<string, string> = new Map([
  ["1", "1"],
  ["0", "0"],
  ["on", "1"],
  ["off", "0"],
  ["yes", "1"],
  ["no", "0"],
  ["true", "1"],
  ["false", "0"],
]);

/** The data types of `typeofdata` that map to a kind other than text. */
const KIND_BY_DATA_TYPE: ReadonlyMap<string, ValueKind> = new Map([
  ["I", "integer"],
  ["N", "number"],
  ["NN", "number"],
  ["D", "date"],
  ["DT", "datetime"],
  ["T", "time"],
  ["E", "email"],
  ["C", "checkbox"],
]);

/**
 * The kind of a field's values: references (owner, users, records) hold ids
 * whatever their `typeofdata` says; otherwise the type part of `typeofdata`
 * decides, and anything else is text.
 */
export function valueKindOf(field: FieldDefinition): ValueKind {
  if (field.uitype === UITYPE_OWNER || isUserReference(field) || isRecordReference(field)) {
    return "id";
  }
  return KIND_BY_DATA_TYPE.get(field.dataType) ?? "text";
}

function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
}

function normalizeTime(text: string): string | undefined {
  const match = TIME.exec(text);
  if (match === null) return undefined;
  return `${match[1]}:${match[2]}:${match[4] ?? "00"}`;
}

function normalizeDateTime(text: string): string | undefined {
  const [date = "", time = "00:00:00", extra] = text.split(" ");
  const normalized = normalizeTime(time);
  if (extra !== undefined || !isRealDate(date) || normalized === undefined) return undefined;
  return `${date} ${normalized}`;
}

/**
 * Reads a non-empty value as the given kind and returns it in the form the
 * database stores (`+7` → `7`, `on` → `1`, `09:30` → `09:30:00`, a date alone
 * → that day at `00:00:00` for a date and time), or `undefined` when the text
 * cannot be a value of that kind. Text is returned as given.
 */
export function normalizeValue(kind: ValueKind, value: string): string | undefined {
  switch (kind) {
    case "text":
      return value;
    case "email":
      return EMAIL.test(value) ? value : undefined;
    case "integer":
      return INTEGER.test(value) && Number(value) >= VTIGER_INT_MIN &&
          Number(value) <= VTIGER_INT_MAX
        ? String(Number(value))
        : undefined;
    case "id":
      return ID.test(value) && Number(value) <= VTIGER_INT_MAX ? String(Number(value)) : undefined;
    case "number":
      // Beyond a double's range a number becomes Infinity, which no column holds or compares.
      return DECIMAL.test(value) && Number.isFinite(Number(value)) ? value : undefined;
    case "date":
      return isRealDate(value) ? value : undefined;
    case "datetime":
      return normalizeDateTime(value);
    case "time":
      return normalizeTime(value);
    case "checkbox":
      return CHECKBOX_WORDS.get(value.toLowerCase());
  }
}

/** Whether values of the kind are compared as numbers (else as text, dates included). */
export function isNumericKind(kind: ValueKind): boolean {
  return kind === "integer" || kind === "id" || kind === "number";
}

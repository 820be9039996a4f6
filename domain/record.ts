/**
 * Records as repositories hand them over, and the shape the protocol returns.
 *
 * @module
 */

import { invalidParameter } from "./errors.ts";
import { type FieldDefinition, VTIGER_INT_MAX } from "./field.ts";
import type { ModuleDefinition } from "./module.ts";
import { formatDateTime } from "./time_zone.ts";
import { excerpt } from "./excerpt.ts";

/** A record as read from storage: raw values keyed by field name. */
export interface StoredRecord {
  /** The crmid. */
  readonly id: number;
  /** The owner (`smownerid`): a user or group id. */
  readonly ownerId: number;
  /** Values keyed by field name; `null` for SQL NULL. Fields not on record tables may be absent. */
  readonly values: Readonly<Record<string, string | null>>;
}

/** A record as the protocol returns it: every value a string. */
export type RecordView = Record<string, string>;

/** Field values a client sends for a create or update, keyed by field name. */
export type FieldValues = Readonly<Record<string, string>>;

export { formatDateTime } from "./time_zone.ts";

/**
 * Shapes a stored record for the protocol: the given fields in `fieldid` order,
 * NULL and missing values as `""`, then `record_id`, `record_module` and
 * `api_date_now` (the install's wall-clock time, as the record's times are).
 */
export function shapeRecord(
  module: ModuleDefinition,
  fields: readonly FieldDefinition[],
  record: StoredRecord,
  now: Date,
  timeZone?: string,
): RecordView {
  const view: RecordView = {};
  for (const field of fields) {
    view[field.name] = field.onRecordTable ? record.values[field.name] ?? "" : "";
  }
  view.record_id = String(record.id);
  view.record_module = module.name;
  view.api_date_now = formatDateTime(now, timeZone);
  return view;
}

/** Parses a record id: a positive integer that fits Vtiger's INT column, else `INVALID_PARAMETER`. */
export function parseRecordId(id: string | number): number {
  const text = String(id).trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > VTIGER_INT_MAX) {
    throw invalidParameter(
      `Record id '${excerpt(text)}' is not a whole number from 1 to ${VTIGER_INT_MAX}`,
    );
  }
  return value;
}

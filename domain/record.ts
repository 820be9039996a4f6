/**
 * Records as repositories hand them over, and the shape the protocol returns.
 *
 * @module
 */

import { invalidParameter } from "./errors.ts";
import { type FieldDefinition, VTIGER_INT_MAX } from "./field.ts";
import type { ModuleDefinition } from "./module.ts";
import { recordShaper } from "./record_shaper.ts";
import { formatDateTime } from "./time_zone.ts";
import { excerpt } from "./excerpt.ts";

/** A group of values a module returns with its records besides its fields (a line item). */
export type RecordExtraObject = Readonly<Record<string, string | readonly string[]>>;

/**
 * A value a module returns with its records besides its fields: text (a
 * product's `tax4`), a list of objects (an invoice's `LineItems`) or an
 * object (an event's `recurrence`).
 */
export type RecordExtra = string | readonly RecordExtraObject[] | RecordExtraObject;

/** A record as read from storage: raw values keyed by field name. */
export interface StoredRecord {
  /** The crmid. */
  readonly id: number;
  /** The owner (`smownerid`): a user or group id. */
  readonly ownerId: number;
  /** Values keyed by field name; `null` for SQL NULL. Fields not on record tables may be absent. */
  readonly values: Readonly<Record<string, string | null>>;
  /** What the module adds to its records (`LineItems`, taxes, `recurrence`), by key. */
  readonly extras?: Readonly<Record<string, RecordExtra>>;
}

/**
 * A record as the protocol returns it: every field value a string; the few
 * modules that add structured values (`LineItems`) add them after the fields.
 */
export type RecordView = Record<string, RecordExtra>;

/** Field values a client sends for a create or update, keyed by field name. */
export type FieldValues = Readonly<Record<string, string>>;

export { formatDateTime } from "./time_zone.ts";

/**
 * Shapes a stored record for the protocol: the given fields in `fieldid` order
 * (an inventory record's line fields excepted: they come in its `LineItems`),
 * NULL and missing values as `""`, the module's extras, then `record_id`,
 * `record_module` and `api_date_now` (the install's wall-clock time, as the
 * record's times are). To shape many records, take {@linkcode recordShaper}
 * once.
 */
export function shapeRecord(
  module: ModuleDefinition,
  fields: readonly FieldDefinition[],
  record: StoredRecord,
  now: Date,
  timeZone?: string,
): RecordView {
  return recordShaper(module, fields)(record, formatDateTime(now, timeZone));
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

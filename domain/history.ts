/**
 * ModTracker's rules: which keys of a record a history entry lists, as
 * Vtiger's `ModTrackerHandler` compares a record before and after a save.
 *
 * - The keys, in order: `label`, every field of the module in `fieldid`
 *   order, `record_id`, `record_module`; `modifiedtime` is never listed.
 * - On create, every key whose value PHP's `empty()` accepts (`""`, `"0"`,
 *   NULL) is left out; the previous value is NULL.
 * - On update, a key is listed when its old value was empty and the new one
 *   is not, or its old value was not empty and differs from the new one as
 *   PHP's loose `!=` sees it (numeric strings compare as numbers); the
 *   previous value is the old one (`""` for NULL). Nothing changed, no rows.
 *
 * @module
 */

import type { ModuleDefinition } from "./module.ts";

/** One key of a history entry (a `vtiger_modtracker_detail` row). */
export interface HistoryDetail {
  /** Field name, or `label`, `record_id`, `record_module`. */
  readonly fieldname: string;
  /** The old value: `null` on create. */
  readonly prevalue: string | null;
  /** The new value. */
  readonly postvalue: string;
}

/** A record's values as ModTracker compares them: key and value, in its order. */
export type TrackedValues = ReadonlyArray<readonly [key: string, value: string | null]>;

/** The one key ModTracker never lists. */
const UNTRACKED_KEY = "modifiedtime";

/** PHP's `empty()` on a database value: NULL, `""`, `"0"` and `0`. */
export function isPhpEmpty(value: string | number | null | undefined): boolean {
  return value === null || value === undefined || value === "" || value === "0" || value === 0;
}

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** PHP's loose `!=` on two strings: numeric strings compare as numbers. */
export function looselyDifferent(left: string, right: string): boolean {
  if (NUMERIC.test(left) && NUMERIC.test(right)) return Number(left) !== Number(right);
  return left !== right;
}

/**
 * The keys ModTracker compares for a record, in its order: `label`, the
 * module's fields in `fieldid` order (NULL for a field off the record
 * tables or without a value), `record_id`, `record_module`.
 */
export function trackedValues(
  module: ModuleDefinition,
  record: {
    readonly id: number;
    readonly label: string;
    readonly values: Readonly<Record<string, string | null | undefined>>;
  },
): Array<[string, string | null]> {
  return [
    ["label", record.label],
    ...module.fields.map((field): [string, string | null] => [
      field.name,
      field.onRecordTable ? record.values[field.name] ?? null : null,
    ]),
    ["record_id", String(record.id)],
    ["record_module", module.name],
  ];
}

/** The details of a creation: every key whose value is not PHP-empty, previous value NULL. */
export function creationDetails(values: TrackedValues): HistoryDetail[] {
  return values
    .filter(([key, value]) => key !== UNTRACKED_KEY && !isPhpEmpty(value))
    .map(([fieldname, value]) => ({ fieldname, prevalue: null, postvalue: value ?? "" }));
}

/**
 * The details of an update, for each key of `after`: listed when it became
 * non-empty, or was non-empty and loosely changed; the previous value is the
 * old one (`""` when there was none).
 */
export function changeDetails(before: TrackedValues, after: TrackedValues): HistoryDetail[] {
  const old = new Map(before);
  const details: HistoryDetail[] = [];
  for (const [fieldname, next] of after) {
    if (fieldname === UNTRACKED_KEY) continue;
    const previous = old.get(fieldname) ?? null;
    const changed = isPhpEmpty(previous)
      ? !isPhpEmpty(next)
      : looselyDifferent(previous ?? "", next ?? "");
    if (changed) details.push({ fieldname, prevalue: previous ?? "", postvalue: next ?? "" });
  }
  return details;
}

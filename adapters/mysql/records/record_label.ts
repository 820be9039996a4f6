/**
 * The label a write will leave on a record, known before the record is read
 * back: the label fields' values as they are stored (given, or kept), joined
 * as Vtiger's label updater joins them. A create or update writes it with the
 * record's `vtiger_crmentity` row, in the same statement, rather than in one
 * more after reading the record back; the read-back label is still compared
 * and written when they differ (a value the column stored differently), so
 * the stored label is always the one Vtiger derives from the stored record
 * (an update passes the `previous` label, which F-RevoCRM keeps when the new
 * one is empty).
 *
 * @module
 */

import { findField } from "../../../domain/module.ts";
import type { ModuleStorage } from "../catalog/module_storage.ts";
import { labelOf } from "./record_read.ts";
import { columnOf, storedValue } from "./stored_values.ts";
import { toText } from "./record_select.ts";

/**
 * The label of the record once `given` is stored: over `current`, the values
 * it has (an update), or as a new record whose fields not given take their
 * empty values (a create, without `current`).
 */
export function expectedLabel(
  storage: ModuleStorage,
  given: Readonly<Record<string, string>>,
  current?: Readonly<Record<string, string | null>>,
  previous?: string | null,
): string {
  const values: Record<string, string | null> = {};
  for (const name of storage.module.labelFields) {
    const field = findField(storage.module, name);
    const table = storage.tables.find((candidate) => candidate.name === field?.table);
    const kept = current !== undefined && !Object.hasOwn(given, name);
    if (field === undefined || table === undefined || kept) {
      values[name] = current?.[name] ?? null;
      continue;
    }
    values[name] = toText(storedValue(field, columnOf(table.info, field), given[name]));
  }
  return labelOf(storage, { id: 0, ownerId: 0, values }, previous);
}

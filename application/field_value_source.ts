/**
 * Where a create or update gets its field values: given outright (library
 * use), or read lazily (an HTTP body), so that nothing is read before the
 * caller is known to be allowed to write.
 *
 * @module
 */

import type { FieldValues } from "../domain/record.ts";

/**
 * Field values, or a function that reads them. A write use case calls the
 * function only once the token, the module, the action and (for an update)
 * the record have been checked: a request body is then never read, nor held
 * in memory, for a caller who may not write.
 */
export type FieldValueSource = FieldValues | (() => Promise<FieldValues>);

/** The values of a source, reading them if they are not given outright. */
export async function readFieldValueSource(source: FieldValueSource): Promise<FieldValues> {
  return typeof source === "function" ? await source() : source;
}

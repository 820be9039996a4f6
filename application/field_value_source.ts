/**
 * Where a create or update gets what it writes: given outright (library
 * use), or read lazily (an HTTP body), so that nothing is read before the
 * caller is known to be allowed to write.
 *
 * @module
 */

import type { FieldValues } from "../domain/record.ts";
import type { WriteInput } from "./write_input.ts";

/**
 * Field values, or a function that reads them, or the whole write (field
 * values, line items, a file). A write use case calls the function only once the
 * token, the module, the action and (for an update) the record have been
 * checked: a request body is then never read, nor held in memory, for a
 * caller who may not write.
 */
export type FieldValueSource = FieldValues | (() => Promise<FieldValues | WriteInput>);

/** What a write use case is given: its values (or their reader), and the rest when given outright. */
export interface WriteSource {
  /** The field values, or a reader of the whole write. */
  readonly values: FieldValueSource;
  /** Inventory lines, when the values are given outright. */
  readonly lineItems?: WriteInput["lineItems"];
  /** A Documents file, when the values are given outright. */
  readonly upload?: WriteInput["upload"];
}

/** Whether a reader's result is a whole write rather than bare field values (strings only). */
function isWriteInput(read: FieldValues | WriteInput): read is WriteInput {
  return typeof read.values === "object" && read.values !== null;
}

/** The write a source stands for, reading it if it is not given outright. */
export async function readWriteSource(source: WriteSource): Promise<WriteInput> {
  if (typeof source.values === "function") {
    const read = await source.values();
    return isWriteInput(read) ? read : { values: read };
  }
  return {
    values: source.values,
    ...(source.lineItems === undefined ? {} : { lineItems: source.lineItems }),
    ...(source.upload === undefined ? {} : { upload: source.upload }),
  };
}

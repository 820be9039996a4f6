/**
 * Where a create or update gets what it writes: given outright (library
 * use), or read lazily (an HTTP body), so that nothing is read before the
 * caller is known to be allowed to write.
 *
 * @module
 */

import type { FieldValues } from "../domain/record.ts";
import { invalidParameter } from "../domain/errors.ts";
import type { WriteInput } from "./write_input.ts";

/**
 * Field values, or a function that reads them, or the whole write (field
 * values, line items, a file). A write use case calls the function only once the
 * token, the module, the action and (for an update) the record have been
 * checked: a request body is then never read, nor held in memory, for a
 * caller who may not write.
 */
export type FieldValueSource =
  | FieldValues
  | (() => Promise<FieldValues | WriteInput | readonly WriteInput[]>);

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
  const read = await readWriteBatch(source);
  if (isBatch(read)) {
    throw invalidParameter(
      "A JSON array body creates several records at once: it goes with POST {Module} only",
    );
  }
  return read;
}

/** Whether a source held several writes (a JSON array body). */
export function isBatch(read: WriteInput | readonly WriteInput[]): read is readonly WriteInput[] {
  return Array.isArray(read);
}

/** The write, or the writes of a JSON array body, a source stands for. */
export async function readWriteBatch(
  source: WriteSource,
): Promise<WriteInput | readonly WriteInput[]> {
  if (typeof source.values === "function") {
    const read = await source.values();
    if (Array.isArray(read)) return read;
    return isWriteInput(read as FieldValues | WriteInput)
      ? read as WriteInput
      : { values: read as FieldValues };
  }
  return {
    values: source.values,
    ...(source.lineItems === undefined ? {} : { lineItems: source.lineItems }),
    ...(source.upload === undefined ? {} : { upload: source.upload }),
  };
}

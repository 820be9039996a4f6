/**
 * The records a link or unlink names: `ids=12,13` in a body.
 *
 * @module
 */

import { invalidParameter } from "./errors.ts";
import { parseRecordId } from "./record.ts";

/** The most records one link or unlink may name. */
export const MAX_RELATED_IDS = 100;

/** The body key naming the records to link or unlink. */
export const RELATED_IDS_KEY = "ids";

/** Parses `12,13` into distinct record ids, in the order given. */
export function parseRelatedIds(text: string | undefined): number[] {
  if (text === undefined || text.trim() === "") {
    throw invalidParameter(
      `A link or unlink needs the records' ids in the body: ${RELATED_IDS_KEY}=12,13`,
    );
  }
  const ids = [...new Set(text.split(",").map((item) => parseRecordId(item)))];
  if (ids.length > MAX_RELATED_IDS) {
    throw invalidParameter(`A link or unlink names at most ${MAX_RELATED_IDS} records`);
  }
  return ids;
}

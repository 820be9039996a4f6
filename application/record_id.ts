/**
 * The id a call names, checked once for every use case.
 *
 * @module
 */

import { invalidParameter } from "../domain/errors.ts";

const MAX_ID = 2147483647;

/** Parses a record id: a positive integer that fits Vtiger's INT column, else `INVALID_PARAMETER`. */
export function parseRecordId(id: string | number): number {
  const text = String(id).trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > MAX_ID) {
    throw invalidParameter(`Record id '${text}' is not a whole number from 1 to ${MAX_ID}`);
  }
  return value;
}

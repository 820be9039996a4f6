/**
 * Answers shaped as the original module's PHP wrote them: `json_encode`
 * writes an empty associative array as `[]`, not `{}`. A picklist with no
 * dependency rules (or no values the caller may use) answered
 * `"dependencies":[]`, and PHP clients that decode objects (`json_decode`
 * without `true`, as the original PHP client does) test it with `empty()`,
 * which is false for `{}`.
 *
 * @module
 */

import type { PicklistResult } from "../../domain/picklist.ts";

/** A PHP associative array as `json_encode` writes it: an object, or `[]` when empty. */
export type PhpAssociative<T> = T | [];

/** The record, or `[]` when it has no keys. */
export function phpAssociative<T extends object>(record: T): PhpAssociative<T> {
  return Object.keys(record).length === 0 ? [] : record;
}

/** A picklist answer as the original module encoded it. */
export interface PhpPicklistAnswer {
  /** The values with their labels, or `[]`. */
  readonly values: PhpAssociative<PicklistResult["values"]>;
  /** With `picklistdep=1`: the dependencies, or `[]`. */
  readonly dependencies?: PhpAssociative<NonNullable<PicklistResult["dependencies"]>>;
}

/** The picklist answer with its empty maps written as PHP wrote them. */
export function phpPicklistAnswer(picklist: PicklistResult): PhpPicklistAnswer {
  const values = phpAssociative(picklist.values);
  return picklist.dependencies === undefined
    ? { values }
    : { values, dependencies: phpAssociative(picklist.dependencies) };
}

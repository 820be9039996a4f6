/**
 * Errors of a batch create (a JSON array body, created all or none): each
 * names the record it is about by its index in the batch, from 0, whether a
 * use case's check or the store's write refused it. A record that repeats the
 * unique fields of an earlier record of the same batch is told so: the id the
 * store found is that earlier record's, which the refusal rolls back, so
 * naming it would point at a record that never comes to exist.
 *
 * @module
 */

import { DomainError } from "./errors.ts";

/**
 * `error` as the refusal of record `index` of a batch: a {@linkcode DomainError}
 * gets `Record N of the batch: ` before its message and `batchIndex` in its
 * details (once: an error already about a batch record is returned as it is);
 * `earlierIds` are the ids the batch's records before it were given, in
 * order. Anything else is returned unchanged.
 */
export function batchRecordError(
  error: unknown,
  index: number,
  earlierIds: readonly number[] = [],
): unknown {
  if (!(error instanceof DomainError) || error.details.batchIndex !== undefined) return error;
  const earlier = error.details.duplicateId === undefined
    ? -1
    : earlierIds.indexOf(error.details.duplicateId);
  const message = earlier === -1
    ? error.message
    : `record ${earlier} of the batch has the same ${error.details.fields?.join(", ")}, ` +
      "and the module allows no duplicates";
  const { duplicateId: _named, ...details } = error.details;
  return new DomainError(error.code, `Record ${index} of the batch: ${message}`, {
    ...(earlier === -1 ? error.details : details),
    batchIndex: index,
  });
}

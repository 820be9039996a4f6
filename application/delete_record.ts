/**
 * Use case: delete a record (Vtiger's soft delete).
 *
 * @module
 */

import {
  openRecordForChange,
  type RecordChangeDeps,
  type RecordChangeTarget,
} from "./open_record_for_change.ts";

/** The ports a delete needs. */
export type DeleteRecordDeps = RecordChangeDeps;

/**
 * What a delete names: the record, and optionally the versions (`If-Match`)
 * it must still have (a record changed meanwhile is `PRECONDITION_FAILED`).
 */
export type DeleteRecordInput = RecordChangeTarget;

/** Marks a record the caller may delete as deleted, as Vtiger does. */
export class DeleteRecord {
  #deps: DeleteRecordDeps;

  /** Wires the use case to its ports. */
  constructor(deps: DeleteRecordDeps) {
    this.#deps = deps;
  }

  /** Returns `true`; `RECORD_NOT_FOUND` when already deleted or absent. */
  async execute(input: DeleteRecordInput): Promise<true> {
    const { user, module, grant, id, expectedVersions } = await openRecordForChange(
      this.#deps,
      input,
      "delete",
    );
    await this.#deps.records.delete(module, id, {
      actorId: user.id,
      now: this.#deps.clock.now(),
      scope: grant.remove,
      ...(expectedVersions === undefined ? {} : { expectedVersions }),
    });
    return true;
  }
}

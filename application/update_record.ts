/**
 * Use case: change some fields of a record.
 *
 * @module
 */

import { invalidParameter } from "../domain/errors.ts";
import type { ModuleCatalog } from "../domain/ports.ts";
import type { CallerDeps } from "./authenticate_caller.ts";
import { checkLineProducts, checkWrite, type WriteCheckDeps } from "./check_write.ts";
import { type FieldValueSource, readWriteSource, type WriteSource } from "./field_value_source.ts";
import { prepareWrite } from "./write_input.ts";
import { openRecordForChange, type RecordChangeTarget } from "./open_record_for_change.ts";

/** The ports an update needs. */
export interface UpdateRecordDeps extends CallerDeps, WriteCheckDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
}

/** What an update sends: the record (and `If-Match` condition) and the values. */
export interface UpdateRecordInput extends WriteSource, RecordChangeTarget {
  /**
   * The fields to change, by Vtiger field name (others keep their values), or
   * a reader of them (a request body), called only once the caller is known
   * to be allowed to edit this record.
   */
  readonly values: FieldValueSource;
}

/** Changes the given fields of a record the caller may edit. */
export class UpdateRecord {
  #deps: UpdateRecordDeps;

  /** Wires the use case to its ports. */
  constructor(deps: UpdateRecordDeps) {
    this.#deps = deps;
  }

  /** Returns the record's id; nothing is written when any check fails. */
  async execute(input: UpdateRecordInput): Promise<number> {
    const { user, privileges, module, grant, id, current, expectedVersions } =
      await openRecordForChange(this.#deps, input, "edit");
    const body = await readWriteSource(input);
    if (
      Object.keys(body.values).length === 0 && body.lineItems === undefined &&
      body.upload === undefined
    ) {
      throw invalidParameter(`No field values were given to update ${module.name} record ${id}`);
    }
    const prepared = prepareWrite(module, body, current.values);
    const checked = await checkWrite(
      this.#deps,
      privileges,
      module,
      grant,
      prepared.values,
      "update",
      current,
    );
    if (prepared.extras.lineItems !== undefined) {
      await checkLineProducts(this.#deps, privileges, prepared.extras.lineItems);
    }
    await this.#deps.records.update(module, id, checked, {
      actorId: user.id,
      now: this.#deps.clock.now(),
      scope: grant.write,
      ...(expectedVersions === undefined ? {} : { expectedVersions }),
      readScope: grant.read,
    }, prepared.extras);
    return id;
  }
}

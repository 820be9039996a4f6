/**
 * Use case: delete a record (Vtiger's soft delete).
 *
 * @module
 */

import type { ModuleCatalog, RecordRepository } from "../domain/ports.ts";
import { parseRecordId } from "../domain/record.ts";
import type { CallerDeps } from "./authenticate_caller.ts";
import { findReachableRecord } from "./find_reachable_record.ts";
import { openModuleFor } from "./open_module.ts";
import { checkVersion } from "./version_condition.ts";

/** The ports a delete needs. */
export interface DeleteRecordDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Record storage. */
  readonly records: RecordRepository;
}

/** What a delete names. */
export interface DeleteRecordInput {
  /** The caller's token. */
  readonly token: string | undefined;
  /** The module name. */
  readonly module: string;
  /** The record id. */
  readonly id: string | number;
  /**
   * The versions (`If-Match`) the record must still have, or `*`; absent: no
   * condition. A record changed meanwhile is `PRECONDITION_FAILED`.
   */
  readonly ifMatch?: readonly string[];
}

/** Marks a record the caller may delete as deleted, as Vtiger does. */
export class DeleteRecord {
  #deps: DeleteRecordDeps;

  /** Wires the use case to its ports. */
  constructor(deps: DeleteRecordDeps) {
    this.#deps = deps;
  }

  /** Returns `true`; `RECORD_NOT_FOUND` when already deleted or absent. */
  async execute(input: DeleteRecordInput): Promise<true> {
    const { user, privileges, module, grant, fields } = await openModuleFor(
      this.#deps,
      input.token,
      input.module,
      "delete",
    );
    const id = parseRecordId(input.id);
    const current = await findReachableRecord(
      this.#deps.records,
      privileges,
      module,
      id,
      grant.remove,
      "delete",
    );
    const expectedVersions = checkVersion(module, fields, current, input.ifMatch);
    await this.#deps.records.delete(module, id, {
      actorId: user.id,
      now: this.#deps.clock.now(),
      scope: grant.remove,
      ...(expectedVersions === undefined ? {} : { expectedVersions }),
    });
    return true;
  }
}

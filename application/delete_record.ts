/**
 * Use case: delete a record (Vtiger's soft delete).
 *
 * @module
 */

import { requireWritableModule } from "../domain/module.ts";
import type { ModuleCatalog, RecordRepository } from "../domain/ports.ts";
import { authenticateCaller, type CallerDeps } from "./authenticate_caller.ts";
import { findWritableRecord } from "./find_writable_record.ts";
import { openModule } from "./open_module.ts";
import { parseRecordId } from "./record_id.ts";

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
    const { user, privileges } = await authenticateCaller(this.#deps, input.token);
    const { module, grant } = await openModule(
      this.#deps.modules,
      privileges,
      input.module,
      "delete",
    );
    const id = parseRecordId(input.id);
    await findWritableRecord(this.#deps.records, module, id, grant.remove, "delete");
    requireWritableModule(module);
    await this.#deps.records.delete(module, id, { actorId: user.id, now: this.#deps.clock.now() });
    return true;
  }
}

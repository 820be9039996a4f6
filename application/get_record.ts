/**
 * Use case: read one record.
 *
 * @module
 */

import { selectFields } from "../domain/field_selection.ts";
import type { ModuleCatalog, RecordRepository } from "../domain/ports.ts";
import { recordVersion } from "../domain/record_version.ts";
import { parseRecordId, type RecordView, shapeRecord } from "../domain/record.ts";
import type { CallerDeps } from "./authenticate_caller.ts";
import { findReachableRecord } from "./find_reachable_record.ts";
import { openModuleFor } from "./open_module.ts";

/** The ports a read needs. */
export interface GetRecordDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Record storage. */
  readonly records: RecordRepository;
}

/** What a read asks for. */
export interface GetRecordInput {
  /** The caller's token. */
  readonly token: string | undefined;
  /** The module name. */
  readonly module: string;
  /** The record id. */
  readonly id: string | number;
  /** Comma-separated names of the fields to return (default: every visible field). */
  readonly fields?: string;
}

/** A record read, and its version when the caller may see its modified time. */
export interface RecordRead {
  /** The record shaped for the protocol. */
  readonly record: RecordView;
  /** Its version (`domain/record_version.ts`), for an `ETag`. */
  readonly version?: string;
}

/** Reads one record the caller may see. */
export class GetRecord {
  #deps: GetRecordDeps;

  /** Wires the use case to its ports. */
  constructor(deps: GetRecordDeps) {
    this.#deps = deps;
  }

  /**
   * The record shaped for the protocol. `RECORD_NOT_FOUND` when it does not
   * exist in that module or is deleted; `ACCESS_DENIED` when it exists but the
   * caller may not read it, as Vtiger's own webservice answers.
   */
  async execute(input: GetRecordInput): Promise<RecordView> {
    return (await this.read(input)).record;
  }

  /** The record and its version. */
  async read(input: GetRecordInput): Promise<RecordRead> {
    const { privileges, module, grant, fields } = await openModuleFor(
      this.#deps,
      input.token,
      input.module,
      "view",
    );
    const id = parseRecordId(input.id);
    const record = await findReachableRecord(
      this.#deps.records,
      privileges,
      module,
      id,
      grant.read,
      "read",
    );
    const clock = this.#deps.clock;
    const shown = input.fields === undefined ? fields : selectFields(module, fields, input.fields);
    const version = recordVersion(fields, record);
    return {
      record: shapeRecord(module, shown, record, clock.now(), clock.timeZone),
      ...(version === undefined ? {} : { version }),
    };
  }
}

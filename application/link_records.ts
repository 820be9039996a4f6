/**
 * Use case: link records to a record's related list, or unlink them, as
 * Vtiger's related lists do.
 *
 * @module
 */

import { invalidParameter } from "../domain/errors.ts";
import { excerpt } from "../domain/excerpt.ts";
import { requireModule, requireRelatedModule } from "../domain/module.ts";
import type { ModuleCatalog, RecordRepository } from "../domain/ports.ts";
import { requireAction } from "../domain/privileges.ts";
import { parseRecordId } from "../domain/record.ts";
import { parseRelatedIds, RELATED_IDS_KEY } from "../domain/related_ids.ts";
import type { CallerDeps } from "./authenticate_caller.ts";
import { type FieldValueSource, readWriteSource } from "./field_value_source.ts";
import { findReachableRecord } from "./find_reachable_record.ts";
import { openModuleFor } from "./open_module.ts";

/** The ports a link needs. */
export interface LinkRecordsDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Record storage. */
  readonly records: RecordRepository;
}

/** What a link or unlink names. */
export interface LinkRecordsInput {
  /** The caller's token. */
  readonly token: string | undefined;
  /** The source record's module. */
  readonly module: string;
  /** The source record. */
  readonly id: string | number;
  /** The related list's module. */
  readonly related: string;
  /**
   * `{ids: "12,13"}`, or a reader of it (a request body), called only once
   * the caller is known to be allowed to change the source record.
   */
  readonly values: FieldValueSource;
  /** `true` to unlink. */
  readonly unlink?: boolean;
}

/**
 * Links (or unlinks) records of a related list to a record: the caller must
 * be allowed to edit the source record and to read each record linked.
 */
export class LinkRecords {
  #deps: LinkRecordsDeps;

  /** Wires the use case to its ports. */
  constructor(deps: LinkRecordsDeps) {
    this.#deps = deps;
  }

  /** Returns `true`; nothing is written when any check fails. */
  async execute(input: LinkRecordsInput): Promise<true> {
    const { user, privileges, module, grant } = await openModuleFor(
      this.#deps,
      input.token,
      input.module,
      "edit",
    );
    const id = parseRecordId(input.id);
    const records = this.#deps.records;
    await findReachableRecord(records, privileges, module, id, grant.write, "update");
    const related = requireModule(
      await this.#deps.modules.findModule(input.related),
      input.related,
    );
    const relatedGrant = requireAction(privileges, related, "view");
    requireRelatedModule(module, related.name);
    const { values } = await readWriteSource({ values: input.values });
    const unknown = Object.keys(values).find((key) => key !== RELATED_IDS_KEY);
    if (unknown !== undefined) {
      throw invalidParameter(
        `A link or unlink takes only ${RELATED_IDS_KEY}, not '${excerpt(unknown)}'`,
      );
    }
    const ids = parseRelatedIds(values[RELATED_IDS_KEY]);
    for (const target of ids) {
      await findReachableRecord(records, privileges, related, target, relatedGrant.read, "read");
    }
    const context = { actorId: user.id, now: this.#deps.clock.now(), scope: grant.write };
    const source = { module, id };
    if (input.unlink) await records.unlink(source, related, ids, context);
    else await records.link(source, related, ids, context);
    return true;
  }
}

/**
 * Use case: the changes of a module since a time, for a client that mirrors
 * it (`sync`), as Vtiger's webservice `sync` answers them.
 *
 * @module
 */

import { accessDenied, invalidParameter } from "../domain/errors.ts";
import type { ModuleCatalog, RecordRepository } from "../domain/ports.ts";
import { parentScopeOf } from "../domain/comments.ts";
import { shapeRecord } from "../domain/record.ts";
import { modifiedTimeField } from "../domain/record_version.ts";
import { cutSyncPage, DEFAULT_SYNC_LENGTH, parseSyncTime, type SyncPage } from "../domain/sync.ts";
import type { CallerDeps } from "./authenticate_caller.ts";
import { openModuleFor } from "./open_module.ts";

/** The ports a sync needs. */
export interface SyncRecordsDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Record storage. */
  readonly records: RecordRepository;
  /** The largest `length` allowed. */
  readonly maxPageLength: number;
}

/** What a sync asks for. */
export interface SyncRecordsInput {
  /** The caller's token. */
  readonly token: string | undefined;
  /** The module name. */
  readonly module: string;
  /** Changes after this time (`YYYY-MM-DD HH:MM:SS`, in the install's time zone). */
  readonly since: string;
  /** The most changes per page (default 100). */
  readonly length?: number;
}

/**
 * Lists what changed after a time among the records the caller may reach,
 * deleted ones included, one page at a time. As in Vtiger, a record is
 * reported while its owner is within the caller's reach: one reassigned out
 * of it (or deleted by someone outside it) is not reported to the caller.
 */
export class SyncRecords {
  #deps: SyncRecordsDeps;

  /** Wires the use case to its ports. */
  constructor(deps: SyncRecordsDeps) {
    this.#deps = deps;
  }

  /**
   * One page of changes. `ACCESS_DENIED` when the caller may not list the
   * module or may not see its modified time (the page's times would tell it).
   */
  async execute(input: SyncRecordsInput): Promise<SyncPage> {
    const { privileges, module, grant, fields } = await openModuleFor(
      this.#deps,
      input.token,
      input.module,
      "list",
    );
    if (modifiedTimeField(fields) === undefined) {
      throw accessDenied(`Module ${module.name} has no modified time you may read to sync on`);
    }
    const since = parseSyncTime(input.since);
    const length = input.length ?? DEFAULT_SYNC_LENGTH;
    if (!Number.isSafeInteger(length) || length < 1 || length > this.#deps.maxPageLength) {
      throw invalidParameter(
        `Length '${length}' is not a whole number from 1 to ${this.#deps.maxPageLength}`,
      );
    }
    const scope = { scope: grant.read, parentScope: parentScopeOf(privileges, module) };
    const records = this.#deps.records;
    const first = await records.changes(module, { after: since, ...scope, limit: length + 1 });
    const cut = cutSyncPage(first, length);
    const page = cut ??
      await records.changes(module, { after: since, through: first[0].modifiedTime, ...scope });
    const lastModifiedTime = page.at(-1)?.modifiedTime ?? since;
    const more = first.length > page.length ||
      (cut === undefined &&
        (await records.changes(module, { after: lastModifiedTime, ...scope, limit: 1 }))
            .length > 0);
    const liveIds = page.filter((change) => !change.deleted).map((change) => change.id);
    const live = liveIds.length === 0 ? [] : await records.list(module, {
      conditions: [],
      order: [],
      start: 0,
      length: liveIds.length,
      ...scope,
      ids: liveIds,
    });
    const byId = new Map(live.map((record) => [record.id, record]));
    const { clock } = this.#deps;
    const now = clock.now();
    return {
      updated: liveIds.flatMap((id) => {
        const record = byId.get(id);
        return record === undefined
          ? []
          : [shapeRecord(module, fields, record, now, clock.timeZone)];
      }),
      deleted: page.filter((change) => change.deleted).map((change) => String(change.id)),
      lastModifiedTime,
      more,
    };
  }
}

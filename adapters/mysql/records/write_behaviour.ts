/**
 * The seam where module-specific write rules hook into a create, an update or
 * a delete, inside the write's one transaction: values Vtiger derives, writes
 * it refuses, extra rows it adds, and what a delete does to related records.
 *
 * The general write path (`record_insert.ts`, `record_change.ts`) calls every
 * behaviour that applies to the module (`behaviours/registry.ts`), in order,
 * at these points:
 *
 * | hook              | when                                                        | typical use                                 |
 * | ----------------- | ----------------------------------------------------------- | ------------------------------------------- |
 * | `prepareCreate`   | before anything is written (no id, no number taken yet)     | derived values, refusals (duplicates)       |
 * | `afterCreate`     | after every record row and the label, before the history    | extra rows (e-mail lookup, header copy)     |
 * | `creationHistory` | when the creation's history is written                      | values it lists beyond the module's fields  |
 * | `prepareUpdate`   | after the record is locked and read, before any row changes | derived values, refusals                    |
 * | `afterUpdate`     | after every row and the label, before the history           | rows kept in step with the record           |
 * | `afterDelete`     | after the record is marked deleted and its history written  | cascades, recycle-bin rows, lookup clean-up |
 *
 * A behaviour throws a `DomainError` to refuse: the transaction rolls back
 * and nothing is written. Behaviours see the values already checked by the
 * use case; they write through `scene.trx` only.
 *
 * @module
 */

import type { WriteContext, WriteExtras } from "../../../domain/ports.ts";
import type { VtigerStorage } from "../../system/vtiger_storage.ts";
import type { ModuleStorage } from "../catalog/module_storage.ts";
import type { VtigerDb } from "../database.ts";
import type { RecordRow } from "./record_select.ts";

/** Everything a behaviour works with, inside the write's transaction. */
export interface WriteScene {
  /** The write's transaction. */
  readonly trx: VtigerDb;
  /** The module written. */
  readonly storage: ModuleStorage;
  /** Who writes, when, and whose records they may touch. */
  readonly context: WriteContext;
  /** The write's time as Vtiger stores it: `YYYY-MM-DD HH:MM:SS` in the install's zone. */
  readonly now: string;
  /** The install's time zone (IANA name), in which `now` and the stored times are. */
  readonly timeZone: string;
  /** What the write carries besides field values (line items, a file, extra inputs); `{}` when none. */
  readonly extras: WriteExtras;
  /** The install's `storage/` tree, when `VTIGER_ROOT` is set (Documents' files). */
  readonly files?: VtigerStorage;
  /** Runs `undo` if the write's transaction rolls back (to remove a file written outside it). */
  onRollback(undo: () => Promise<void>): void;
  /** How another module's records are stored (for cascades); `undefined` when inactive. */
  storageOf(moduleName: string): Promise<ModuleStorage | undefined>;
}

/** A record just created: its id, the values it was created from, and how it reads back. */
export interface CreatedRecord {
  /** The new crmid. */
  readonly id: number;
  /** The values written (client values plus what Vtiger derives: number, defaults). */
  readonly values: Readonly<Record<string, string>>;
  /** The record as read back inside the transaction, with its stored label. */
  readonly row: RecordRow;
}

/** A record just changed: before and after, and the values given. */
export interface ChangedRecord {
  /** The crmid. */
  readonly id: number;
  /** The values given (plus derived ones). */
  readonly values: Readonly<Record<string, string>>;
  /** The record as it was, read under the row lock. */
  readonly before: RecordRow;
  /** The record as it is now. */
  readonly after: RecordRow;
}

/** Module-specific rules of a write; every hook is optional. */
export interface ModuleWriteBehaviour {
  /** A short name, for errors and tests. */
  readonly name: string;
  /**
   * `true` when its `afterCreate` and `afterUpdate` write only other rows
   * (lookups, related records), never the record's own fields: the record
   * then need not be read again for its history after them.
   */
  readonly leavesRecordAsWritten?: boolean;
  /** Before a create writes anything: may add to `values` or throw to refuse. */
  prepareCreate?(scene: WriteScene, values: Record<string, string>): Promise<void>;
  /** After a create wrote the record's rows and label, before its history. */
  afterCreate?(scene: WriteScene, created: CreatedRecord): Promise<void>;
  /**
   * Values the creation's history lists besides the module's fields (name,
   * value), as Vtiger's ModTracker sees more fields than the module has
   * (a task's history also lists Events' fields).
   */
  creationHistory?(scene: WriteScene, id: number): Promise<Array<[string, string | null]>>;
  /** Before an update changes anything (the record is locked): may add to `values` or refuse. */
  prepareUpdate?(
    scene: WriteScene,
    values: Record<string, string>,
    before: RecordRow,
  ): Promise<void>;
  /** After an update wrote the rows and label, before its history. */
  afterUpdate?(scene: WriteScene, changed: ChangedRecord): Promise<void>;
  /** After a delete marked the record deleted (with its history): cascades and clean-up. */
  afterDelete?(scene: WriteScene, deleted: RecordRow): Promise<void>;
}

/** Whether the behaviour's hook may have changed the record's own fields (so it must be read again). */
export function changesRecord(
  behaviour: ModuleWriteBehaviour,
  hook: "afterCreate" | "afterUpdate",
): boolean {
  return behaviour[hook] !== undefined && behaviour.leavesRecordAsWritten !== true;
}

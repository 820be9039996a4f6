/**
 * How one module's records lie in the Vtiger database: what the adapter needs
 * besides the domain's {@linkcode ModuleDefinition} to read and write them.
 *
 * @module
 */

import type { FieldDefinition } from "../../../domain/field.ts";
import type { ModuleDefinition } from "../../../domain/module.ts";
import type { TableInfo } from "./schema_reader.ts";

/** One record table of a module other than `vtiger_crmentity`. */
export interface StorageTable {
  /** The table name. */
  readonly name: string;
  /** Its column holding the crmid. */
  readonly idColumn: string;
  /** Whether it has at most one row per record (its id column alone is a unique key). */
  readonly singleRow: boolean;
  /** Its columns. */
  readonly info: TableInfo;
}

/**
 * How an install builds a record's label from its label fields:
 * - `updater`: stock Vtiger 7, whose `Vtiger_RecordLabelUpdater_Handler`
 *   (active in `vtiger_eventhandlers`) stores after every save the stored
 *   values joined by one space, untrimmed (`computeCRMRecordLabels`: values
 *   read HTML-encoded and decoded again, so as stored);
 * - `save`: F-RevoCRM, which has no such handler and builds the label in
 *   `CRMEntity::insertIntoCrmEntity`: the values joined by one space,
 *   HTML entities decoded (`decode_html`), trimmed (`trim`); an update whose
 *   label is empty keeps the one stored.
 * Both cut it to the column's length, as MySQL does outside strict mode.
 */
export type LabelRule = "updater" | "save";

/** Which activities a module sharing `vtiger_activity` under setype `Calendar` holds. */
export type ActivityKind = "task" | "event";

/** A module with everything needed to store its records. */
export interface ModuleStorage {
  /** The domain's view of the module. */
  readonly module: ModuleDefinition;
  /** `vtiger_crmentity.setype` of its records (`Calendar` for Events too). */
  readonly setype: string;
  /** For Calendar (tasks) and Events: which `activitytype` values belong to the module. */
  readonly activityKind?: ActivityKind;
  /** Record tables besides `vtiger_crmentity`, the base table first. */
  readonly tables: readonly StorageTable[];
  /** The columns of `vtiger_crmentity`. */
  readonly crmentity: TableInfo;
  /** Whether ModTracker follows the module (`vtiger_modtracker_tabs.visible = 1`). */
  readonly tracked: boolean;
  /** The module name ModTracker records (`Calendar` for Events). */
  readonly historyModule: string;
  /** Whether a create adds the creator's `vtiger_crmentity_user_field` row. */
  readonly userFieldRow: boolean;
  /**
   * The record header columns F-RevoCRM keeps a copy of in the base table
   * (`smownerid`, `createdtime`, `deleted`, `label`, ...), refreshed from
   * `vtiger_crmentity` after every write of the record; empty on stock Vtiger.
   */
  readonly headerCopy: readonly string[];
  /** E-mail fields (uitype 13) whose values Vtiger keeps in `vtiger_emailslookup`. */
  readonly emailFields: readonly FieldDefinition[];
  /** How the install builds `vtiger_crmentity.label` (`records/record_read.ts`). */
  readonly labelRule: LabelRule;
}

/** `activitytype` of Calendar's tasks. */
export const TASK_ACTIVITY_TYPE = "Task";

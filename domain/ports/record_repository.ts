/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

import type { Condition, OrderTerm } from "../criteria.ts";
import type { UploadedFile } from "../documents/upload.ts";
import type { LineItem } from "../inventory/line_items.ts";
import type { ModuleDefinition } from "../module.ts";
import type { OwnerScope, ParentScope, RecordLocation } from "../privileges.ts";
import type { FieldValues, StoredRecord } from "../record.ts";

/** One page of a filtered, sorted list. */
export interface ListQuery {
  /** Conditions, all ANDed. */
  readonly conditions: readonly Condition[];
  /** Sort terms; the crmid always follows as a tie-breaker. */
  readonly order: readonly OrderTerm[];
  /** Rows to skip. */
  readonly start: number;
  /** Rows to return at most. */
  readonly length: number;
  /** Whose records the caller may see: applied inside the same query as the page. */
  readonly scope: OwnerScope;
  /**
   * For records reachable only through a parent (comments): the parents the
   * caller may read, applied inside the same query as the page. Absent: no limit.
   */
  readonly parentScope?: ParentScope;
  /**
   * The names of the fields to read; absent: every field. Only these columns
   * are read; the records' other values are left out.
   */
  readonly fields?: readonly string[];
  /** Only records with these ids (a sync page's changed records); absent: any. */
  readonly ids?: readonly number[];
  /** Only records related to this one (a related list); absent: any. */
  readonly relatedTo?: RelatedRecord;
}

/** The record whose related list a list reads. */
export interface RelatedRecord {
  /** Its module. */
  readonly module: ModuleDefinition;
  /** Its id. */
  readonly id: number;
}

/** Which changes a sync reads: records modified after a time, deleted ones included. */
export interface ChangeQuery {
  /** Only records whose modified time is later than this (`YYYY-MM-DD HH:MM:SS`). */
  readonly after: string;
  /** Only records whose modified time is at most this; absent: no bound. */
  readonly through?: string;
  /** Whose records the caller may reach, live or deleted. */
  readonly scope: OwnerScope;
  /** For records reachable only through a parent (comments). */
  readonly parentScope?: ParentScope;
  /** The most changes to return; absent: all. */
  readonly limit?: number;
}

/** A record that changed: created, modified or deleted. */
export interface RecordChange {
  /** The crmid. */
  readonly id: number;
  /** Its modified time, as stored (`YYYY-MM-DD HH:MM:SS`). */
  readonly modifiedTime: string;
  /** Whether it is deleted now. */
  readonly deleted: boolean;
}

/** Which records a count counts: a list's filter and permissions, without page or order. */
export type CountQuery = Pick<ListQuery, "conditions" | "scope" | "parentScope" | "relatedTo">;

/** One record of a batch create: checked values and the module's extra inputs. */
export interface NewRecord {
  /** Checked values (`assigned_user_id` already set). */
  readonly values: FieldValues;
  /** The module's extra inputs (line items, a file). */
  readonly extras?: WriteExtras;
}

/** Who writes, and when. */
export interface WriteContext {
  /** The acting user. */
  readonly actorId: number;
  /** The time the write happens at. */
  readonly now: Date;
  /**
   * Whose records this write may touch; checked on the locked row, so an
   * update or delete of a record owned by anyone else throws `ACCESS_DENIED`
   * and writes nothing. Absent: no limit.
   */
  readonly scope?: OwnerScope;
  /**
   * The versions (`domain/record_version.ts`) the record may have for an
   * update or delete to proceed; checked on the locked row, so a record
   * changed meanwhile throws `PRECONDITION_FAILED` and nothing is written.
   * Absent: no condition.
   */
  readonly expectedVersions?: readonly string[];
  /**
   * Whose records the caller may read: a write refused as a duplicate names
   * the existing record only when it is inside this scope. Absent: every one.
   */
  readonly readScope?: OwnerScope;
}

/**
 * What a write carries besides the checked field values, for the modules
 * whose save takes more (`module_inputs.ts`); the repository applies each
 * module's write rules to them inside the write's transaction.
 */
export interface WriteExtras {
  /** The module's extra inputs that are no field (`tax4`, `hdnS_H_Amount`, `invitees`), as given. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** Inventory: the checked lines (always on create; on update when the client sent them). */
  readonly lineItems?: readonly LineItem[];
  /** Documents: the uploaded file. */
  readonly upload?: UploadedFile;
}

/** Storage of entity records. Every write is atomic: all of it or nothing. */
export interface RecordRepository {
  /** One page of the module's live records that match the query. */
  list(module: ModuleDefinition, query: ListQuery): Promise<StoredRecord[]>;
  /**
   * The module's records, deleted ones included, modified after a time, in
   * the order of their modified time, then id.
   */
  changes(module: ModuleDefinition, query: ChangeQuery): Promise<RecordChange[]>;
  /**
   * Links records of `module` to the source record, as Vtiger's related lists
   * do (their relation table, else `vtiger_crmentityrel`), with a LINK
   * history entry per new link on the source; links that exist are left.
   */
  link(
    source: RelatedRecord,
    module: ModuleDefinition,
    ids: readonly number[],
    context: WriteContext,
  ): Promise<void>;
  /** Removes such links, with an UNLINK history entry per link removed. */
  unlink(
    source: RelatedRecord,
    module: ModuleDefinition,
    ids: readonly number[],
    context: WriteContext,
  ): Promise<void>;
  /** How many of the module's live records match the query, all pages together. */
  count(module: ModuleDefinition, query: CountQuery): Promise<number>;
  /** The live record of that module, or `undefined` (deleted, other module, absent). */
  findById(module: ModuleDefinition, id: number): Promise<StoredRecord | undefined>;
  /** The module and owner of a live record with that id, of any module, or `undefined`. */
  locate(id: number): Promise<RecordLocation | undefined>;
  /**
   * Creates a record from checked values (`assigned_user_id` already set) and
   * returns its id. Numbers it, labels it and writes its history as Vtiger would.
   */
  create(
    module: ModuleDefinition,
    values: FieldValues,
    context: WriteContext,
    extras?: WriteExtras,
  ): Promise<number>;
  /**
   * Creates several records, each as `create` would, all in one transaction:
   * all of them or none. Returns their ids in the order given.
   */
  createMany(
    module: ModuleDefinition,
    items: readonly NewRecord[],
    context: WriteContext,
  ): Promise<number[]>;
  /**
   * Overlays checked values on a live record; refreshes label, modified time,
   * history. `RECORD_NOT_FOUND` when not live, `ACCESS_DENIED` when its owner
   * is outside `context.scope`.
   */
  update(
    module: ModuleDefinition,
    id: number,
    values: FieldValues,
    context: WriteContext,
    extras?: WriteExtras,
  ): Promise<void>;
  /**
   * Marks a live record deleted and writes its history. `RECORD_NOT_FOUND`
   * when not live, `ACCESS_DENIED` when its owner is outside `context.scope`.
   */
  delete(module: ModuleDefinition, id: number, context: WriteContext): Promise<void>;
}

/**
 * Records held in memory, written the way Vtiger writes them: sequential ids,
 * record numbers, labels, bookkeeping columns, soft delete and history.
 *
 * @module
 */

import { emptyFieldValue } from "../../domain/empty_value.ts";
import type { FieldDefinition } from "../../domain/field.ts";
import {
  duplicateKey,
  duplicateRecord,
  needsDuplicateCheck,
  uniqueFieldsOf,
} from "../../domain/duplicates.ts";
import { batchRecordError } from "../../domain/batch.ts";
import { recordNotFound } from "../../domain/errors.ts";
import {
  changeDetails,
  creationDetails,
  type HistoryDetail,
  trackedValues,
} from "../../domain/history.ts";
import {
  CRMENTITY_TABLE,
  type ModuleDefinition,
  recordLabel,
  recordNumberField,
} from "../../domain/module.ts";
import type {
  ChangeQuery,
  CountQuery,
  ListQuery,
  NewRecord,
  RecordChange,
  RecordRepository,
  RelatedRecord,
  WriteContext,
} from "../../domain/ports.ts";
import {
  parentAllows,
  type RecordLocation,
  requireOwnerInScope,
  scopeIncludes,
} from "../../domain/privileges.ts";
import type { FieldValues, StoredRecord } from "../../domain/record.ts";
import { DEFAULT_TIME_ZONE, formatDateTime } from "../../domain/time_zone.ts";
import { requireVersion } from "../../domain/record_version.ts";
import { columnKey, compareRows, matches } from "./row_matching.ts";

/** A record to start with. */
export interface MemoryRecordSeed {
  /** The module name. */
  readonly module: string;
  /** The crmid. */
  readonly id: number;
  /** Values by field name, bookkeeping fields included. */
  readonly values: FieldValues;
}

/** Record numbering of a module, as `vtiger_modentity_num` holds it. */
export interface MemoryNumbering {
  /** The prefix (`ACC`). */
  readonly prefix: string;
  /** The next number to hand out. */
  readonly next: number;
}

/** One history entry, shaped like `vtiger_modtracker_basic` with its details. */
export interface MemoryHistoryEntry {
  /** The record. */
  readonly crmid: number;
  /** The module name. */
  readonly module: string;
  /** The acting user. */
  readonly whodid: number;
  /** When. */
  readonly changedon: string;
  /** 0 updated, 1 deleted, 2 created, 4 linked, 5 unlinked. */
  readonly status: 0 | 1 | 2 | 4 | 5;
  /** Changed fields. */
  readonly details: readonly HistoryDetail[];
  /** For a link or unlink: the other record (`vtiger_modtracker_relations`). */
  readonly target?: { readonly module: string; readonly id: number };
}

interface MemoryRow {
  readonly id: number;
  readonly module: string;
  deleted: boolean;
  readonly columns: Map<string, string | null>;
}

const OWNER_KEY = `${CRMENTITY_TABLE}.smownerid`;

/** The key of a link between two records, whichever way round. */
function linkKey(left: number, right: number): string {
  return left < right ? `${left}:${right}` : `${right}:${left}`;
}
const CRMID_KEY = `${CRMENTITY_TABLE}.crmid`;

/** What a field holds once written: the value given, or Vtiger's value for an empty one. */
function storedText(field: FieldDefinition, values: FieldValues): string | null {
  const text = values[field.name];
  return text === undefined || text === "" ? emptyFieldValue(field) : text;
}

/** A record repository over maps. */
export class MemoryRecordRepository implements RecordRepository {
  #modules: ReadonlyMap<string, ModuleDefinition>;
  #rows = new Map<number, MemoryRow>();
  #numbering = new Map<string, MemoryNumbering>();
  #history: MemoryHistoryEntry[] = [];
  /** Links between two records (`vtiger_crmentityrel`), by {@linkcode linkKey}. */
  #links = new Set<string>();
  #nextId: number;
  #timeZone: string;

  /**
   * Starts with the seeds; new ids follow the highest seeded one. Times are
   * written on the wall clock of `options.timeZone` (default UTC).
   */
  constructor(
    modules: readonly ModuleDefinition[],
    seeds: readonly MemoryRecordSeed[] = [],
    numbering: Readonly<Record<string, MemoryNumbering>> = {},
    options: { readonly timeZone?: string } = {},
  ) {
    this.#timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.#modules = new Map(modules.map((module) => [module.name, module]));
    for (const [name, value] of Object.entries(numbering)) this.#numbering.set(name, value);
    for (const seed of seeds) {
      const module = this.#modules.get(seed.module);
      if (module === undefined) throw new Error(`Seed module '${seed.module}' is not defined`);
      this.#rows.set(seed.id, this.#newRow(module, seed.id, seed.values));
    }
    this.#nextId = Math.max(0, ...this.#rows.keys()) + 1;
  }

  /** Every history entry written so far, oldest first. */
  get history(): readonly MemoryHistoryEntry[] {
    return this.#history;
  }

  /** One page of live records of the module. */
  list(module: ModuleDefinition, query: ListQuery): Promise<StoredRecord[]> {
    const rows = this.#matching(module, query)
      .sort((left, right) => compareRows(left.columns, right.columns, query.order, CRMID_KEY))
      .slice(query.start, query.start + query.length);
    const only = query.fields === undefined ? undefined : new Set(query.fields);
    return Promise.resolve(rows.map((row) => this.#toStored(module, row, only)));
  }

  /** How many live records of the module match. */
  count(module: ModuleDefinition, query: CountQuery): Promise<number> {
    return Promise.resolve(this.#matching(module, query).length);
  }

  /** The module's records modified after the query's time, deleted ones included. */
  changes(module: ModuleDefinition, query: ChangeQuery): Promise<RecordChange[]> {
    const timeKey = `${CRMENTITY_TABLE}.modifiedtime`;
    const changes = [...this.#rows.values()]
      .filter((row) => row.module === module.name && this.#inScope(row, query))
      .map((row) => ({ id: row.id, modifiedTime: row.columns.get(timeKey), deleted: row.deleted }))
      .filter((change): change is RecordChange =>
        typeof change.modifiedTime === "string" && change.modifiedTime > query.after &&
        (query.through === undefined || change.modifiedTime <= query.through)
      )
      .sort((left, right) =>
        left.modifiedTime < right.modifiedTime
          ? -1
          : left.modifiedTime > right.modifiedTime
          ? 1
          : left.id - right.id
      );
    return Promise.resolve(changes.slice(0, query.limit ?? changes.length));
  }

  #matching(module: ModuleDefinition, query: CountQuery & Pick<ListQuery, "ids">): MemoryRow[] {
    const ids = query.ids === undefined ? undefined : new Set(query.ids);
    const related = query.relatedTo;
    return [...this.#rows.values()]
      .filter((row) => row.module === module.name && !row.deleted)
      .filter((row) => ids === undefined || ids.has(row.id))
      .filter((row) => related === undefined || this.#isRelated(related, module, row))
      .filter((row) => this.#inScope(row, query))
      .filter((row) => query.conditions.every((condition) => matches(row.columns, condition)));
  }

  /**
   * Whether a record of `module` is in the related list of `source`: it
   * points to the source through a reference field, or the source points to
   * it through one, or the two are linked (`vtiger_crmentityrel`).
   */
  #isRelated(source: RelatedRecord, module: ModuleDefinition, row: MemoryRow): boolean {
    const pointsToSource = module.fields.some((field) =>
      field.onRecordTable && (field.referenceModules ?? []).includes(source.module.name) &&
      row.columns.get(columnKey(field)) === String(source.id)
    );
    const sourceRow = this.#rows.get(source.id);
    const sourcePoints = sourceRow !== undefined &&
      source.module.fields.some((field) =>
        field.onRecordTable && (field.referenceModules ?? []).includes(module.name) &&
        sourceRow.columns.get(columnKey(field)) === String(row.id)
      );
    return pointsToSource || sourcePoints || this.#links.has(linkKey(source.id, row.id));
  }

  /** The live record of that module. */
  findById(module: ModuleDefinition, id: number): Promise<StoredRecord | undefined> {
    const row = this.#liveRow(module.name, id);
    return Promise.resolve(row === undefined ? undefined : this.#toStored(module, row));
  }

  /** The module and owner of a live record. */
  locate(id: number): Promise<RecordLocation | undefined> {
    return Promise.resolve(this.#location(id));
  }

  /** Creates a record, numbering and labelling it, with a creation history entry. */
  create(module: ModuleDefinition, values: FieldValues, context: WriteContext): Promise<number> {
    try {
      this.#requireNoDuplicate(module, values, undefined, context);
    } catch (error) {
      return Promise.reject(error);
    }
    const id = this.#nextId++;
    const now = formatDateTime(context.now, this.#timeZone);
    const actor = String(context.actorId);
    const full: Record<string, string> = { ...values };
    const numberField = recordNumberField(module);
    const numbering = this.#numbering.get(module.name);
    if (numberField !== undefined && numbering !== undefined) {
      full[numberField.name] = `${numbering.prefix}${numbering.next}`;
      this.#numbering.set(module.name, { ...numbering, next: numbering.next + 1 });
    }
    Object.assign(full, { createdtime: now, modifiedtime: now, modifiedby: actor });
    const row = this.#newRow(module, id, full);
    row.columns.set(`${CRMENTITY_TABLE}.smcreatorid`, actor);
    this.#rows.set(id, row);
    const tracked = trackedValues(module, {
      id,
      label: recordLabel(module, full),
      values: this.#toStored(module, row).values,
    });
    this.#record(module, id, context, 2, creationDetails(tracked));
    return Promise.resolve(id);
  }

  /**
   * Creates the records in order, all or none: should one fail, the rows,
   * numbers and history of the others are taken back.
   */
  async createMany(
    module: ModuleDefinition,
    items: readonly NewRecord[],
    context: WriteContext,
  ): Promise<number[]> {
    const nextId = this.#nextId;
    const historyLength = this.#history.length;
    const numbering = new Map(this.#numbering);
    const ids: number[] = [];
    try {
      for (const [index, item] of items.entries()) {
        try {
          ids.push(await this.create(module, item.values, context));
        } catch (error) {
          throw batchRecordError(error, index, ids);
        }
      }
      return ids;
    } catch (error) {
      for (const id of ids) this.#rows.delete(id);
      this.#nextId = nextId;
      this.#history.length = historyLength;
      this.#numbering = numbering;
      throw error;
    }
  }

  /** Overlays values, refreshing label, modified time and modifier. */
  update(
    module: ModuleDefinition,
    id: number,
    values: FieldValues,
    context: WriteContext,
  ): Promise<void> {
    let row: MemoryRow;
    let before: StoredRecord["values"];
    try {
      row = this.#requireWritable(module, id, context, "update");
      before = this.#toStored(module, row).values;
      this.#requireNoDuplicate(module, { ...before, ...values }, id, context);
    } catch (error) {
      return Promise.reject(error);
    }
    const given = module.fields.filter((field) =>
      Object.hasOwn(values, field.name) && field.onRecordTable
    );
    for (const field of given) row.columns.set(columnKey(field), storedText(field, values));
    // The demo's history compares the fields given, under ModTracker's rules.
    const details = changeDetails(
      given.map((field) => [field.name, before[field.name] ?? null]),
      given.map((field) => [field.name, storedText(field, values)]),
    );
    this.#touch(module, row, context);
    row.columns.set(
      `${CRMENTITY_TABLE}.label`,
      recordLabel(module, this.#toStored(module, row).values),
    );
    this.#record(module, id, context, 0, details);
    return Promise.resolve();
  }

  /** Links records to the source: each new link moves the source's modified time, with history. */
  link(
    source: RelatedRecord,
    module: ModuleDefinition,
    ids: readonly number[],
    context: WriteContext,
  ): Promise<void> {
    return this.#relate(source, module, ids, context, 4);
  }

  /** Removes links, each with history on the source. */
  unlink(
    source: RelatedRecord,
    module: ModuleDefinition,
    ids: readonly number[],
    context: WriteContext,
  ): Promise<void> {
    return this.#relate(source, module, ids, context, 5);
  }

  #relate(
    source: RelatedRecord,
    module: ModuleDefinition,
    ids: readonly number[],
    context: WriteContext,
    status: 4 | 5,
  ): Promise<void> {
    let sourceRow: MemoryRow;
    try {
      sourceRow = this.#requireWritable(source.module, source.id, context, "update");
      for (const id of ids) this.#requireRow(module, id);
    } catch (error) {
      return Promise.reject(error);
    }
    for (const id of ids) {
      const key = linkKey(source.id, id);
      if (this.#links.has(key) === (status === 4)) continue;
      if (status === 4) this.#links.add(key);
      else this.#links.delete(key);
      this.#touch(source.module, sourceRow, context);
      this.#record(source.module, source.id, context, status, [], { module: module.name, id });
    }
    return Promise.resolve();
  }

  /** Marks the record deleted. */
  delete(module: ModuleDefinition, id: number, context: WriteContext): Promise<void> {
    let row: MemoryRow;
    try {
      row = this.#requireWritable(module, id, context, "delete");
    } catch (error) {
      return Promise.reject(error);
    }
    row.deleted = true;
    this.#touch(module, row, context);
    this.#record(module, id, context, 1, []);
    return Promise.resolve();
  }

  #newRow(module: ModuleDefinition, id: number, values: FieldValues): MemoryRow {
    const columns = new Map<string, string | null>();
    for (const [table, idColumn] of Object.entries(module.recordTables)) {
      columns.set(`${table}.${idColumn}`, String(id));
    }
    for (const field of module.fields) {
      if (field.onRecordTable) columns.set(columnKey(field), storedText(field, values));
    }
    columns.set(`${CRMENTITY_TABLE}.setype`, module.name);
    columns.set(`${CRMENTITY_TABLE}.label`, recordLabel(module, values));
    return { id, module: module.name, deleted: false, columns };
  }

  #touch(module: ModuleDefinition, row: MemoryRow, context: WriteContext): void {
    for (const field of module.fields) {
      if (field.table !== CRMENTITY_TABLE) continue;
      if (field.column === "modifiedtime") {
        row.columns.set(columnKey(field), formatDateTime(context.now, this.#timeZone));
      }
      if (field.column === "modifiedby") row.columns.set(columnKey(field), String(context.actorId));
    }
  }

  #record(
    module: ModuleDefinition,
    crmid: number,
    context: WriteContext,
    status: MemoryHistoryEntry["status"],
    details: MemoryHistoryEntry["details"],
    target?: MemoryHistoryEntry["target"],
  ): void {
    this.#history.push({
      crmid,
      module: module.name,
      whodid: context.actorId,
      changedon: formatDateTime(context.now, this.#timeZone),
      status,
      details,
      ...(target === undefined ? {} : { target }),
    });
  }

  /** The list's permission scope and parent scope: what MySQL's list_scope.ts expresses in SQL. */
  #inScope(row: MemoryRow, query: Pick<CountQuery, "scope" | "parentScope">): boolean {
    if (!scopeIncludes(query.scope, Number(row.columns.get(OWNER_KEY)))) return false;
    const parents = query.parentScope;
    if (parents === undefined) return true;
    const parentId = row.columns.get(`${parents.table}.${parents.column}`);
    return parentAllows(parents, parentId == null ? undefined : this.#location(Number(parentId)));
  }

  #location(id: number): RecordLocation | undefined {
    const row = this.#rows.get(id);
    if (row === undefined || row.deleted) return undefined;
    return { module: row.module, ownerId: Number(row.columns.get(OWNER_KEY)) };
  }

  /** Vtiger's duplicate prevention (`domain/duplicates.ts`), compared as MySQL's collation would. */
  #requireNoDuplicate(
    module: ModuleDefinition,
    values: Readonly<Record<string, string | null>>,
    ownId: number | undefined,
    context: WriteContext,
  ): void {
    const fields = uniqueFieldsOf(module);
    if (fields.length === 0 || !needsDuplicateCheck(fields, values)) return;
    const duplicate = [...this.#rows.values()].find((row) =>
      row.module === module.name && !row.deleted && row.id !== ownId &&
      fields.every((field) =>
        duplicateKey(row.columns.get(columnKey(field))) === duplicateKey(values[field.name])
      )
    );
    if (duplicate === undefined) return;
    const ownerId = Number(duplicate.columns.get(OWNER_KEY));
    const visible = context.readScope === undefined || scopeIncludes(context.readScope, ownerId);
    throw duplicateRecord(module, fields, visible ? duplicate.id : undefined);
  }

  #liveRow(moduleName: string, id: number): MemoryRow | undefined {
    const row = this.#rows.get(id);
    return row === undefined || row.deleted || row.module !== moduleName ? undefined : row;
  }

  #requireRow(module: ModuleDefinition, id: number): MemoryRow {
    const row = this.#liveRow(module.name, id);
    if (row === undefined) throw recordNotFound(module.name, id);
    return row;
  }

  #requireWritable(
    module: ModuleDefinition,
    id: number,
    context: WriteContext,
    verb: "update" | "delete",
  ): MemoryRow {
    const row = this.#requireRow(module, id);
    const stored = this.#toStored(module, row);
    requireOwnerInScope(context.scope, stored.ownerId, module.name, id, verb);
    requireVersion(module, stored, context.expectedVersions);
    return row;
  }

  #toStored(module: ModuleDefinition, row: MemoryRow, only?: ReadonlySet<string>): StoredRecord {
    const values: Record<string, string | null> = {};
    for (const field of module.fields) {
      if (!field.onRecordTable || (only !== undefined && !only.has(field.name))) continue;
      values[field.name] = row.columns.get(columnKey(field)) ?? null;
    }
    return { id: row.id, ownerId: Number(row.columns.get(OWNER_KEY)), values };
  }
}

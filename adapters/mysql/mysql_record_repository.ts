/**
 * Records of a Vtiger database: lists in one statement per page, reads, and
 * writes that each run in one transaction exactly as Vtiger's own save does.
 *
 * @module
 */

import {
  DomainError,
  invalidFieldValue,
  moduleNotFound,
  recordNotFound,
} from "../../domain/errors.ts";
import { requireOwnerInScope } from "../../domain/privileges.ts";
import { batchRecordError } from "../../domain/batch.ts";
import { copyHeader } from "./records/behaviours/header_copy.ts";
import { relateRecords } from "./records/record_relations.ts";
import type { FieldDefinition } from "../../domain/field.ts";
import { findField, type ModuleDefinition } from "../../domain/module.ts";
import type {
  ChangeQuery,
  CountQuery,
  ListQuery,
  NewRecord,
  RecordChange,
  RecordRepository,
  RelatedRecord,
  WriteContext,
  WriteExtras,
} from "../../domain/ports.ts";
import type { RecordLocation } from "../../domain/privileges.ts";
import type { FieldValues, StoredRecord } from "../../domain/record.ts";
import { DEFAULT_TIME_ZONE, formatDateTime } from "../../domain/time_zone.ts";
import type { ModuleStorage } from "./catalog/module_storage.ts";
import { dynamic, type VtigerDb } from "./database.ts";
import { guarded, isDeadlock, refusedValueColumn } from "./driver_errors.ts";
import type { MysqlModuleCatalog } from "./mysql_module_catalog.ts";
import { deleteRecord, updateRecord } from "./records/record_change.ts";
import { insertRecord } from "./records/record_insert.ts";
import { readChanges } from "./records/record_changes.ts";
import { countRecords, listRecords } from "./records/record_list.ts";
import { findPageScanIndex } from "./records/scan_index.ts";
import { readLocation, readRecord } from "./records/record_read.ts";
import { type StoredParentScope, storedParentScope } from "./records/list_scope.ts";
import type { WriteScene } from "./records/write_behaviour.ts";
import type { WorkGate } from "../system/work_gate.ts";
import { excerpt } from "../../domain/excerpt.ts";
import { withExtras } from "./modules/record_extras.ts";
import type { VtigerStorage } from "../system/vtiger_storage.ts";

/**
 * The given field whose value a column refused: the field stored in that
 * column, or for `vtiger_crmentity.label` (written with the record's first
 * row, made of the label fields) the first label field given.
 */
function refusedField(
  storage: ModuleStorage,
  column: string | undefined,
  values: FieldValues,
): FieldDefinition | undefined {
  if (column === undefined) return undefined;
  const given = (field: FieldDefinition | undefined): field is FieldDefinition =>
    field !== undefined && Object.hasOwn(values, field.name);
  const stored = storage.module.fields.find((field) => field.column === column && given(field));
  if (stored !== undefined || column !== "label") return stored;
  return storage.module.labelFields.map((name) => findField(storage.module, name)).find(given);
}

/** How many times a write chosen as a deadlock victim is run again. */
const DEADLOCK_RETRIES = 3;

/** Settings of the record repository. */
export interface RecordRepositoryOptions {
  /** The IANA zone the install stores times in (Vtiger's `$default_timezone`; default UTC). */
  readonly timeZone?: string;
  /** The install's `storage/` tree (`VTIGER_ROOT`), where Documents keep their files. */
  readonly files?: VtigerStorage;
  /** Bounds how many lists and counts run at once (default: no bound). */
  readonly listGate?: WorkGate;
}

/** What to undo outside the database when a write's transaction rolls back. */
type Undos = Array<() => Promise<void>>;

/** The record repository over a Vtiger database. */
export class MysqlRecordRepository implements RecordRepository {
  #db: VtigerDb;
  #catalog: MysqlModuleCatalog;
  #scanIndex: Promise<string | undefined> | undefined;
  #timeZone: string;
  #files: VtigerStorage | undefined;
  #listGate: WorkGate | undefined;

  /** Reads and writes through `db`, with the module storage of `catalog`. */
  constructor(db: VtigerDb, catalog: MysqlModuleCatalog, options: RecordRepositoryOptions = {}) {
    this.#db = db;
    this.#catalog = catalog;
    this.#timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.#files = options.files;
    this.#listGate = options.listGate;
  }

  /** One page of the module's live records, in a single statement. */
  async list(module: ModuleDefinition, query: ListQuery): Promise<StoredRecord[]> {
    const storage = await this.#storage(module);
    const parents = await this.#parents(query);
    const source = await this.#relatedSource(query);
    return await this.#gated(() =>
      guarded(async () =>
        await withExtras(
          this.#db,
          storage,
          await listRecords(dynamic(this.#db), storage, query, {
            parents,
            relatedSource: source,
            pageScanIndex: await this.#pageScanIndex(),
          }),
        )
      )
    );
  }

  /** The module's records modified after a time, deleted ones included, in one statement. */
  async changes(module: ModuleDefinition, query: ChangeQuery): Promise<RecordChange[]> {
    const storage = await this.#storage(module);
    const parents = await this.#parents(query);
    return await this.#gated(() =>
      guarded(() => readChanges(dynamic(this.#db), storage, query, parents))
    );
  }

  /** How many live records of the module match, in one statement. */
  async count(module: ModuleDefinition, query: CountQuery): Promise<number> {
    const storage = await this.#storage(module);
    const parents = await this.#parents(query);
    const source = await this.#relatedSource(query);
    return await this.#gated(() =>
      guarded(() => countRecords(dynamic(this.#db), storage, query, parents, source))
    );
  }

  /** Runs a costly statement through the list gate, when there is one. */
  #gated<T>(statement: () => Promise<T>): Promise<T> {
    return this.#listGate === undefined ? statement() : this.#listGate.run(statement);
  }

  /** The live record of the module, or `undefined`. */
  async findById(module: ModuleDefinition, id: number): Promise<StoredRecord | undefined> {
    const storage = await this.#storage(module);
    return await guarded(async () => {
      const record = (await readRecord(this.#db, storage, id))?.record;
      return record === undefined ? undefined : (await withExtras(this.#db, storage, [record]))[0];
    });
  }

  /** The module (Events for a Calendar record that is not a task) and owner of a live record. */
  async locate(id: number): Promise<RecordLocation | undefined> {
    return await guarded(() => readLocation(this.#db, id));
  }

  /** Creates the record in one transaction and returns its id. */
  async create(
    module: ModuleDefinition,
    values: FieldValues,
    context: WriteContext,
    extras: WriteExtras = {},
  ): Promise<number> {
    const storage = await this.#writable(module);
    return await this.#write(
      storage,
      values,
      () =>
        this.#undoneOnRollback((undos) =>
          this.#db.transaction().execute((trx) =>
            insertRecord(this.#scene(trx, storage, context, extras, undos), values)
          )
        ),
    );
  }

  /** Creates the records in one transaction and returns their ids in order. */
  async createMany(
    module: ModuleDefinition,
    items: readonly NewRecord[],
    context: WriteContext,
  ): Promise<number[]> {
    const storage = await this.#writable(module);
    return await this.#write(
      storage,
      {},
      () =>
        this.#undoneOnRollback((undos) =>
          this.#db.transaction().execute(async (trx) => {
            const ids: number[] = [];
            for (const [index, item] of items.entries()) {
              try {
                ids.push(
                  await insertRecord(
                    this.#scene(trx, storage, context, item.extras ?? {}, undos),
                    item.values,
                  ),
                );
              } catch (error) {
                throw batchRecordError(error, index, ids);
              }
            }
            return ids;
          })
        ),
    );
  }

  /** Overlays the values on the record in one transaction. */
  async update(
    module: ModuleDefinition,
    id: number,
    values: FieldValues,
    context: WriteContext,
    extras: WriteExtras = {},
  ): Promise<void> {
    const storage = await this.#writable(module);
    await this.#write(
      storage,
      values,
      () =>
        this.#undoneOnRollback((undos) =>
          this.#db.transaction().execute((trx) =>
            updateRecord(this.#scene(trx, storage, context, extras, undos), id, values)
          )
        ),
    );
  }

  /** Marks the record deleted in one transaction. */
  async delete(module: ModuleDefinition, id: number, context: WriteContext): Promise<void> {
    const storage = await this.#writable(module);
    await this.#write(
      storage,
      {},
      () =>
        this.#db.transaction().execute((trx) =>
          deleteRecord(this.#scene(trx, storage, context), id)
        ),
    );
  }

  /** Links records to the source as Vtiger's related lists do, in one transaction. */
  async link(
    source: RelatedRecord,
    module: ModuleDefinition,
    ids: readonly number[],
    context: WriteContext,
  ): Promise<void> {
    await this.#relate(source, module, ids, context, false);
  }

  /** Removes such links, in one transaction. */
  async unlink(
    source: RelatedRecord,
    module: ModuleDefinition,
    ids: readonly number[],
    context: WriteContext,
  ): Promise<void> {
    await this.#relate(source, module, ids, context, true);
  }

  async #relate(
    source: RelatedRecord,
    module: ModuleDefinition,
    ids: readonly number[],
    context: WriteContext,
    unlink: boolean,
  ): Promise<void> {
    const storage = await this.#writable(source.module);
    const targets = ids.map((id) => ({ module: module.name, id }));
    await this.#write(storage, {}, () =>
      this.#db.transaction().execute(async (trx) => {
        // The source's owner is checked on its locked row, as for any change of it.
        const row = await readRecord(trx, storage, source.id, true);
        if (row === undefined) throw recordNotFound(source.module.name, source.id);
        requireOwnerInScope(
          context.scope,
          row.record.ownerId,
          source.module.name,
          source.id,
          "update",
        );
        await relateRecords(
          trx,
          { module: source.module.name, id: source.id },
          targets,
          context,
          this.#timeZone,
          unlink,
        );
        // trackLinkedInfo moved the source's modifiedtime: F-RevoCRM's header copy follows.
        await copyHeader(trx, storage, source.id);
      }));
  }

  /** Runs a transaction; if it fails, undoes what its behaviours did outside the database. */
  async #undoneOnRollback<T>(transaction: (undos: Undos) => Promise<T>): Promise<T> {
    const undos: Undos = [];
    try {
      return await transaction(undos);
    } catch (error) {
      for (const undo of undos.reverse()) await undo().catch(() => {});
      throw error;
    }
  }

  #scene(
    trx: VtigerDb,
    storage: ModuleStorage,
    context: WriteContext,
    extras: WriteExtras = {},
    undos: Undos = [],
  ): WriteScene {
    return {
      trx,
      storage,
      context,
      extras,
      ...(this.#files === undefined ? {} : { files: this.#files }),
      onRollback: (undo) => undos.push(undo),
      timeZone: this.#timeZone,
      now: formatDateTime(context.now, this.#timeZone),
      storageOf: (name) => this.#catalog.storageOf(name),
    };
  }

  /** A list's parent scope (comments) resolved to the parents' storage. */
  async #parents(
    query: Pick<CountQuery, "parentScope">,
  ): Promise<StoredParentScope | undefined> {
    return query.parentScope === undefined
      ? undefined
      : await storedParentScope(query.parentScope, (name) => this.#catalog.storageOf(name));
  }

  /** The storage of the record whose related list a list reads. */
  async #relatedSource(query: CountQuery): Promise<ModuleStorage | undefined> {
    return query.relatedTo === undefined ? undefined : await this.#storage(query.relatedTo.module);
  }

  /** The index deep plain pages are found through, looked up once (none if the lookup fails). */
  #pageScanIndex(): Promise<string | undefined> {
    this.#scanIndex ??= guarded(() => findPageScanIndex(this.#db)).catch(() => undefined);
    return this.#scanIndex;
  }

  async #storage(module: ModuleDefinition): Promise<ModuleStorage> {
    const storage = await this.#catalog.storageOf(module.name);
    if (storage === undefined) throw moduleNotFound(module.name);
    return storage;
  }

  async #writable(module: ModuleDefinition): Promise<ModuleStorage> {
    const storage = await this.#storage(module);
    if (storage.module.writeRefusal !== undefined) {
      throw new DomainError(
        "METHOD_NOT_ALLOWED",
        `Records of module ${module.name} cannot be written here: ${storage.module.writeRefusal}`,
      );
    }
    return storage;
  }

  async #write<T>(
    storage: ModuleStorage,
    values: FieldValues,
    transaction: () => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1;; attempt++) {
      try {
        return await guarded(transaction);
      } catch (error) {
        const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
        if (isDeadlock(cause) && attempt < DEADLOCK_RETRIES) continue;
        const field = refusedField(storage, refusedValueColumn(cause), values);
        if (field !== undefined) {
          throw invalidFieldValue(
            field.name,
            `Field '${field.name}' cannot store the value '${excerpt(values[field.name])}'`,
          );
        }
        throw error;
      }
    }
  }
}

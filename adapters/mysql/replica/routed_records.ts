/**
 * Records read from a read replica, written to the primary: the record
 * repository used when `VTIGER_DB_READ_URL` is set.
 *
 * A read goes to the replica only when it is part of a request that cannot
 * write (GET or HEAD), made by a known user who has not written records in
 * the last `READ_YOUR_WRITES_SECONDS` ({@linkcode RecentWrites}); every
 * other read goes to the primary: those of a create, update, delete or link
 * (its checks must see what it is about to change), those of a caller who
 * has just written (read-your-writes), and those made outside a request.
 *
 * A read that fails on the replica for a failure of its connection marks the
 * replica down and is run again on the primary (a read is safe to repeat);
 * the next reads go straight to the primary until a probe finds the replica
 * back. Any other failure of a replica read (a statement timeout, an SQL
 * error) is the request's answer, its 503 naming the read replica.
 *
 * @module
 */

import type { ModuleDefinition } from "../../../domain/module.ts";
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
} from "../../../domain/ports.ts";
import type { RecordLocation } from "../../../domain/privileges.ts";
import type { FieldValues, StoredRecord } from "../../../domain/record.ts";
import { DatabaseUnavailable, isConnectionFailure } from "../driver_errors.ts";
import type { RecentWrites } from "./recent_writes.ts";
import type { ReplicaHealth } from "./replica_health.ts";

/** The request being answered, as far as routing its reads goes. */
export interface CurrentReader {
  /** The caller's user id, once the token is checked. */
  readonly userId?: number;
  /** Whether the request may write (any method but GET and HEAD): its reads go to the primary. */
  readonly writes: boolean;
}

/** Where reads and writes go, and how a read is routed. */
export interface RecordRouting {
  /** Every write, and the reads that must see the latest data. */
  readonly primary: RecordRepository;
  /** The other reads. */
  readonly replica: RecordRepository;
  /** The request being answered; `undefined` outside a request. */
  readonly currentReader: () => CurrentReader | undefined;
  /** The users who wrote in the last seconds. */
  readonly recentWrites: RecentWrites;
  /** Whether the replica serves; without it, it always does. */
  readonly health?: ReplicaHealth;
  /** Told of each read answered by the replica (`true`) or the primary (`false`), for metrics. */
  readonly onRead?: (replica: boolean) => void;
  /**
   * Told of each read meant for the replica that the primary answered:
   * `down` (the replica was marked down), `failed` (it failed on the replica).
   */
  readonly onFallback?: (reason: "down" | "failed") => void;
}

/** The record repository over a primary and a replica. */
export class RoutedRecordRepository implements RecordRepository {
  readonly #routing: RecordRouting;

  /** Routes reads and writes as {@linkcode RecordRouting} says. */
  constructor(routing: RecordRouting) {
    this.#routing = routing;
  }

  /** Whether the current request's reads are the replica's to answer. */
  async #forReplica(): Promise<boolean> {
    const reader = this.#routing.currentReader();
    return reader !== undefined && !reader.writes && reader.userId !== undefined &&
      !(await this.#routing.recentWrites.wroteRecently(reader.userId));
  }

  /** Runs a read where it belongs: the replica if it may and is up, else the primary. */
  async #read<T>(run: (records: RecordRepository) => Promise<T>): Promise<T> {
    const { primary, replica, health, onRead, onFallback } = this.#routing;
    if (!(await this.#forReplica())) {
      onRead?.(false);
      return await run(primary);
    }
    if (health?.state === "down") {
      onFallback?.("down");
      onRead?.(false);
      return await run(primary);
    }
    try {
      const result = await run(replica);
      onRead?.(true);
      return result;
    } catch (error) {
      if (health === undefined || !isConnectionFailure(error)) {
        onRead?.(true);
        throw error instanceof DatabaseUnavailable ? error.ofReplica() : error;
      }
      health.markDown(error instanceof DatabaseUnavailable ? error.cause : error);
      onFallback?.("failed");
      onRead?.(false);
      return await run(primary);
    }
  }

  /** Runs a write on the primary, the writer's reads sent there from now on. */
  async #write<T>(
    context: WriteContext,
    run: (primary: RecordRepository) => Promise<T>,
  ): Promise<T> {
    const { primary, recentWrites } = this.#routing;
    await recentWrites.writing(context.actorId);
    try {
      return await run(primary);
    } finally {
      recentWrites.wrote(context.actorId);
    }
  }

  /** One page of the module's live records that match the query. */
  async list(module: ModuleDefinition, query: ListQuery): Promise<StoredRecord[]> {
    return await this.#read((records) => records.list(module, query));
  }

  /** The module's records modified after a time, deleted ones included. */
  async changes(module: ModuleDefinition, query: ChangeQuery): Promise<RecordChange[]> {
    return await this.#read((records) => records.changes(module, query));
  }

  /** How many of the module's live records match the query. */
  async count(module: ModuleDefinition, query: CountQuery): Promise<number> {
    return await this.#read((records) => records.count(module, query));
  }

  /** The live record of that module, or `undefined`. */
  async findById(module: ModuleDefinition, id: number): Promise<StoredRecord | undefined> {
    return await this.#read((records) => records.findById(module, id));
  }

  /** The module and owner of a live record, or `undefined`. */
  async locate(id: number): Promise<RecordLocation | undefined> {
    return await this.#read((records) => records.locate(id));
  }

  /** Links records to the source record, on the primary. */
  link(
    source: RelatedRecord,
    module: ModuleDefinition,
    ids: readonly number[],
    context: WriteContext,
  ): Promise<void> {
    return this.#write(context, (primary) => primary.link(source, module, ids, context));
  }

  /** Removes such links, on the primary. */
  unlink(
    source: RelatedRecord,
    module: ModuleDefinition,
    ids: readonly number[],
    context: WriteContext,
  ): Promise<void> {
    return this.#write(context, (primary) => primary.unlink(source, module, ids, context));
  }

  /** Creates a record on the primary. */
  create(
    module: ModuleDefinition,
    values: FieldValues,
    context: WriteContext,
    extras?: WriteExtras,
  ): Promise<number> {
    return this.#write(context, (primary) => primary.create(module, values, context, extras));
  }

  /** Creates several records on the primary, in one transaction. */
  createMany(
    module: ModuleDefinition,
    items: readonly NewRecord[],
    context: WriteContext,
  ): Promise<number[]> {
    return this.#write(context, (primary) => primary.createMany(module, items, context));
  }

  /** Updates a record on the primary. */
  update(
    module: ModuleDefinition,
    id: number,
    values: FieldValues,
    context: WriteContext,
    extras?: WriteExtras,
  ): Promise<void> {
    return this.#write(context, (primary) => primary.update(module, id, values, context, extras));
  }

  /** Deletes a record on the primary. */
  delete(module: ModuleDefinition, id: number, context: WriteContext): Promise<void> {
    return this.#write(context, (primary) => primary.delete(module, id, context));
  }
}

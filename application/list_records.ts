/**
 * Use case: list a module's records, filtered, sorted and paged.
 *
 * @module
 */

import { invalidParameter } from "../domain/errors.ts";
import { parseCriteria, parseOrder } from "../domain/criteria.ts";
import type { ModuleCatalog, RecordRepository } from "../domain/ports.ts";
import { type RecordView, shapeRecord } from "../domain/record.ts";
import type { CallerDeps } from "./authenticate_caller.ts";
import { openModuleFor } from "./open_module.ts";

/** The ports and settings a list needs. */
export interface ListRecordsDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Record storage. */
  readonly records: RecordRepository;
  /** The largest `length` allowed. */
  readonly maxPageLength: number;
}

/** What a list call asks for. */
export interface ListRecordsInput {
  /** The caller's token. */
  readonly token: string | undefined;
  /** The module name. */
  readonly module: string;
  /** `COLUMN[:OP]:VALUE;...`, or nothing. */
  readonly criteria?: string;
  /** `COLUMN [ASC|DESC],...`, or nothing for creation order. */
  readonly order?: string;
  /** Rows to skip (default 0). */
  readonly start?: number;
  /** Rows to return (default 100). */
  readonly length?: number;
}

/** The number of records a list returns when no length is asked for. */
export const DEFAULT_PAGE_LENGTH = 100;

/** Lists the records the caller may see, one page at a time. */
export class ListRecords {
  #deps: ListRecordsDeps;

  /** Wires the use case to its ports. */
  constructor(deps: ListRecordsDeps) {
    this.#deps = deps;
  }

  /** Returns the page's records shaped for the protocol. */
  async execute(input: ListRecordsInput): Promise<RecordView[]> {
    const { module, grant, fields } = await openModuleFor(
      this.#deps,
      input.token,
      input.module,
      "list",
    );
    const start = input.start ?? 0;
    const length = input.length ?? DEFAULT_PAGE_LENGTH;
    if (!Number.isSafeInteger(start) || start < 0) {
      throw invalidParameter(`Start '${start}' is not a whole number of 0 or more`);
    }
    if (!Number.isSafeInteger(length) || length < 1 || length > this.#deps.maxPageLength) {
      throw invalidParameter(
        `Length '${length}' is not a whole number from 1 to ${this.#deps.maxPageLength}`,
      );
    }
    const conditions = input.criteria === undefined
      ? []
      : parseCriteria(module, fields, input.criteria);
    const order = input.order === undefined ? [] : parseOrder(module, fields, input.order);
    const stored = await this.#deps.records.list(module, {
      conditions,
      order,
      start,
      length,
      scope: grant.read,
    });
    const now = this.#deps.clock.now();
    return stored.map((record) => shapeRecord(module, fields, record, now));
  }
}

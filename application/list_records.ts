/**
 * Use case: list a module's records, filtered, sorted and paged.
 *
 * @module
 */

import { invalidParameter } from "../domain/errors.ts";
import { type Condition, parseCriteria, parseOrder } from "../domain/criteria.ts";
import { excerpt } from "../domain/excerpt.ts";
import { selectFields } from "../domain/field_selection.ts";
import { MULTI_PICKLIST_SEPARATOR } from "../domain/field.ts";
import { type ModuleDefinition, requireModule, requireRelatedModule } from "../domain/module.ts";
import type {
  ModuleCatalog,
  PicklistRepository,
  RecordRepository,
  RelatedRecord,
} from "../domain/ports.ts";
import { type Privileges, requireAction } from "../domain/privileges.ts";
import { formatDateTime, parseRecordId, type RecordView } from "../domain/record.ts";
import { recordShaper } from "../domain/record_shaper.ts";
import { findReachableRecord } from "./find_reachable_record.ts";
import type { CallerDeps } from "./authenticate_caller.ts";
import { openModuleFor } from "./open_module.ts";
import { parentScopeOf } from "../domain/comments.ts";

/** The ports and settings a list needs. */
export interface ListRecordsDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Record storage. */
  readonly records: RecordRepository;
  /** Picklist values, against which criteria on picklist fields are checked. */
  readonly picklists: PicklistRepository;
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
  /** Whether to count every matching record the caller may see, all pages together. */
  readonly count?: boolean;
  /** Comma-separated names of the fields to return (default: every visible field). */
  readonly fields?: string;
  /**
   * Only the records related to this one (its related list of this module):
   * the caller must be allowed to read it, and the module must be one of its
   * related lists.
   */
  readonly relatedTo?: { readonly module: string; readonly id: string | number };
}

/** One page of records, and the number of matching records when it was asked for. */
export interface RecordPage {
  /** The page's records, shaped for the protocol. */
  readonly records: RecordView[];
  /** Every matching record the caller may see, when `count` was asked for. */
  readonly total?: number;
}

/** The number of records a list returns when no length is asked for. */
export const DEFAULT_PAGE_LENGTH = 100;

/**
 * Refuses a criteria value that no picklist field could hold: compared with
 * anything but `like`, a value of a picklist field must be one of its values
 * (any role's, as records may hold values the caller's role cannot choose),
 * ignoring case as MySQL does; `like` still finds values since removed from
 * the picklist.
 */
async function checkPicklistValues(
  picklists: PicklistRepository,
  module: ModuleDefinition,
  conditions: readonly Condition[],
): Promise<void> {
  for (const { column: { field }, operator, value } of conditions) {
    if (field?.picklist === undefined || operator === "like" || value === "") continue;
    const known = new Set(
      (await picklists.values(module, field.name)).map((item) => item.toLowerCase()),
    );
    const chosen = field.picklist === "multi" ? value.split(MULTI_PICKLIST_SEPARATOR) : [value];
    const unknown = chosen.find((item) => !known.has(item.toLowerCase()));
    if (unknown !== undefined) {
      throw invalidParameter(
        `Criteria value '${excerpt(unknown)}' is not a value of picklist '${field.name}' ` +
          "(use like to match a value no longer in it)",
      );
    }
  }
}

/** Lists the records the caller may see, one page at a time. */
export class ListRecords {
  #deps: ListRecordsDeps;

  /** Wires the use case to its ports. */
  constructor(deps: ListRecordsDeps) {
    this.#deps = deps;
  }

  /** Returns the page's records shaped for the protocol. */
  async execute(input: ListRecordsInput): Promise<RecordView[]> {
    return (await this.page(input)).records;
  }

  /** The page's records, and with `count` the number of all matching records. */
  async page(input: ListRecordsInput): Promise<RecordPage> {
    const { privileges, module, grant, fields } = await openModuleFor(
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
    await checkPicklistValues(this.#deps.picklists, module, conditions);
    const order = input.order === undefined ? [] : parseOrder(module, fields, input.order);
    const shown = input.fields === undefined ? fields : selectFields(module, fields, input.fields);
    const relatedTo = input.relatedTo === undefined
      ? undefined
      : await this.#relatedRecord(privileges, module, input.relatedTo);
    const filter = {
      conditions,
      scope: grant.read,
      parentScope: parentScopeOf(privileges, module),
      ...(relatedTo === undefined ? {} : { relatedTo }),
    };
    const stored = await this.#deps.records.list(module, {
      ...filter,
      order,
      start,
      length,
      ...(input.fields === undefined ? {} : { fields: shown.map((field) => field.name) }),
    });
    const shape = recordShaper(module, shown);
    const now = formatDateTime(this.#deps.clock.now(), this.#deps.clock.timeZone);
    const records = stored.map((record) => shape(record, now));
    if (!input.count) return { records };
    return { records, total: await this.#deps.records.count(module, filter) };
  }

  /**
   * The record whose related list is read: its module must exist and be one
   * the caller may read, the record one the caller may reach, and `module`
   * one of its related lists.
   */
  async #relatedRecord(
    privileges: Privileges,
    module: ModuleDefinition,
    source: { readonly module: string; readonly id: string | number },
  ): Promise<RelatedRecord> {
    const sourceModule = requireModule(
      await this.#deps.modules.findModule(source.module),
      source.module,
    );
    const grant = requireAction(privileges, sourceModule, "view");
    const id = parseRecordId(source.id);
    await findReachableRecord(this.#deps.records, privileges, sourceModule, id, grant.read, "read");
    requireRelatedModule(sourceModule, module.name);
    return { module: sourceModule, id };
  }
}

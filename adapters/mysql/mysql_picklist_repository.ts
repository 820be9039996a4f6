/**
 * Picklist values from `vtiger_<fieldname>` in `sortorderid` order, and the
 * dependency rules of `vtiger_picklist_dependency`. Table and column names
 * come only from the module's metadata: a field that is not a picklist with a
 * value table has no values. Values are cached per module and field for the
 * metadata lifetime, since every create and update checks them.
 *
 * @module
 */

import { sql } from "kysely";
import { findField, type ModuleDefinition } from "../../domain/module.ts";
import type { PicklistDependency } from "../../domain/picklist.ts";
import type { Clock, PicklistRepository } from "../../domain/ports.ts";
import { picklistTable } from "./catalog/field_builder.ts";
import { dynamic, type VtigerDb } from "./database.ts";
import { guarded } from "./driver_errors.ts";
import { decodeHtmlEntities } from "./records/html_entities.ts";
import { toText } from "./records/record_select.ts";
import { type CacheOutcome, TtlCache } from "./ttl_cache.ts";

/** How many picklists' values are kept at most (Vtiger ships about a hundred). */
const PICKLIST_CACHE_SIZE = 2000;

/** How long values are kept and by which clock. */
export interface PicklistCacheOptions {
  /** How long a picklist's values are reused, in seconds (0 reads them every time). */
  readonly ttlSeconds: number;
  /** The time source of the cache. */
  readonly clock: Clock;
  /** Told the outcome of every cache lookup. */
  readonly onLookup?: (outcome: CacheOutcome) => void;
}

function parseTargetValues(text: string | null): string[] {
  if (text === null || text === "") return [];
  try {
    const parsed: unknown = JSON.parse(decodeHtmlEntities(text));
    return Array.isArray(parsed) ? parsed.map((value) => decodeHtmlEntities(String(value))) : [];
  } catch {
    return [];
  }
}

/** The picklist repository over a Vtiger database. */
export class MysqlPicklistRepository implements PicklistRepository {
  #db: VtigerDb;
  #cache: TtlCache<string, readonly string[]>;

  /** Reads through `db`, keeping values as long as `cache` says. */
  constructor(db: VtigerDb, cache: PicklistCacheOptions) {
    this.#db = db;
    this.#cache = new TtlCache(cache.clock, cache.ttlSeconds, PICKLIST_CACHE_SIZE, {
      onLookup: cache.onLookup,
    });
  }

  /** Marks every cached list of values stale: the next read of each reads it again. */
  expire(): void {
    this.#cache.expireAll();
  }

  /** The values of the module's picklist field, in `sortorderid` order. */
  async values(module: ModuleDefinition, fieldName: string): Promise<string[]> {
    const field = findField(module, fieldName);
    if (field?.picklist === undefined) return [];
    const values = await this.#cache.get(
      JSON.stringify([module.name, field.name]),
      () => this.#read(field.name),
    );
    return [...values];
  }

  async #read(fieldName: string): Promise<string[]> {
    const table = picklistTable(fieldName);
    const rows = await guarded(() =>
      dynamic(this.#db).selectFrom(table).select(sql.id(table, fieldName).as("value"))
        .orderBy(sql.id(table, "sortorderid")).execute()
    );
    return rows.map((row) => decodeHtmlEntities(toText(row.value) ?? ""));
  }

  /** The module's dependency rules starting from the field, in stored order. */
  async dependencies(module: ModuleDefinition, fieldName: string): Promise<PicklistDependency[]> {
    const rows = await guarded(() =>
      this.#db.selectFrom("vtiger_picklist_dependency")
        .select(["sourcevalue", "targetfield", "targetvalues"])
        .where("tabid", "=", module.tabId).where("sourcefield", "=", fieldName)
        .orderBy("id").execute()
    );
    return rows.map((row) => ({
      sourceField: fieldName,
      targetField: row.targetfield ?? "",
      sourceValue: decodeHtmlEntities(row.sourcevalue ?? ""),
      targetValues: parseTargetValues(row.targetvalues),
    }));
  }
}

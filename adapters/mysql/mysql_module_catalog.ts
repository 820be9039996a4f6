/**
 * The module catalog of a Vtiger database: every active entity module read
 * from the metadata tables, cached for the process (never read per request).
 * Once the metadata is older than the configured lifetime, calls keep getting
 * it while one reload runs in the background; a reload that fails is logged
 * and the metadata already loaded kept, so that no request waits on a full
 * reload after the first one. With a {@linkcode MetadataWatch}, a change of
 * the metadata tables makes the metadata stale within seconds, before its
 * lifetime ends.
 *
 * @module
 */

import type { ModuleDefinition } from "../../domain/module.ts";
import type { ModuleCatalog } from "../../domain/ports.ts";
import { loadModules } from "./catalog/module_loader.ts";
import type { ModuleStorage } from "./catalog/module_storage.ts";
import type { VtigerDb } from "./database.ts";
import type { MetadataWatch } from "./metadata_watch.ts";
import { guarded } from "./driver_errors.ts";
import { type CacheOutcome, TtlCache } from "./ttl_cache.ts";

type Snapshot = ReadonlyMap<string, ModuleStorage>;

/** Settings of the catalog. */
export interface CatalogOptions {
  /** How long loaded metadata is used before it is read again, in seconds. */
  readonly ttlSeconds: number;
  /** The time source, in milliseconds (default `Date.now`). */
  readonly now?: () => number;
  /** Reports a background reload that failed (default: one line on the console). */
  readonly onReloadError?: (error: unknown) => void;
  /** Told the outcome of every cache lookup. */
  readonly onLookup?: (outcome: CacheOutcome) => void;
  /** Checked (at most every few seconds) on each call, so that a change shows promptly. */
  readonly watch?: MetadataWatch;
}

function logReloadError(error: unknown): void {
  console.error(
    "vtrest: reloading the module metadata failed; the metadata loaded before is kept:",
    error,
  );
}

/** The only key of the catalog's cache: all modules are loaded together. */
const ALL_MODULES = "modules";

/** Module metadata from `vtiger_tab`, `vtiger_field`, `vtiger_entityname` and friends. */
export class MysqlModuleCatalog implements ModuleCatalog {
  #db: VtigerDb;
  #cache: TtlCache<string, Snapshot>;
  #watch: MetadataWatch | undefined;

  /** Reads from `db`; nothing is read before the first call. */
  constructor(db: VtigerDb, options: CatalogOptions) {
    this.#db = db;
    const now = options.now ?? Date.now;
    this.#cache = new TtlCache({ now: () => new Date(now()) }, options.ttlSeconds, 1, {
      serveStale: options.onReloadError ?? logReloadError,
      onLookup: options.onLookup,
    });
    this.#watch = options.watch;
  }

  /** The active entity module of that exact name. */
  async findModule(name: string): Promise<ModuleDefinition | undefined> {
    return (await this.#current()).get(name)?.module;
  }

  /** Every active entity module, in `tabid` order. */
  async listModules(): Promise<readonly ModuleDefinition[]> {
    return [...(await this.#current()).values()].map((storage) => storage.module);
  }

  /** How the module's records are stored; `undefined` for an unknown module. */
  async storageOf(name: string): Promise<ModuleStorage | undefined> {
    return (await this.#current()).get(name);
  }

  /** Forgets the cached metadata: the next call reads it again, and waits for it. */
  invalidate(): void {
    this.#cache.invalidate();
  }

  /** Marks the metadata stale: the next call starts a reload and is answered meanwhile. */
  expire(): void {
    this.#cache.expireAll();
  }

  #current(): Promise<Snapshot> {
    void this.#watch?.poll();
    return this.#cache.get(ALL_MODULES, () => this.#load());
  }

  async #load(): Promise<Snapshot> {
    const modules = await guarded(() => loadModules(this.#db));
    return new Map(modules.map((storage) => [storage.module.name, storage]));
  }
}

/**
 * The module catalog of a Vtiger database: every active entity module read
 * from the metadata tables, cached for the process and reloaded once it is
 * older than the configured lifetime (never read per request).
 *
 * @module
 */

import type { ModuleDefinition } from "../../domain/module.ts";
import type { ModuleCatalog } from "../../domain/ports.ts";
import { loadModules } from "./catalog/module_loader.ts";
import type { ModuleStorage } from "./catalog/module_storage.ts";
import type { VtigerDb } from "./database.ts";
import { guarded } from "./driver_errors.ts";

interface Snapshot {
  readonly byName: ReadonlyMap<string, ModuleStorage>;
  readonly loadedAt: number;
}

/** Settings of the catalog. */
export interface CatalogOptions {
  /** How long loaded metadata is used before it is read again, in seconds. */
  readonly ttlSeconds: number;
  /** The time source, in milliseconds (default `Date.now`). */
  readonly now?: () => number;
}

/** Module metadata from `vtiger_tab`, `vtiger_field`, `vtiger_entityname` and friends. */
export class MysqlModuleCatalog implements ModuleCatalog {
  #db: VtigerDb;
  #ttlMs: number;
  #now: () => number;
  #snapshot: Snapshot | undefined;
  #loading: Promise<Snapshot> | undefined;

  /** Reads from `db`; nothing is read before the first call. */
  constructor(db: VtigerDb, options: CatalogOptions) {
    this.#db = db;
    this.#ttlMs = options.ttlSeconds * 1000;
    this.#now = options.now ?? Date.now;
  }

  /** The active entity module of that exact name. */
  async findModule(name: string): Promise<ModuleDefinition | undefined> {
    return (await this.#current()).byName.get(name)?.module;
  }

  /** Every active entity module, in `tabid` order. */
  async listModules(): Promise<readonly ModuleDefinition[]> {
    return [...(await this.#current()).byName.values()].map((storage) => storage.module);
  }

  /** How the module's records are stored; `undefined` for an unknown module. */
  async storageOf(name: string): Promise<ModuleStorage | undefined> {
    return (await this.#current()).byName.get(name);
  }

  /** Forgets the cached metadata: the next call reads it again. */
  invalidate(): void {
    this.#snapshot = undefined;
  }

  async #current(): Promise<Snapshot> {
    const snapshot = this.#snapshot;
    if (snapshot !== undefined && this.#now() - snapshot.loadedAt < this.#ttlMs) return snapshot;
    this.#loading ??= this.#load().finally(() => {
      this.#loading = undefined;
    });
    return await this.#loading;
  }

  async #load(): Promise<Snapshot> {
    const modules = await guarded(() => loadModules(this.#db));
    const snapshot = {
      byName: new Map(modules.map((storage) => [storage.module.name, storage])),
      loadedAt: this.#now(),
    };
    this.#snapshot = snapshot;
    return snapshot;
  }
}

/**
 * Module metadata held in memory.
 *
 * @module
 */

import type { ModuleDefinition } from "../../domain/module.ts";
import type { ModuleCatalog } from "../../domain/ports.ts";

/** A catalog of the modules it was given. */
export class MemoryModuleCatalog implements ModuleCatalog {
  #modules: Map<string, ModuleDefinition>;

  /** Holds the given modules, keyed by name. */
  constructor(modules: readonly ModuleDefinition[]) {
    this.#modules = new Map(modules.map((module) => [module.name, module]));
  }

  /** The module of that exact name. */
  findModule(name: string): Promise<ModuleDefinition | undefined> {
    return Promise.resolve(this.#modules.get(name));
  }

  /** Every module. */
  listModules(): Promise<readonly ModuleDefinition[]> {
    return Promise.resolve([...this.#modules.values()]);
  }
}

/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

import type { ModuleDefinition } from "../module.ts";

/** Where module metadata comes from. */
export interface ModuleCatalog {
  /** The active entity module of that exact name, or `undefined`. */
  findModule(name: string): Promise<ModuleDefinition | undefined>;
  /** Every active entity module. */
  listModules(): Promise<readonly ModuleDefinition[]>;
}

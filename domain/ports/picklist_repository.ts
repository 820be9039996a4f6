/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

import type { ModuleDefinition } from "../module.ts";
import type { PicklistDependency } from "../picklist.ts";

/** Storage of picklist values and dependency rules. */
export interface PicklistRepository {
  /** The picklist's values in `sortorderid` order. */
  values(module: ModuleDefinition, fieldName: string): Promise<string[]>;
  /** The module's dependency rules whose source field is `fieldName`, in stored order. */
  dependencies(module: ModuleDefinition, fieldName: string): Promise<PicklistDependency[]>;
}

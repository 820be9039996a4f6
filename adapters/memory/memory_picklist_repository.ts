/**
 * Picklist values and dependency rules held in memory.
 *
 * @module
 */

import type { ModuleDefinition } from "../../domain/module.ts";
import type { PicklistDependency } from "../../domain/picklist.ts";
import type { PicklistRepository } from "../../domain/ports.ts";

/** Picklists of one module: values by field name, and its dependency rules. */
export interface MemoryModulePicklists {
  /** Values in order, by field name. */
  readonly values: Readonly<Record<string, readonly string[]>>;
  /** Dependency rules in stored order. */
  readonly dependencies?: readonly PicklistDependency[];
}

/** A picklist repository over fixed data, keyed by module name. */
export class MemoryPicklistRepository implements PicklistRepository {
  #data: ReadonlyMap<string, MemoryModulePicklists>;

  /** Holds picklists by module name. */
  constructor(data: Readonly<Record<string, MemoryModulePicklists>>) {
    this.#data = new Map(Object.entries(data));
  }

  /** The field's values in order (none when the module has no such picklist). */
  values(module: ModuleDefinition, fieldName: string): Promise<string[]> {
    const values = this.#data.get(module.name)?.values;
    return Promise.resolve(
      values !== undefined && Object.hasOwn(values, fieldName) ? [...values[fieldName]] : [],
    );
  }

  /** The rules whose source is the field. */
  dependencies(module: ModuleDefinition, fieldName: string): Promise<PicklistDependency[]> {
    const rules = this.#data.get(module.name)?.dependencies ?? [];
    return Promise.resolve(rules.filter((rule) => rule.sourceField === fieldName));
  }
}

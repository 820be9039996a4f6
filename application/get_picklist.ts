/**
 * Use case: read a picklist's values, and optionally its dependencies.
 *
 * @module
 */

import { invalidParameter } from "../domain/errors.ts";
import type { FieldDefinition } from "../domain/field.ts";
import type { ModuleCatalog, PicklistRepository, Translator } from "../domain/ports.ts";
import {
  dependencyMap,
  labelledValues,
  type PicklistDependencies,
  type PicklistResult,
} from "../domain/picklist.ts";
import type { ModuleGrant } from "../domain/privileges.ts";
import type { ModuleDefinition } from "../domain/module.ts";
import type { CallerDeps } from "./authenticate_caller.ts";
import { openModuleFor } from "./open_module.ts";
import { roleValuesOf } from "./role_picklist_values.ts";
import { excerpt } from "../domain/excerpt.ts";

/** The ports a picklist read needs. */
export interface GetPicklistDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Picklist values and rules. */
  readonly picklists: PicklistRepository;
  /** Labels for values. */
  readonly translator: Translator;
}

/** What a picklist call asks for. */
export interface GetPicklistInput {
  /** The caller's token. */
  readonly token: string | undefined;
  /** The module name. */
  readonly module: string;
  /** The picklist field's name. */
  readonly field: string;
  /** Whether to add the dependency map. */
  readonly withDependencies?: boolean;
}

/** Reads picklist values (limited to the caller's role) with their labels. */
export class GetPicklist {
  #deps: GetPicklistDeps;

  /** Wires the use case to its ports. */
  constructor(deps: GetPicklistDeps) {
    this.#deps = deps;
  }

  /** `INVALID_PARAMETER` when the field is not a picklist of the module the caller may see. */
  async execute(input: GetPicklistInput): Promise<PicklistResult> {
    const { module, grant, fields } = await openModuleFor(
      this.#deps,
      input.token,
      input.module,
      "view",
    );
    const field = this.#requirePicklist(module, fields, input.field);
    const values = await this.#valuesFor(module, grant, field);
    const translate = (value: string): string =>
      this.#deps.translator.translate(module.name, value);
    const result: PicklistResult = { values: labelledValues(values, translate) };
    if (input.withDependencies) {
      result.dependencies = await this.#dependencies(module, grant, fields, field, values);
    }
    return result;
  }

  /**
   * The dependency map as the caller's role sees it: rules only for source
   * values the role may use, target values limited to the role's too, and
   * targets the caller cannot see left out.
   */
  async #dependencies(
    module: ModuleDefinition,
    grant: ModuleGrant,
    fields: readonly FieldDefinition[],
    field: FieldDefinition,
    sourceValues: readonly string[],
  ): Promise<PicklistDependencies> {
    const stored = await this.#deps.picklists.dependencies(module, field.name);
    const targetValues = new Map<string, string[]>();
    for (const name of new Set(stored.map((rule) => rule.targetField))) {
      const target = fields.find((candidate) => candidate.name === name);
      if (target?.picklist !== undefined) {
        targetValues.set(name, await this.#valuesFor(module, grant, target));
      }
    }
    const rules = stored
      .filter((rule) =>
        targetValues.has(rule.targetField) && sourceValues.includes(rule.sourceValue)
      )
      .map((rule) => {
        const allowed = targetValues.get(rule.targetField) ?? [];
        return {
          ...rule,
          targetValues: rule.targetValues.filter((value) => allowed.includes(value)),
        };
      });
    return dependencyMap(rules, (name) => targetValues.get(name) ?? []);
  }

  #requirePicklist(
    module: ModuleDefinition,
    fields: readonly FieldDefinition[],
    name: string,
  ): FieldDefinition {
    const field = fields.find((candidate) => candidate.name === name);
    if (field?.picklist === undefined) {
      throw invalidParameter(`Field '${excerpt(name)}' is not a picklist of module ${module.name}`);
    }
    return field;
  }

  #valuesFor(
    module: ModuleDefinition,
    grant: ModuleGrant,
    field: FieldDefinition,
  ): Promise<string[]> {
    return roleValuesOf(this.#deps.picklists, module, grant, field);
  }
}

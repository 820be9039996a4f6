/**
 * Use case: read a picklist's values, and optionally its dependencies.
 *
 * @module
 */

import { invalidParameter } from "../domain/errors.ts";
import type { FieldDefinition } from "../domain/field.ts";
import type { ModuleCatalog, PicklistRepository, Translator } from "../domain/ports.ts";
import { dependencyMap, labelledValues, type PicklistResult } from "../domain/picklist.ts";
import { allowedPicklistValues, type ModuleGrant } from "../domain/privileges.ts";
import type { ModuleDefinition } from "../domain/module.ts";
import { authenticateCaller, type CallerDeps } from "./authenticate_caller.ts";
import { openModule } from "./open_module.ts";

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
    const { privileges } = await authenticateCaller(this.#deps, input.token);
    const { module, grant, fields } = await openModule(
      this.#deps.modules,
      privileges,
      input.module,
      "view",
    );
    const field = this.#requirePicklist(module, fields, input.field);
    const values = await this.#valuesFor(module, grant, field);
    const translate = (value: string): string =>
      this.#deps.translator.translate(module.name, value);
    const result: PicklistResult = { values: labelledValues(values, translate) };
    if (input.withDependencies) {
      const visibleTargets = new Map(
        fields.filter((candidate) => candidate.picklist !== undefined).map((f) => [f.name, f]),
      );
      const rules = (await this.#deps.picklists.dependencies(module, field.name))
        .filter((rule) => visibleTargets.has(rule.targetField));
      const targets = new Map<string, string[]>();
      for (const [name, target] of visibleTargets) {
        if (rules.some((rule) => rule.targetField === name)) {
          targets.set(name, await this.#valuesFor(module, grant, target));
        }
      }
      result.dependencies = dependencyMap(rules, (name) => targets.get(name) ?? []);
    }
    return result;
  }

  #requirePicklist(
    module: ModuleDefinition,
    fields: readonly FieldDefinition[],
    name: string,
  ): FieldDefinition {
    const field = fields.find((candidate) => candidate.name === name);
    if (field?.picklist === undefined) {
      throw invalidParameter(`Field '${name}' is not a picklist of module ${module.name}`);
    }
    return field;
  }

  async #valuesFor(
    module: ModuleDefinition,
    grant: ModuleGrant,
    field: FieldDefinition,
  ): Promise<string[]> {
    const values = await this.#deps.picklists.values(module, field.name);
    const allowed = field.picklist === "role"
      ? allowedPicklistValues(grant, field.name)
      : undefined;
    return allowed === undefined ? values : values.filter((value) => allowed.has(value));
  }
}

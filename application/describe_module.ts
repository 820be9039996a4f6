/**
 * Use case: describe a module's fields as the caller sees them (`describe`).
 *
 * @module
 */

import {
  type DescribedField,
  fieldEditable,
  moduleActions,
  type ModuleDescription,
} from "../domain/discovery.ts";
import type { FieldDefinition } from "../domain/field.ts";
import { fieldTypeOf } from "../domain/field_type.ts";
import type { ModuleDefinition } from "../domain/module.ts";
import type { ModuleCatalog, PicklistRepository, Translator } from "../domain/ports.ts";
import { mayUseModule, type ModuleGrant, type Privileges } from "../domain/privileges.ts";
import type { CallerDeps } from "./authenticate_caller.ts";
import { moduleLabel } from "./list_types.ts";
import { ANY_USE, openModuleFor } from "./open_module.ts";
import { roleValuesOf } from "./role_picklist_values.ts";

/** The ports `describe` needs. */
export interface DescribeModuleDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Picklist values. */
  readonly picklists: PicklistRepository;
  /** Labels. */
  readonly translator: Translator;
}

/** What `describe` asks for. */
export interface DescribeModuleInput {
  /** The caller's token. */
  readonly token: string | undefined;
  /** The module name. */
  readonly module: string;
}

/**
 * Describes the fields the caller may see: hidden fields, picklist values
 * outside the caller's role and reference targets in modules the caller may
 * not use are left out, as if they did not exist.
 */
export class DescribeModule {
  #deps: DescribeModuleDeps;

  /** Wires the use case to its ports. */
  constructor(deps: DescribeModuleDeps) {
    this.#deps = deps;
  }

  /** `ACCESS_DENIED` for a module the caller may not use. */
  async execute(input: DescribeModuleInput): Promise<ModuleDescription> {
    const { module, grant, fields, privileges } = await openModuleFor(
      this.#deps,
      input.token,
      input.module,
      ANY_USE,
    );
    const visible = new Set(fields.map((field) => field.name));
    const described: DescribedField[] = [];
    for (const field of fields) {
      described.push(await this.#describeField(module, grant, privileges, field));
    }
    return {
      name: module.name,
      label: moduleLabel(this.#deps.translator, module),
      actions: moduleActions(module, grant),
      labelFields: module.labelFields.filter((name) => visible.has(name)),
      allowDuplicates: module.allowDuplicates ?? true,
      fields: described,
    };
  }

  async #describeField(
    module: ModuleDefinition,
    grant: ModuleGrant,
    privileges: Privileges,
    field: FieldDefinition,
  ): Promise<DescribedField> {
    const translate = (value: string): string =>
      this.#deps.translator.translate(module.name, value);
    const values = field.picklist === undefined
      ? []
      : await roleValuesOf(this.#deps.picklists, module, grant, field);
    return {
      name: field.name,
      label: translate(field.label),
      type: fieldTypeOf(field),
      mandatory: field.mandatory,
      editable: fieldEditable(module, grant, field),
      maxLength: field.maxLength ?? null,
      default: field.defaultValue ?? null,
      picklistValues: values.map((value) => ({ value, label: translate(value) })),
      referenceModules: (field.referenceModules ?? []).filter((name) =>
        mayUseModule(privileges, name)
      ),
      block: field.block === undefined ? null : translate(field.block),
    };
  }
}

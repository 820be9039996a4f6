/**
 * A Vtiger entity module: its record tables and its active fields.
 *
 * @module
 */

import { DomainError, moduleNotFound } from "./errors.ts";
import { type FieldDefinition, UITYPE_OWNER, UITYPE_RECORD_NUMBER } from "./field.ts";
import type { ModuleInputs } from "./module_inputs.ts";

/** The table every entity record has a row in. */
export const CRMENTITY_TABLE = "vtiger_crmentity";

/** One entity module of Vtiger (`vtiger_tab` with `isentitytype = 1`). */
export interface ModuleDefinition {
  /** `vtiger_tab.name`, as clients spell it in URLs (`Accounts`). */
  readonly name: string;
  /** `vtiger_tab.tabid`. */
  readonly tabId: number;
  /** The module's base table (`vtiger_account`). */
  readonly baseTable: string;
  /** The id column of the base table (`accountid`). */
  readonly baseIdColumn: string;
  /** Every table with one row per record, mapped to its id column; includes `vtiger_crmentity`. */
  readonly recordTables: Readonly<Record<string, string>>;
  /** Active fields (`presence` 0 or 2) in `fieldid` order. */
  readonly fields: readonly FieldDefinition[];
  /** Field names whose values, joined by a space, make the record's label. */
  readonly labelFields: readonly string[];
  /** Why records of this module cannot be created or changed here, when they cannot. */
  readonly writeRefusal?: string;
  /** `vtiger_tab.tablabel`: the key of the module's name in its language strings. */
  readonly label?: string;
  /** `vtiger_tab.allowduplicates`: `false` when Vtiger's duplicate prevention is on. */
  readonly allowDuplicates?: boolean;
  /** What the module's own save takes besides its plainly writable fields (`module_inputs.ts`). */
  readonly inputs?: ModuleInputs;
  /** The modules of the module's related lists (`vtiger_relatedlists`), by name. */
  readonly relatedModules?: readonly string[];
  /**
   * Fields the install switched off (`presence = 1`, such as the F-RevoCRM
   * `salutationtype`): Vtiger's webservice accepts a value for them and stores
   * nothing, and so does vtrest.
   */
  readonly ignoredFields?: readonly string[];
}

/** Finds a field of the module by its Vtiger field name. */
export function findField(module: ModuleDefinition, name: string): FieldDefinition | undefined {
  return module.fields.find((field) => field.name === name);
}

/** The module's record number field (uitype 4), if it has one. */
export function recordNumberField(module: ModuleDefinition): FieldDefinition | undefined {
  return module.fields.find((field) => field.uitype === UITYPE_RECORD_NUMBER);
}

/** The module's owner field (`assigned_user_id`, uitype 53), if it has one. */
export function ownerField(module: ModuleDefinition): FieldDefinition | undefined {
  return module.fields.find((field) => field.uitype === UITYPE_OWNER);
}

/**
 * Builds the label Vtiger stores in `vtiger_crmentity.label`: the label fields'
 * values joined by one space, untrimmed (an empty first name leaves a leading
 * space, exactly as Vtiger's record label updater writes it).
 */
export function recordLabel(
  module: ModuleDefinition,
  values: Readonly<Record<string, string | null | undefined>>,
): string {
  return module.labelFields.map((name) => values[name] ?? "").join(" ");
}

/** Returns the module or throws `MODULE_NOT_FOUND` quoting the name asked for. */
export function requireModule(
  module: ModuleDefinition | undefined,
  name: string,
): ModuleDefinition {
  if (module === undefined) throw moduleNotFound(name);
  return module;
}

/** Throws `METHOD_NOT_ALLOWED` with the reason when the module's records cannot be written here. */
export function requireWritableModule(module: ModuleDefinition): void {
  if (module.writeRefusal !== undefined) {
    throw new DomainError(
      "METHOD_NOT_ALLOWED",
      `Records of module ${module.name} cannot be written here: ${module.writeRefusal}`,
    );
  }
}

/**
 * Throws `INVALID_PARAMETER` unless `other` is one of the module's related
 * lists (`vtiger_relatedlists`), as Vtiger's related lists show them.
 */
export function requireRelatedModule(module: ModuleDefinition, other: string): void {
  if (!(module.relatedModules ?? []).includes(other)) {
    throw new DomainError(
      "INVALID_PARAMETER",
      `Module ${other} is not a related list of module ${module.name}`,
    );
  }
}

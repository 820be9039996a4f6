/**
 * Finds the module a call names and checks the caller may do the action there.
 *
 * @module
 */

import type { FieldDefinition } from "../domain/field.ts";
import { type ModuleDefinition, requireModule } from "../domain/module.ts";
import type { ModuleCatalog } from "../domain/ports.ts";
import {
  type ModuleGrant,
  type Privileges,
  type RecordAction,
  requireAction,
  visibleFields,
} from "../domain/privileges.ts";

/** A module opened for one action of one caller. */
export interface OpenedModule {
  /** The module. */
  readonly module: ModuleDefinition;
  /** What the caller may do in it. */
  readonly grant: ModuleGrant;
  /** The fields the caller may see, in `fieldid` order. */
  readonly fields: readonly FieldDefinition[];
}

/** `MODULE_NOT_FOUND` for an unknown module, `ACCESS_DENIED` for a forbidden action. */
export async function openModule(
  catalog: ModuleCatalog,
  privileges: Privileges,
  moduleName: string,
  action: RecordAction,
): Promise<OpenedModule> {
  const module = requireModule(await catalog.findModule(moduleName), moduleName);
  const grant = requireAction(privileges, module, action);
  return { module, grant, fields: visibleFields(module, grant) };
}

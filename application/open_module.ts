/**
 * Opens the module a call names for the caller of a token: the first step of
 * every record and picklist use case.
 *
 * @module
 */

import type { FieldDefinition } from "../domain/field.ts";
import { type ModuleDefinition, requireModule, requireWritableModule } from "../domain/module.ts";
import type { ModuleCatalog } from "../domain/ports.ts";
import {
  type ModuleGrant,
  type RecordAction,
  requireAction,
  visibleFields,
} from "../domain/privileges.ts";
import { authenticateCaller, type Caller, type CallerDeps } from "./authenticate_caller.ts";

/** A module opened for one action of one caller. */
export interface OpenedModule {
  /** The module. */
  readonly module: ModuleDefinition;
  /** What the caller may do in it. */
  readonly grant: ModuleGrant;
  /** The fields the caller may see, in `fieldid` order. */
  readonly fields: readonly FieldDefinition[];
}

/** The ports needed to open a module for the caller of a token. */
export interface OpenModuleDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
}

const WRITES: ReadonlySet<RecordAction> = new Set(["create", "edit", "delete"]);

/**
 * Authenticates the token, finds the module and checks the action:
 * `MODULE_NOT_FOUND` for an unknown module, `ACCESS_DENIED` for a forbidden
 * action, `METHOD_NOT_ALLOWED` for a write on a module written elsewhere.
 */
export async function openModuleFor(
  deps: OpenModuleDeps,
  token: string | undefined,
  moduleName: string,
  action: RecordAction,
): Promise<OpenedModule & Caller> {
  const caller = await authenticateCaller(deps, token);
  const module = requireModule(await deps.modules.findModule(moduleName), moduleName);
  const grant = requireAction(caller.privileges, module, action);
  if (WRITES.has(action)) requireWritableModule(module);
  return { ...caller, module, grant, fields: visibleFields(module, grant) };
}

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
  requireModuleUse,
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

/** Opening a module for no one action: any use of it the caller's profiles allow. */
export const ANY_USE = "use";

/**
 * Authenticates the token, finds the module and checks the action:
 * `MODULE_NOT_FOUND` for an unknown module, `ACCESS_DENIED` for a forbidden
 * action (or, with {@linkcode ANY_USE}, a module the caller may not use at
 * all), `METHOD_NOT_ALLOWED` for a write on a module written elsewhere.
 */
export async function openModuleFor(
  deps: OpenModuleDeps,
  token: string | undefined,
  moduleName: string,
  action: RecordAction | typeof ANY_USE,
): Promise<OpenedModule & Caller> {
  const caller = await authenticateCaller(deps, token);
  const module = requireModule(await deps.modules.findModule(moduleName), moduleName);
  const grant = action === ANY_USE
    ? requireModuleUse(caller.privileges, module)
    : requireAction(caller.privileges, module, action);
  if (action !== ANY_USE && WRITES.has(action)) requireWritableModule(module);
  return { ...caller, module, grant, fields: visibleFields(module, grant) };
}

/**
 * Use case: the modules the caller may use, with their labels and what the
 * caller may do in each (`listtypes`).
 *
 * @module
 */

import { moduleActions, type ModuleType } from "../domain/discovery.ts";
import type { ModuleCatalog, Translator } from "../domain/ports.ts";
import { grantFor } from "../domain/privileges.ts";
import { authenticateCaller, type CallerDeps } from "./authenticate_caller.ts";

/** The ports `listtypes` needs. */
export interface ListTypesDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Module labels. */
  readonly translator: Translator;
}

/** What `listtypes` asks for. */
export interface ListTypesInput {
  /** The caller's token. */
  readonly token: string | undefined;
}

/** The module's name as the user's language shows it (`Accounts` → `Organizations`). */
export function moduleLabel(
  translator: Translator,
  module: { readonly name: string; readonly label?: string },
): string {
  return translator.translate(module.name, module.label ?? module.name);
}

/** Lists the modules the caller may use; the others are not mentioned at all. */
export class ListTypes {
  #deps: ListTypesDeps;

  /** Wires the use case to its ports. */
  constructor(deps: ListTypesDeps) {
    this.#deps = deps;
  }

  /** The caller's modules in `tabid` order. */
  async execute(input: ListTypesInput): Promise<ModuleType[]> {
    const { privileges } = await authenticateCaller(this.#deps, input.token);
    const types: ModuleType[] = [];
    for (const module of await this.#deps.modules.listModules()) {
      const grant = grantFor(privileges, module);
      if (grant === undefined) continue;
      types.push({
        name: module.name,
        label: moduleLabel(this.#deps.translator, module),
        actions: moduleActions(module, grant),
      });
    }
    return types;
  }
}

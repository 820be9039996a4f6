/**
 * Which write behaviours apply to which module, in the order they run.
 *
 * To give a module its own write rules: write a `ModuleWriteBehaviour`
 * (`../write_behaviour.ts`) in a file of this folder named after the module
 * (`events.ts`, `inventory.ts`), and list it under the module's name in
 * {@linkcode MODULE_BEHAVIOURS}: that one line switches it on. A module's own
 * behaviours run before the generic ones, so that the generic ones (duplicate
 * check, e-mail lookup, the header copy) see the values and rows the module's
 * rules derived, as Vtiger's save runs the module's `save_module` before its
 * after-save handlers.
 *
 * @module
 */

import type { ModuleWriteBehaviour } from "../write_behaviour.ts";
import { ACTIVITY_SAVE } from "./activities.ts";
import { DOCUMENT_FILES } from "./documents.ts";
import { COMMENT_ON_PARENT } from "./modcomments.ts";
import { PRODUCT_PRICES } from "./products.ts";

/** Behaviours of particular modules, by module name (`vtiger_tab.name`). */
export const MODULE_BEHAVIOURS: Readonly<Record<string, readonly ModuleWriteBehaviour[]>> = {
  Calendar: [ACTIVITY_SAVE],
  Documents: [DOCUMENT_FILES],
  Events: [ACTIVITY_SAVE],
  ModComments: [COMMENT_ON_PARENT],
  Products: [PRODUCT_PRICES],
  Services: [PRODUCT_PRICES],
};

/** Behaviours of every module, after the module's own. */
export const GENERIC_BEHAVIOURS: readonly ModuleWriteBehaviour[] = [];

/** The behaviours a write of the module runs, in order. */
export function behavioursOf(moduleName: string): readonly ModuleWriteBehaviour[] {
  const own = Object.hasOwn(MODULE_BEHAVIOURS, moduleName) ? MODULE_BEHAVIOURS[moduleName] : [];
  return [...own, ...GENERIC_BEHAVIOURS];
}

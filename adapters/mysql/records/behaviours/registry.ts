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
 * after-save handlers. A behaviour sees the record read back complete
 * (F-RevoCRM's header copy included).
 *
 * @module
 */

import type { ModuleWriteBehaviour } from "../write_behaviour.ts";
import { accountCascade } from "./accounts.ts";
import { ACTIVITY_SAVE } from "./activities.ts";
import { contactCascade } from "./contacts.ts";
import { DOCUMENT_FILES } from "./documents.ts";
import { emailLookup } from "./email_lookup.ts";
import { INVENTORY_SAVE } from "./inventory.ts";
import { COMMENT_ON_PARENT } from "./modcomments.ts";
import { productCascade, serviceCascade } from "./product_relations.ts";
import { PRODUCT_PRICES } from "./products.ts";
import { referencingRecords, trashedRecordTraces } from "./recycle_bin.ts";
import { uniqueValues } from "./unique_values.ts";
import { vendorCascade } from "./vendors.ts";

/** Behaviours of particular modules, by module name (`vtiger_tab.name`). */
export const MODULE_BEHAVIOURS: Readonly<Record<string, readonly ModuleWriteBehaviour[]>> = {
  Accounts: [accountCascade],
  Calendar: [ACTIVITY_SAVE],
  Contacts: [contactCascade],
  Documents: [DOCUMENT_FILES],
  Events: [ACTIVITY_SAVE],
  Invoice: [INVENTORY_SAVE],
  ModComments: [COMMENT_ON_PARENT],
  Products: [PRODUCT_PRICES, productCascade],
  PurchaseOrder: [INVENTORY_SAVE],
  Quotes: [INVENTORY_SAVE],
  SalesOrder: [INVENTORY_SAVE],
  Services: [PRODUCT_PRICES, serviceCascade],
  Vendors: [vendorCascade],
};

/**
 * Behaviours of every module, after the module's own, in this order: the
 * duplicate check (before anything is written), the e-mail lookup, and on
 * delete the recycle-bin rows of the records still pointing at the deleted
 * one, then its tags and recently-viewed entry. (F-RevoCRM's header copy is
 * part of the general write path itself: `header_copy.ts`.)
 */
export const GENERIC_BEHAVIOURS: readonly ModuleWriteBehaviour[] = [
  uniqueValues,
  emailLookup,
  referencingRecords,
  trashedRecordTraces,
];

/** The behaviours a write of the module runs, in order. */
export function behavioursOf(moduleName: string): readonly ModuleWriteBehaviour[] {
  const own = Object.hasOwn(MODULE_BEHAVIOURS, moduleName) ? MODULE_BEHAVIOURS[moduleName] : [];
  return [...own, ...GENERIC_BEHAVIOURS];
}

/**
 * A Vendor's delete, as `Vendors::unlinkDependencies` does it: its live
 * Purchase Orders are deleted with it (one recycle-bin row, even when there
 * are none), and its Products' `vendor_id` is set to 0 (remembered).
 *
 * @module
 */

import type { ModuleWriteBehaviour } from "../write_behaviour.ts";
import { deleteDependents, unlinkColumn } from "./recycle_bin.ts";

/** What deleting a Vendor does to its related records. */
export const vendorCascade: ModuleWriteBehaviour = {
  name: "Vendors cascade",
  afterDelete: async (scene, deleted) => {
    const id = deleted.record.id;
    await deleteDependents(
      scene,
      id,
      "PurchaseOrder",
      "vtiger_purchaseorder",
      "purchaseorderid",
      "vendorid",
    );
    await unlinkColumn(scene, id, "vtiger_products", "vendor_id", "productid");
  },
};

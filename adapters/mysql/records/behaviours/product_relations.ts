/**
 * Product and Service deletes, as `Products::unlinkDependencies` and
 * `Services::unlinkDependencies` do them: a Product's Campaigns lose their
 * `product_id` (remembered), and its rows of `vtiger_seproductsrel` (the
 * records it is related to) are remembered one by one and deleted; a
 * Service's `vtiger_seproductsrel` rows are deleted.
 *
 * @module
 */

import { sql } from "kysely";
import type { ModuleWriteBehaviour } from "../write_behaviour.ts";
import { idsWhere, RB_RECORD_DELETED, rememberLink, unlinkColumn } from "./recycle_bin.ts";

async function deleteProductRelations(trx: Parameters<typeof idsWhere>[0], id: number) {
  await sql`DELETE FROM vtiger_seproductsrel WHERE productid = ${id} OR crmid = ${id}`.execute(trx);
}

/** What deleting a Product does to its related records. */
export const productCascade: ModuleWriteBehaviour = {
  name: "Products cascade",
  afterDelete: async (scene, deleted) => {
    const id = deleted.record.id;
    await unlinkColumn(scene, id, "vtiger_campaign", "product_id", "campaignid");
    for (
      const related of await idsWhere(scene.trx, "vtiger_seproductsrel", "crmid", "productid", id)
    ) {
      await rememberLink(scene.trx, id, {
        action: RB_RECORD_DELETED,
        table: "vtiger_seproductsrel",
        column: "productid",
        refColumn: "crmid",
        ids: related,
      });
    }
    await deleteProductRelations(scene.trx, id);
  },
};

/** What deleting a Service does to its related records. */
export const serviceCascade: ModuleWriteBehaviour = {
  name: "Services cascade",
  afterDelete: (scene, deleted) => deleteProductRelations(scene.trx, deleted.record.id),
};

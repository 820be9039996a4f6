/**
 * A Contact's delete, as `Contacts::unlinkDependencies` does it: live
 * Potentials whose `related_to` is the contact are deleted with it (one
 * recycle-bin row, even when there are none); tickets, purchase orders,
 * sales orders and quotes pointing at it lose the link (set to 0,
 * remembered in the recycle bin); its customer-portal login goes and its
 * portal fields are cleared.
 *
 * @module
 */

import { sql } from "kysely";
import type { ModuleWriteBehaviour } from "../write_behaviour.ts";
import { deleteDependents, unlinkColumn } from "./recycle_bin.ts";

/** What deleting a Contact does to its related records. */
export const contactCascade: ModuleWriteBehaviour = {
  name: "Contacts cascade",
  afterDelete: async (scene, deleted) => {
    const id = deleted.record.id;
    await deleteDependents(
      scene,
      id,
      "Potentials",
      "vtiger_potential",
      "potentialid",
      "related_to",
    );
    await unlinkColumn(scene, id, "vtiger_troubletickets", "contact_id", "ticketid");
    await unlinkColumn(scene, id, "vtiger_purchaseorder", "contactid", "purchaseorderid");
    await unlinkColumn(scene, id, "vtiger_salesorder", "contactid", "salesorderid");
    await unlinkColumn(scene, id, "vtiger_quotes", "contactid", "quoteid");
    await sql`DELETE FROM vtiger_portalinfo WHERE id = ${id}`.execute(scene.trx);
    await sql`UPDATE vtiger_customerdetails SET portal = 0, support_start_date = NULL,
      support_end_date = NULL WHERE customerid = ${id}`.execute(scene.trx);
  },
};

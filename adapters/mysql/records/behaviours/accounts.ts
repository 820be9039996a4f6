/**
 * An Account's delete, as `Accounts::unlinkDependencies` does it: its live
 * Potentials and Quotes are deleted with it (one recycle-bin row each, even
 * when there are none), its Contacts' `accountid` and its tickets'
 * `parent_id` are set to 0 (remembered in the recycle bin when there were
 * some).
 *
 * @module
 */

import type { ModuleWriteBehaviour } from "../write_behaviour.ts";
import { deleteDependents, unlinkColumn } from "./recycle_bin.ts";

/** What deleting an Account does to its related records. */
export const accountCascade: ModuleWriteBehaviour = {
  name: "Accounts cascade",
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
    await deleteDependents(scene, id, "Quotes", "vtiger_quotes", "quoteid", "accountid");
    await unlinkColumn(scene, id, "vtiger_contactdetails", "accountid", "contactid");
    await unlinkColumn(scene, id, "vtiger_troubletickets", "parent_id", "ticketid");
  },
};

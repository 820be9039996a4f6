/**
 * `vtiger_emailslookup (crmid, setype, value, fieldid)`, the index Vtiger's
 * e-mail composer searches (`EmailLookupHandler`, Vtiger 7 and later): after
 * a save, a row per e-mail field holding a value (a changed value replaces
 * its row, an emptied field loses it); after a delete, none of the record's
 * rows. Vtiger lists a module only when one of its e-mail fields is visible
 * to the writing user's profiles (an accident of how its handler finds the
 * modules); vtrest keeps the lookup for every module with e-mail fields.
 *
 * @module
 */

import { sql } from "kysely";
import type { RecordRow } from "../record_select.ts";
import type { ModuleWriteBehaviour, WriteScene } from "../write_behaviour.ts";

/** `vtiger_emailslookup.value` is a VARCHAR(100): MySQL outside strict mode keeps that much. */
const LOOKUP_VALUE_LENGTH = 100;

async function saveLookup(scene: WriteScene, row: RecordRow, isNew: boolean): Promise<void> {
  const { trx, storage } = scene;
  const id = row.record.id;
  for (const field of storage.emailFields) {
    const value = row.record.values[field.name] ?? "";
    if (value === "" || value === "0") {
      if (!isNew) {
        await sql`DELETE FROM vtiger_emailslookup WHERE crmid = ${id} AND fieldid = ${field.id}`
          .execute(trx);
      }
      continue;
    }
    const kept = [...value].slice(0, LOOKUP_VALUE_LENGTH).join("");
    await sql`INSERT INTO vtiger_emailslookup (crmid, setype, value, fieldid)
      VALUES (${id}, ${storage.module.name}, ${kept}, ${field.id})
      ON DUPLICATE KEY UPDATE value = VALUES(value)`.execute(trx);
  }
}

/** Keeps a record's e-mail addresses in `vtiger_emailslookup`. */
export const emailLookup: ModuleWriteBehaviour = {
  name: "e-mail lookup",
  leavesRecordAsWritten: true,
  afterCreate: async (scene, created) => {
    if (scene.storage.emailFields.length > 0) await saveLookup(scene, created.row, true);
  },
  afterUpdate: async (scene, changed) => {
    if (scene.storage.emailFields.length > 0) await saveLookup(scene, changed.after, false);
  },
  afterDelete: async (scene, deleted) => {
    if (scene.storage.emailFields.length === 0) return;
    await sql`DELETE FROM vtiger_emailslookup WHERE crmid = ${deleted.record.id}`
      .execute(scene.trx);
  },
};

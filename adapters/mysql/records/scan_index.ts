/**
 * The narrowest index of `vtiger_crmentity` that holds everything a plain
 * page's ids need (`deleted`, `setype`, the owner for the permission scope,
 * and the crmid every InnoDB index carries): Vtiger's
 * `crm_ownerid_del_setype_idx`, found by its columns rather than its name.
 * Skipping 90,000 records through it reads 90,000 short index entries
 * instead of 90,000 whole `vtiger_crmentity` rows (about half the time),
 * then sorts the ids.
 *
 * @module
 */

import { sql } from "kysely";
import type { VtigerDb } from "../database.ts";

/** The columns a plain page's ids are chosen by, besides the crmid. */
const PAGE_COLUMNS: ReadonlySet<string> = new Set(["deleted", "setype", "smownerid"]);

/**
 * The name of the shortest index of `vtiger_crmentity` made of no other
 * columns than `deleted`, `setype` and `smownerid` and holding the first two,
 * or `undefined` when the install has none.
 */
export async function findPageScanIndex(db: VtigerDb): Promise<string | undefined> {
  const found = await sql<{ name: string; columns: string }>`
    SELECT INDEX_NAME AS name, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS columns
    FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'vtiger_crmentity'
    GROUP BY INDEX_NAME`.execute(db);
  const fitting = found.rows
    .map((row) => ({ name: row.name, columns: row.columns.split(",") }))
    .filter(({ columns }) =>
      columns.includes("deleted") && columns.includes("setype") &&
      columns.every((column) => PAGE_COLUMNS.has(column))
    )
    .sort((a, b) => a.columns.length - b.columns.length);
  return fitting[0]?.name;
}

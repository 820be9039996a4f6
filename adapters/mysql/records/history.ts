/**
 * ModTracker history as Vtiger's ModTrackerHandler writes it: one
 * `vtiger_modtracker_basic` row per change (2 created, 0 updated, 1 deleted)
 * with a `vtiger_modtracker_detail` row per changed key (which keys:
 * `domain/history.ts`), values HTML-encoded as Vtiger's database layer hands
 * them to the handler.
 *
 * @module
 */

import { sql } from "kysely";
import type { HistoryDetail } from "../../../domain/history.ts";
import type { VtigerDb } from "../database.ts";
import { htmlEntities } from "./html_entities.ts";
import { nextSequenceValue } from "./numbering.ts";

/** ModTracker statuses. */
export const HISTORY_STATUS = { updated: 0, deleted: 1, created: 2 } as const;

/** One history entry. */
export interface HistoryEntry {
  /** The record. */
  readonly crmid: number;
  /** The module name ModTracker records. */
  readonly module: string;
  /** The acting user (Vtiger's webservice leaves NULL here: a bug not copied). */
  readonly whodid: number;
  /** `YYYY-MM-DD HH:MM:SS`. */
  readonly changedon: string;
  /** 0, 1 or 2. */
  readonly status: number;
  /** Changed keys. */
  readonly details: readonly HistoryDetail[];
}

/**
 * Makes sure `vtiger_modtracker_basic_seq` exists, as Vtiger's ADOdb `GenID`
 * creates it on first use (`id INT NOT NULL`, one row). Run outside any
 * transaction: MySQL commits on DDL. The first row continues after the
 * highest existing history id, so that no id is handed out twice.
 */
export async function ensureHistorySequence(db: VtigerDb): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS vtiger_modtracker_basic_seq (id INT NOT NULL)`.execute(db);
  const lock = await sql<
    { got: number | null }
  >`SELECT GET_LOCK('vtrest_modtracker_seq', 10) AS got`
    .execute(db);
  try {
    await sql`INSERT INTO vtiger_modtracker_basic_seq (id)
      SELECT last.id FROM (SELECT COALESCE(MAX(id), 0) AS id FROM vtiger_modtracker_basic) AS last
      WHERE NOT EXISTS (SELECT 1 FROM vtiger_modtracker_basic_seq)`.execute(db);
  } finally {
    if (Number(lock.rows[0]?.got) === 1) {
      await sql`SELECT RELEASE_LOCK('vtrest_modtracker_seq')`.execute(db);
    }
  }
}

/** What `vtiger_modtracker_detail.prevalue` and `postvalue` (TEXT columns) hold, in bytes. */
const DETAIL_VALUE_BYTES = 65_535;

/**
 * A value as the detail columns keep it: HTML-encoded, then cut after the
 * last whole character that fits, as MySQL outside strict mode (which
 * Vtiger's installer requires) stores an overlong value for Vtiger. A field
 * may hold more (a MEDIUMTEXT `description`); its record keeps it whole.
 */
function detailValue(value: string): string {
  const encoded = htmlEntities(value);
  const encoder = new TextEncoder();
  if (encoder.encode(encoded).length <= DETAIL_VALUE_BYTES) return encoded;
  let bytes = 0;
  let kept = "";
  for (const char of encoded) {
    bytes += encoder.encode(char).length;
    if (bytes > DETAIL_VALUE_BYTES) break;
    kept += char;
  }
  return kept;
}

/** Writes one entry (basic row and its details) inside the caller's transaction. */
export async function writeHistory(trx: VtigerDb, entry: HistoryEntry): Promise<void> {
  const id = await nextSequenceValue(trx, "vtiger_modtracker_basic_seq");
  await trx.insertInto("vtiger_modtracker_basic").values({
    id,
    crmid: entry.crmid,
    module: entry.module,
    whodid: entry.whodid,
    changedon: entry.changedon,
    status: entry.status,
  }).execute();
  if (entry.details.length === 0) return;
  await trx.insertInto("vtiger_modtracker_detail").values(entry.details.map((detail) => ({
    id,
    fieldname: detail.fieldname,
    prevalue: detail.prevalue === null ? null : detailValue(detail.prevalue),
    postvalue: detailValue(detail.postvalue),
  }))).execute();
}

/**
 * Ids and record numbers the way Vtiger hands them out: the crmid from
 * `vtiger_crmentity_seq` (`UPDATE ... SET id = LAST_INSERT_ID(id + 1)`), the
 * record number from `vtiger_modentity_num` under a row lock. Both run inside
 * the create's transaction, so their row locks serialize concurrent creates.
 *
 * @module
 */

import { sql } from "kysely";
import type { VtigerDb } from "../database.ts";
import { DatabaseError } from "../driver_errors.ts";

/** Takes the next value of a one-row sequence table such as `vtiger_crmentity_seq`. */
export async function nextSequenceValue(
  trx: VtigerDb,
  table: "vtiger_crmentity_seq" | "vtiger_modtracker_basic_seq",
): Promise<number> {
  // LAST_INSERT_ID(expr) sets the insert id of the statement's own answer: no SELECT needed.
  const updated = await trx.executeQuery(
    trx.updateTable(table).set({ id: sql`LAST_INSERT_ID(id + 1)` }).compile(),
  );
  const id = Number(updated.insertId ?? 0);
  if (Number(updated.numAffectedRows ?? 0) === 0 || id <= 0) {
    throw new DatabaseError(`The sequence ${table} holds no value`, undefined);
  }
  return id;
}

/**
 * The number after `current`, keeping its width as Vtiger does (`0009` →
 * `0010`, `9` → `10`); a non-numeric value starts again at 1.
 */
export function followingNumber(current: string): string {
  if (!/^\d+$/.test(current)) return "1";
  const next = (BigInt(current) + 1n).toString();
  return next.padStart(current.length, "0");
}

/**
 * The record number of a new record of the module (`prefix` + `cur_id`),
 * storing the next one; `""` when the module has no active numbering.
 */
export async function takeRecordNumber(trx: VtigerDb, moduleName: string): Promise<string> {
  const row = await trx.selectFrom("vtiger_modentity_num")
    .select(["num_id", "prefix", "cur_id"])
    .where("semodule", "=", moduleName).where("active", "=", "1")
    .orderBy("num_id").limit(1).forUpdate().executeTakeFirst();
  if (row === undefined) return "";
  await trx.updateTable("vtiger_modentity_num").set({ cur_id: followingNumber(row.cur_id) })
    .where("num_id", "=", row.num_id).execute();
  return `${row.prefix}${row.cur_id}`;
}

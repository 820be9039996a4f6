/**
 * What Vtiger writes when one record is linked to another
 * (`CRMEntity::trackLinkedInfo`: a related record added, a comment made on
 * it): the source record's `modifiedtime` and `modifiedby` move, and its
 * ModTracker history gets a LINK entry (status 4, the acting user) with a
 * `vtiger_modtracker_relations` row naming the target.
 *
 * @module
 */

import { sql } from "kysely";
import type { VtigerDb } from "../database.ts";
import { nextSequenceValue } from "../records/numbering.ts";

/** ModTracker's status of a link. */
export const LINK_STATUS = 4;

/** ModTracker's status of an unlink (`CRMEntity::trackUnLinkedInfo`). */
export const UNLINK_STATUS = 5;

/** A link from one record to another. */
export interface RecordLink {
  /** The record linked to (an Account a comment is on). */
  readonly sourceId: number;
  /** The record linked (the comment). */
  readonly targetId: number;
  /** The target's module (`ModComments`, `Documents`). */
  readonly targetModule: string;
  /** Who links. */
  readonly actorId: number;
  /** When, as Vtiger stores times (the install's zone). */
  readonly now: string;
}

/**
 * Records the link (or, with {@linkcode UNLINK_STATUS}, the unlink) on its
 * source record, inside the caller's transaction; does nothing when the
 * source is no live record.
 */
export async function trackLinkedInfo(
  trx: VtigerDb,
  link: RecordLink,
  status: typeof LINK_STATUS | typeof UNLINK_STATUS = LINK_STATUS,
): Promise<void> {
  const source = await sql<{ setype: string }>`
    SELECT setype FROM vtiger_crmentity WHERE crmid = ${link.sourceId} AND deleted = 0`
    .execute(trx);
  const sourceModule = source.rows[0]?.setype;
  if (sourceModule === undefined) return;
  await sql`UPDATE vtiger_crmentity SET modifiedtime = ${link.now}, modifiedby = ${link.actorId}
    WHERE crmid = ${link.sourceId}`.execute(trx);
  const id = await nextSequenceValue(trx, "vtiger_modtracker_basic_seq");
  await sql`INSERT INTO vtiger_modtracker_basic (id, crmid, module, whodid, changedon, status)
    VALUES (${id}, ${link.sourceId}, ${sourceModule}, ${link.actorId}, ${link.now},
      ${status})`.execute(trx);
  await sql`INSERT INTO vtiger_modtracker_relations (id, targetmodule, targetid, changedon)
    VALUES (${id}, ${link.targetModule}, ${link.targetId}, ${link.now})`.execute(trx);
}

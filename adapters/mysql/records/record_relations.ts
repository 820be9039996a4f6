/**
 * Linking and unlinking records as Vtiger's related lists do
 * (`save_related_module` / `delete_related_module`): in the relation table of
 * the pair's own related list (`vtiger_senotesrel` for Documents, ...), else
 * in `vtiger_crmentityrel`; each link or unlink tracked on the source record
 * as Vtiger's `trackLinkedInfo` / `trackUnLinkedInfo` do (its modified time,
 * a ModTracker LINK or UNLINK entry with a `vtiger_modtracker_relations`
 * row). Runs inside the caller's transaction.
 *
 * @module
 */

import { sql } from "kysely";
import type { WriteContext } from "../../../domain/ports.ts";
import { formatDateTime } from "../../../domain/time_zone.ts";
import type { VtigerDb } from "../database.ts";
import { LINK_STATUS, trackLinkedInfo, UNLINK_STATUS } from "../modules/record_links.ts";
import { holds, RELATION_TABLES } from "./related_condition.ts";

/** One side of a relation: a record and its module. */
export interface RelationEnd {
  /** The module name. */
  readonly module: string;
  /** The record id. */
  readonly id: number;
}

/** Where a link between the two ends is stored: a column pair of a table. */
interface LinkRow {
  readonly table: string;
  readonly values: Readonly<Record<string, string | number>>;
  /** The same link stored the other way round (`vtiger_crmentityrel` keeps either). */
  readonly reverse?: Readonly<Record<string, string | number>>;
  /** Further columns written with a new link, not part of what identifies it. */
  readonly extra?: Readonly<Record<string, string | number>>;
}

/**
 * The row linking the two ends. Where both orientations fit (a Product's
 * bundle of Products in `vtiger_seproductsrel`), the source takes the column
 * named for its module, as the source module's `save_related_module` writes
 * it (`Products`: the bundle in `productid`, the part in `crmid`).
 */
function linkRow(source: RelationEnd, target: RelationEnd): LinkRow {
  for (const { table, columns: [left, right], moduleColumn } of RELATION_TABLES) {
    const forward = holds(left, source.module) && holds(right, target.module);
    const backward = holds(right, source.module) && holds(left, target.module);
    if (!forward && !backward) continue;
    const sourceLeft = forward && !(backward && left.modules === "*" && right.modules !== "*");
    const [leftEnd, rightEnd] = sourceLeft ? [source, target] : [target, source];
    const values = { [left.name]: leftEnd.id, [right.name]: rightEnd.id };
    if (moduleColumn === undefined) return { table, values };
    const module = moduleColumn.of === left.name ? leftEnd.module : rightEnd.module;
    return { table, values, extra: { [moduleColumn.name]: module } };
  }
  return {
    table: "vtiger_crmentityrel",
    values: {
      crmid: source.id,
      module: source.module,
      relcrmid: target.id,
      relmodule: target.module,
    },
    reverse: {
      crmid: target.id,
      module: target.module,
      relcrmid: source.id,
      relmodule: source.module,
    },
  };
}

function matches(values: Readonly<Record<string, string | number>>) {
  return sql.join(
    Object.entries(values).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
    sql` AND `,
  );
}

/**
 * Links (or with `unlink`, unlinks) each target to the source; a link that
 * already exists (or an unlink of none) changes and tracks nothing.
 */
export async function relateRecords(
  trx: VtigerDb,
  source: RelationEnd,
  targets: readonly RelationEnd[],
  context: WriteContext,
  timeZone: string,
  unlink: boolean,
): Promise<void> {
  const now = formatDateTime(context.now, timeZone);
  for (const target of targets) {
    const row = linkRow(source, target);
    const stored = [row.values, ...(row.reverse === undefined ? [] : [row.reverse])];
    const found = await sql<{ found: number }>`SELECT 1 AS found FROM ${sql.table(row.table)}
      WHERE ${sql.join(stored.map((values) => sql`(${matches(values)})`), sql` OR `)} LIMIT 1`
      .execute(trx);
    const linked = found.rows.length > 0;
    if (linked !== unlink) continue;
    if (unlink) {
      for (const values of stored) {
        await sql`DELETE FROM ${sql.table(row.table)} WHERE ${matches(values)}`.execute(trx);
      }
    } else {
      const inserted = { ...row.values, ...row.extra };
      const columns = Object.keys(inserted);
      await sql`INSERT INTO ${sql.table(row.table)} (${sql.join(columns.map((c) => sql.ref(c)))})
        VALUES (${sql.join(columns.map((column) => inserted[column]))})`.execute(trx);
    }
    await trackLinkedInfo(trx, {
      sourceId: source.id,
      targetId: target.id,
      targetModule: target.module,
      actorId: context.actorId,
      now,
    }, unlink ? UNLINK_STATUS : LINK_STATUS);
  }
}

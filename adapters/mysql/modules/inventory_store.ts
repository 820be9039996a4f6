/**
 * The rows of an inventory record's lines, charges and stock, read and
 * written inside a write's transaction: `vtiger_inventoryproductrel` (one
 * row per line, `lineitem_id` taken as Vtiger's webservice takes it:
 * `MAX + 1`), `vtiger_inventorychargesrel`, and the products' `qtyinstock`.
 *
 * @module
 */

import { sql } from "kysely";
import { type ChargeValues, parseChargesJson } from "../../../domain/inventory/charges.ts";
import type { LineItem } from "../../../domain/inventory/line_items.ts";
import type { PricedLineItem, ProductFacts } from "../../../domain/inventory/pricing.ts";
import type { VtigerDb } from "../database.ts";
import { decodeHtmlEntities } from "../records/html_entities.ts";
import { toText } from "../records/record_select.ts";
import { LINE_ITEMS_TABLE } from "./module_inputs_loader.ts";

/** A stored line, as pricing and stock see it. */
export interface StoredLine {
  /** The line as a checked line (for pricing it again). */
  readonly item: LineItem;
  /** Whether its quantity is out of the stock (`incrementondel = 1`). */
  readonly counted: boolean;
}

/** The record's lines in sequence order; `taxNames` are the install's tax columns. */
export async function readLines(
  trx: VtigerDb,
  recordId: number,
  taxNames: readonly string[],
  extraColumns: readonly string[],
): Promise<StoredLine[]> {
  const rows = await sql<Record<string, unknown>>`
    SELECT * FROM ${sql.table(LINE_ITEMS_TABLE)} WHERE id = ${recordId}
    ORDER BY sequence_no, lineitem_id FOR UPDATE`.execute(trx);
  return rows.rows.map((row) => {
    const taxes: Record<string, string> = {};
    for (const name of taxNames) {
      const value = toText(row[name]);
      if (value !== null) taxes[name] = value;
    }
    const extra: Record<string, string> = {};
    for (const column of extraColumns) {
      const value = toText(row[column]);
      if (value !== null && value !== "") extra[column] = value;
    }
    const percent = toText(row.discount_percent);
    const amount = toText(row.discount_amount);
    return {
      item: {
        productId: Number(row.productid),
        quantity: toText(row.quantity) ?? "0",
        listPrice: toText(row.listprice) ?? "0",
        ...(percent === null ? {} : { discountPercent: percent }),
        ...(amount === null ? {} : { discountAmount: amount }),
        comment: toText(row.comment) ?? "",
        description: toText(row.description) ?? "",
        taxes,
        extra,
      },
      counted: Number(row.incrementondel ?? 0) === 1,
    };
  });
}

/** Unit price and active taxes of each product or service named. */
export async function productFacts(
  trx: VtigerDb,
  productIds: readonly number[],
): Promise<Map<number, ProductFacts>> {
  const facts = new Map<number, ProductFacts>();
  if (productIds.length === 0) return facts;
  const ids = sql.join([...new Set(productIds)]);
  const prices = await sql<{ id: number; unit_price: unknown }>`
    SELECT productid AS id, unit_price FROM vtiger_products WHERE productid IN (${ids})
    UNION ALL SELECT serviceid, unit_price FROM vtiger_service WHERE serviceid IN (${ids})`
    .execute(trx);
  const taxes = await sql<{ productid: number; taxname: string; taxpercentage: unknown }>`
    SELECT r.productid, t.taxname, r.taxpercentage FROM vtiger_producttaxrel r
    INNER JOIN vtiger_inventorytaxinfo t ON t.taxid = r.taxid AND t.deleted = 0
    WHERE r.productid IN (${ids}) ORDER BY r.productid, t.taxid`.execute(trx);
  for (const row of prices.rows) {
    facts.set(Number(row.id), { unitPrice: toText(row.unit_price) ?? "0", taxes: {} });
  }
  for (const row of taxes.rows) {
    const product = facts.get(Number(row.productid));
    if (product === undefined) continue;
    facts.set(Number(row.productid), {
      ...product,
      taxes: { ...product.taxes, [row.taxname]: toText(row.taxpercentage) ?? "0" },
    });
  }
  return facts;
}

/**
 * Replaces the record's lines by the priced ones, numbered 1, 2, ... with
 * ids after the highest in the table (the table's last id is locked, so
 * that concurrent writes queue), every column the table has filled as
 * Vtiger's webservice fills it.
 */
export async function replaceLines(
  trx: VtigerDb,
  recordId: number,
  lines: readonly PricedLineItem[],
  columns: ReadonlySet<string>,
  counted: boolean,
): Promise<void> {
  await sql`DELETE FROM ${sql.table(LINE_ITEMS_TABLE)} WHERE id = ${recordId}`.execute(trx);
  const last = await sql<{ id: number | null }>`
    SELECT MAX(lineitem_id) AS id FROM ${sql.table(LINE_ITEMS_TABLE)} FOR UPDATE`.execute(trx);
  let next = Number(last.rows[0]?.id ?? 0);
  for (const [index, line] of lines.entries()) {
    const row: Record<string, string | number | null> = {
      id: recordId,
      productid: line.item.productId,
      sequence_no: index + 1,
      quantity: line.item.quantity,
      listprice: line.listPrice,
      discount_percent: line.item.discountPercent ?? 0,
      discount_amount: line.item.discountAmount ?? 0,
      comment: line.item.comment,
      description: line.item.description,
      incrementondel: counted ? 1 : 0,
      lineitem_id: ++next,
      image: "",
      purchase_cost: 0,
      margin: 0,
      usageunit: "",
      reducedtaxrate: 0,
      ...line.taxColumns,
      ...line.item.extra,
    };
    const present = Object.entries(row).filter(([column]) => columns.has(column));
    await sql`INSERT INTO ${sql.table(LINE_ITEMS_TABLE)}
      (${sql.join(present.map(([column]) => sql.id(column)))})
      VALUES (${sql.join(present.map(([, value]) => value))})`.execute(trx);
  }
}

/** Removes the record's lines (an inventory record's delete through Vtiger's webservice). */
export async function deleteLines(trx: VtigerDb, recordId: number): Promise<void> {
  await sql`DELETE FROM ${sql.table(LINE_ITEMS_TABLE)} WHERE id = ${recordId}`.execute(trx);
}

/** Marks the record's lines as counted in the stock, or not. */
export async function markCounted(trx: VtigerDb, recordId: number, counted: boolean) {
  await sql`UPDATE ${sql.table(LINE_ITEMS_TABLE)} SET incrementondel = ${counted ? 1 : 0}
    WHERE id = ${recordId}`.execute(trx);
}

/** Moves each product's `qtyinstock` by its amount (services have no stock). */
export async function moveStock(trx: VtigerDb, moves: ReadonlyMap<number, number>): Promise<void> {
  for (const [productId, move] of moves) {
    await sql`UPDATE vtiger_products SET qtyinstock = COALESCE(qtyinstock, 0) + ${move}
      WHERE productid = ${productId}`.execute(trx);
  }
}

/** The record's charges as stored (none when it has no row). */
export async function readCharges(trx: VtigerDb, recordId: number): Promise<ChargeValues> {
  const row = await sql<{ charges: string | null }>`
    SELECT charges FROM vtiger_inventorychargesrel WHERE recordid = ${recordId} LIMIT 1`
    .execute(trx);
  const charges = row.rows[0]?.charges;
  return parseChargesJson(
    charges === undefined || charges === null ? null : decodeHtmlEntities(charges),
  );
}

/** Replaces the record's charges row. */
export async function writeCharges(trx: VtigerDb, recordId: number, json: string): Promise<void> {
  await sql`DELETE FROM vtiger_inventorychargesrel WHERE recordid = ${recordId}`.execute(trx);
  await sql`INSERT INTO vtiger_inventorychargesrel (recordid, charges) VALUES (${recordId}, ${json})`
    .execute(trx);
}

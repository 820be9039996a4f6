/**
 * What some modules return with their records besides their fields, read in
 * one statement per page: an inventory record's `LineItems` in sequence
 * order, a product's or service's taxes (`tax4`) and prices per currency
 * (`currency1`), a recurring event's `recurrence`, an event's `invitees`.
 *
 * @module
 */

import { sql } from "kysely";
import {
  isRecurring,
  type RecurrenceRow,
  recurrenceView,
} from "../../../domain/calendar/recurrence.ts";
import { INVENTORY_MODULES, PRICED_MODULES } from "../../../domain/module_inputs.ts";
import type { RecordExtra, RecordExtraObject, StoredRecord } from "../../../domain/record.ts";
import type { ModuleStorage } from "../catalog/module_storage.ts";
import type { VtigerDb } from "../database.ts";
import { toText } from "../records/record_select.ts";
import { LINE_ITEMS_TABLE } from "./module_inputs_loader.ts";

/** The key of an inventory record's lines. */
const LINE_ITEMS = "LineItems";
/** The key of an event's recurrence. */
const RECURRENCE = "recurrence";
/** The key of an event's invitees. */
const INVITEES = "invitees";
/** The module of events. */
const EVENTS = "Events";

type Extras = Map<number, Record<string, RecordExtra>>;

function extrasOf(extras: Extras, id: number): Record<string, RecordExtra> {
  let entry = extras.get(id);
  if (entry === undefined) {
    entry = {};
    extras.set(id, entry);
  }
  return entry;
}

/** The lines of each record, every column as text, then the product's name and module. */
async function lineItems(db: VtigerDb, storage: ModuleStorage, ids: number[], extras: Extras) {
  const table = storage.tables.find((candidate) => candidate.name === LINE_ITEMS_TABLE);
  if (table === undefined) return;
  const columns = [...table.info.columns.keys()].filter((column) => column !== table.idColumn);
  const rows = await sql<Record<string, unknown>>`
    SELECT l.${sql.id(table.idColumn)} AS __record,
      ${sql.join(columns.map((column) => sql`l.${sql.id(column)}`))},
      e.label AS __product_name, e.setype AS __entity_type
    FROM ${sql.table(LINE_ITEMS_TABLE)} l
    LEFT JOIN vtiger_crmentity e ON e.crmid = l.productid
    WHERE l.${sql.id(table.idColumn)} IN (${sql.join(ids)})
    ORDER BY l.${sql.id(table.idColumn)}, l.sequence_no, l.lineitem_id`.execute(db);
  for (const id of ids) extrasOf(extras, id)[LINE_ITEMS] = [];
  for (const row of rows.rows) {
    const line: Record<string, string> = {};
    for (const column of columns) line[column] = toText(row[column]) ?? "";
    line.product_name = toText(row.__product_name) ?? "";
    line.entity_type = toText(row.__entity_type) ?? "";
    (extrasOf(extras, Number(row.__record))[LINE_ITEMS] as RecordExtraObject[]).push(line);
  }
}

/** Each product's taxes (`taxN`: percentage) and prices (`currencyN`: actual price). */
async function taxesAndPrices(db: VtigerDb, ids: number[], extras: Extras) {
  const taxes = await sql<{ productid: number; taxname: string; taxpercentage: unknown }>`
    SELECT r.productid, t.taxname, r.taxpercentage
    FROM vtiger_producttaxrel r
    INNER JOIN vtiger_inventorytaxinfo t ON t.taxid = r.taxid AND t.deleted = 0
    WHERE r.productid IN (${sql.join(ids)})
    ORDER BY r.productid, t.taxid`.execute(db);
  for (const row of taxes.rows) {
    extrasOf(extras, Number(row.productid))[row.taxname] = toText(row.taxpercentage) ?? "";
  }
  const prices = await sql<{ productid: number; currencyid: number; actual_price: unknown }>`
    SELECT productid, currencyid, actual_price FROM vtiger_productcurrencyrel
    WHERE productid IN (${sql.join(ids)}) ORDER BY productid, currencyid`.execute(db);
  for (const row of prices.rows) {
    extrasOf(extras, Number(row.productid))[`currency${row.currencyid}`] =
      toText(row.actual_price) ?? "";
  }
}

/** The rule and series of each recurring event. */
async function recurrences(db: VtigerDb, records: readonly StoredRecord[], extras: Extras) {
  const recurring = records.filter((record) => isRecurring(record.values.recurringtype));
  if (recurring.length === 0) return;
  const ids = recurring.map((record) => record.id);
  const links = await sql<{ activityid: number; recurrenceid: number }>`
    SELECT activityid, recurrenceid FROM vtiger_activity_recurring_info
    WHERE activityid IN (
      SELECT activityid FROM vtiger_activity_recurring_info WHERE recurrenceid IN (${
    sql.join(ids)
  }))`.execute(db);
  const rootOf = new Map<number, number>();
  const series = new Map<number, number[]>();
  for (const link of links.rows) {
    rootOf.set(Number(link.recurrenceid), Number(link.activityid));
    series.set(Number(link.activityid), [
      ...(series.get(Number(link.activityid)) ?? []),
      Number(link.recurrenceid),
    ]);
  }
  const ruleIds = [...new Set([...ids, ...ids.map((id) => rootOf.get(id) ?? id)])];
  const rules = await sql<RecurrenceRow & { activityid: number }>`
    SELECT activityid, recurringtype, recurringfreq, recurringinfo,
      recurringdate, recurringenddate
    FROM vtiger_recurringevents WHERE activityid IN (${sql.join(ruleIds)})
    ORDER BY recurringid`.execute(db);
  const ruleOf = new Map<number, RecurrenceRow>();
  for (const rule of rules.rows) {
    if (!ruleOf.has(Number(rule.activityid))) {
      ruleOf.set(Number(rule.activityid), {
        recurringtype: toText(rule.recurringtype),
        recurringfreq: toText(rule.recurringfreq),
        recurringinfo: toText(rule.recurringinfo),
        recurringdate: toText(rule.recurringdate),
        recurringenddate: toText(rule.recurringenddate),
      });
    }
  }
  for (const record of recurring) {
    const root = rootOf.get(record.id) ?? record.id;
    const rule = ruleOf.get(record.id) ?? ruleOf.get(root);
    if (rule === undefined) continue;
    extrasOf(extras, record.id)[RECURRENCE] = {
      ...recurrenceView(rule, series.get(root) ?? []),
    };
  }
}

/** Each event's invitees (`vtiger_invitees`): user id and answer, by user id. */
async function invitees(db: VtigerDb, ids: number[], extras: Extras) {
  const rows = await sql<{ activityid: number; inviteeid: number; status: unknown }>`
    SELECT activityid, inviteeid, status FROM vtiger_invitees
    WHERE activityid IN (${sql.join(ids)}) ORDER BY activityid, inviteeid`.execute(db);
  for (const id of ids) extrasOf(extras, id)[INVITEES] = [];
  for (const row of rows.rows) {
    (extrasOf(extras, Number(row.activityid))[INVITEES] as RecordExtraObject[]).push({
      id: String(row.inviteeid),
      status: toText(row.status) ?? "",
    });
  }
}

/** Whether records of the module come with extras. */
export function hasExtras(storage: ModuleStorage): boolean {
  const name = storage.module.name;
  return INVENTORY_MODULES.has(name) || PRICED_MODULES.has(name) || name === EVENTS;
}

/** The records with their module's extras (`LineItems`, taxes and prices, `recurrence`). */
export async function withExtras(
  db: VtigerDb,
  storage: ModuleStorage,
  records: StoredRecord[],
): Promise<StoredRecord[]> {
  if (records.length === 0 || !hasExtras(storage)) return records;
  const extras: Extras = new Map();
  const ids = records.map((record) => record.id);
  const name = storage.module.name;
  if (INVENTORY_MODULES.has(name)) await lineItems(db, storage, ids, extras);
  else if (PRICED_MODULES.has(name)) await taxesAndPrices(db, ids, extras);
  else {
    await recurrences(db, records, extras);
    await invitees(db, ids, extras);
  }
  return records.map((record) => {
    const found = extras.get(record.id);
    return found === undefined ? record : { ...record, extras: { ...record.extras, ...found } };
  });
}

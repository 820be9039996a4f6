/**
 * The intended differences of inventory records (`intended_differences.ts`
 * lists them with their reasons): a revise keeps the tax mode it does not
 * name, and an invoice's balance is always its total minus what was
 * received. The first one changes rows that later steps see again (a revised
 * invoice is the one deleted next), so its changes are carried forward: a
 * column changed on a row is changed again on the same row in later steps
 * while the recording still holds the value it replaced.
 *
 * @module
 */

import type { NormalizedScenario, NormalizedStep } from "./normalize.ts";
import type { Row } from "./snapshot.ts";
import { StepState } from "./step_state.ts";

/** The header table of each inventory module and its id column. */
const HEADERS: Readonly<Record<string, string>> = {
  vtiger_invoice: "invoiceid",
  vtiger_purchaseorder: "purchaseorderid",
  vtiger_quotes: "quoteid",
  vtiger_salesorder: "salesorderid",
};
const LINES = "vtiger_inventoryproductrel";
const LINE_KEY = "lineitem_id";
const TAX_COLUMN = /^tax\d+$/;

/** Column changes by table and row key: the recorded value and vtrest's. */
type Carried = Map<
  string,
  Map<string, { readonly from: string | null; readonly to: string | null }>
>;

const carriedState = new StepState<Carried>(() => new Map());

function keyColumn(table: string): string | undefined {
  return table === LINES ? LINE_KEY : HEADERS[table];
}

function rowKey(table: string, row: Row): string | undefined {
  const column = keyColumn(table);
  return column === undefined ? undefined : `${table}\u0000${row[column]}`;
}

/** Applies the changes carried from earlier steps to a step's rows. */
function applyCarried(step: NormalizedStep, carried: Carried): NormalizedStep {
  if (carried.size === 0) return step;
  const diff: NormalizedStep["diff"] = {};
  const change = (table: string, row: Row): Row => {
    const key = rowKey(table, row);
    const columns = key === undefined ? undefined : carried.get(key);
    if (columns === undefined) return row;
    const changed = { ...row };
    for (const [column, { from, to }] of columns) {
      if (changed[column] === from) changed[column] = to;
    }
    return changed;
  };
  for (const [table, sides] of Object.entries(step.diff)) {
    diff[table] = {
      removed: sides.removed.map((row) => change(table, row)),
      added: sides.added.map((row) => change(table, row)),
    };
  }
  return { ...step, diff };
}

function carry(carried: Carried, table: string, before: Row, after: Row): void {
  const key = rowKey(table, after);
  if (key === undefined) return;
  for (const column of Object.keys(after)) {
    if (before[column] === after[column]) continue;
    let columns = carried.get(key);
    if (columns === undefined) {
      columns = new Map();
      carried.set(key, columns);
    }
    columns.set(column, { from: before[column], to: after[column] });
  }
}

function number(text: string | null | undefined): number {
  const value = Number(text ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/** A line's amount after its own discount. */
function lineNet(row: Row): number {
  const gross = number(row.quantity) * number(row.listprice);
  const amount = number(row.discount_amount);
  return gross - (amount !== 0 ? amount : (number(row.discount_percent) / 100) * gross);
}

function taxSum(row: Row): number {
  return Object.entries(row)
    .filter(([column]) => TAX_COLUMN.test(column))
    .reduce((sum, [, value]) => sum + number(value), 0);
}

/** Each product's taxes (`tax4` → `"10.000"`) as the scenario left them up to `step`. */
function productTaxes(
  scenario: NormalizedScenario,
  step: NormalizedStep,
): Map<string, Map<string, string>> {
  const taxes = new Map<string, Map<string, string>>();
  for (const earlier of scenario.steps) {
    const rows = earlier.diff.vtiger_producttaxrel;
    for (const row of rows?.removed ?? []) taxes.get(row.productid!)?.delete(`tax${row.taxid}`);
    for (const row of rows?.added ?? []) {
      const product = taxes.get(row.productid!) ?? new Map<string, string>();
      product.set(`tax${row.taxid}`, row.taxpercentage!);
      taxes.set(row.productid!, product);
    }
    if (earlier.name === step.name) break;
  }
  return taxes;
}

function element(step: NormalizedStep, scenario: NormalizedScenario) {
  const own = scenario.steps.find((candidate) => candidate.name === step.name);
  return (own?.request as { element?: Record<string, unknown> } | undefined)?.element;
}

/**
 * A revise of an inventory record with individual taxes whose element names
 * lines but no `hdnTaxType`: the recording loses the tax mode (NULL), every
 * line's taxes (0) and the taxes in the totals; vtrest keeps the mode, taxes
 * each line by its product's taxes, and totals them.
 */
export function keepTaxMode(step: NormalizedStep, scenario: NormalizedScenario): NormalizedStep {
  const carried = carriedState.of(step, scenario);
  const adjusted = applyCarried(step, carried);
  const sent = element(step, scenario);
  if (step.operation !== "revise" || sent === undefined || Object.hasOwn(sent, "hdnTaxType")) {
    return adjusted;
  }
  if (!Array.isArray(sent.LineItems)) return keepModeOnly(adjusted, carried);
  const diff = { ...adjusted.diff };
  for (const [table, idColumn] of Object.entries(HEADERS)) {
    const header = diff[table];
    if (header === undefined) continue;
    const added = header.added.map((after) => {
      const before = header.removed.find((row) => row[idColumn] === after[idColumn]);
      if (before?.taxtype !== "individual" || after.taxtype !== null) return after;
      return reprice(diff, scenario, step, before, after, idColumn, carried);
    });
    diff[table] = { ...header, added };
    for (const [index, after] of added.entries()) carry(carried, table, header.added[index], after);
  }
  return { ...adjusted, diff };
}

/**
 * A revise naming neither lines nor `hdnTaxType`: the recording empties the
 * tax mode (`taxtype` '', ModTracker `hdnTaxType` → '') and leaves lines and
 * totals alone; vtrest keeps the mode, so neither change happens.
 */
function keepModeOnly(step: NormalizedStep, carried: Carried): NormalizedStep {
  const diff = { ...step.diff };
  let dropped = false;
  for (const [table, idColumn] of Object.entries(HEADERS)) {
    const header = diff[table];
    if (header === undefined) continue;
    const added = header.added.map((after) => {
      const before = header.removed.find((row) => row[idColumn] === after[idColumn]);
      if (!before?.taxtype || after.taxtype !== "") return after;
      dropped = true;
      return { ...after, taxtype: before.taxtype };
    });
    diff[table] = { ...header, added };
    for (const [index, after] of added.entries()) carry(carried, table, header.added[index], after);
  }
  const details = diff.vtiger_modtracker_detail;
  if (dropped && details !== undefined) {
    diff.vtiger_modtracker_detail = {
      ...details,
      added: details.added.filter((row) =>
        !(row.fieldname === "hdnTaxType" && row.postvalue === "")
      ),
    };
  }
  return { ...step, diff };
}

/** The header row as vtrest writes it, its lines and history changed in `diff`. */
function reprice(
  diff: NormalizedStep["diff"],
  scenario: NormalizedScenario,
  step: NormalizedStep,
  before: Row,
  after: Row,
  idColumn: string,
  carried: Carried,
): Row {
  const id = after[idColumn];
  const taxes = productTaxes(scenario, step);
  const lines = diff[LINES];
  let delta = 0;
  if (lines !== undefined) {
    const added = lines.added.map((line) => {
      if (line.id !== id) return line;
      const kept: Row = { ...line };
      for (const column of Object.keys(line)) {
        if (!TAX_COLUMN.test(column) || line[column] === null) continue;
        kept[column] = taxes.get(line.productid!)?.get(column) ?? "0.000";
      }
      delta += lineNet(line) * (taxSum(kept) - taxSum(line)) / 100;
      carry(carried, LINES, line, kept);
      return kept;
    });
    // A line the revise leaves as it was is no change at all.
    const same = (a: Row, b: Row) => JSON.stringify(a) === JSON.stringify(b);
    diff[LINES] = {
      removed: lines.removed.filter((line) => !added.some((other) => same(line, other))),
      added: added.filter((line) => !lines.removed.some((other) => same(line, other))),
    };
  }
  const discount = after.discount_amount === null && after.discount_percent !== null
    ? (number(after.discount_percent) / 100) * delta
    : 0;
  const subtotal = (number(after.subtotal) + delta).toFixed(8);
  const total = (number(after.total) + delta - discount).toFixed(8);
  const details = diff.vtiger_modtracker_detail;
  if (details !== undefined) {
    const firstLine = diff[LINES]?.added.find((line) => line.id === id && line.sequence_no === "1");
    const posts: Record<string, string | null | undefined> = {
      hdnSubTotal: subtotal,
      hdnGrandTotal: total,
      hdnTaxType: before.taxtype,
    };
    diff.vtiger_modtracker_detail = {
      ...details,
      added: details.added.flatMap((detail) => {
        const field = detail.fieldname!;
        const post = Object.hasOwn(posts, field)
          ? posts[field]
          : TAX_COLUMN.test(field)
          ? firstLine?.[field] ?? detail.prevalue
          : detail.postvalue;
        return post === detail.prevalue ? [] : [{ ...detail, postvalue: post ?? null }];
      }),
    };
  }
  return { ...after, taxtype: before.taxtype, subtotal, total };
}

/**
 * An invoice's balance as its total minus what was received, on every row;
 * a revise that changes it logs the change.
 */
export function invoiceBalance(step: NormalizedStep): NormalizedStep {
  const invoices = step.diff.vtiger_invoice;
  if (invoices === undefined) return step;
  const balanced = (row: Row): Row => ({
    ...row,
    balance: (number(row.total) - number(row.received)).toFixed(8),
  });
  const removed = invoices.removed.map(balanced);
  const added = invoices.added.map(balanced);
  const diff: NormalizedStep["diff"] = { ...step.diff, vtiger_invoice: { removed, added } };
  const details = diff.vtiger_modtracker_detail;
  const basics = diff.vtiger_modtracker_basic?.added ?? [];
  if (step.operation === "revise" && details !== undefined) {
    const extra: Row[] = [];
    for (const after of added) {
      const before = removed.find((row) => row.invoiceid === after.invoiceid);
      const entry = basics.find((row) => row.crmid === after.invoiceid);
      if (before === undefined || entry === undefined || before.balance === after.balance) continue;
      if (details.added.some((row) => row.id === entry.id && row.fieldname === "balance")) continue;
      extra.push({
        id: entry.id,
        fieldname: "balance",
        prevalue: before.balance,
        postvalue: after.balance,
      });
    }
    diff.vtiger_modtracker_detail = { ...details, added: [...details.added, ...extra] };
  }
  return { ...step, diff };
}

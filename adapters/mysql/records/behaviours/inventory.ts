/**
 * Quotes, SalesOrder, PurchaseOrder and Invoice, as Vtiger's webservice
 * saves them with their line items (`VtigerInventoryOperation`,
 * `VtigerLineItemOperation`, `saveInventoryProductDetails`): after the
 * record's rows, its lines (`vtiger_inventoryproductrel`), its charges
 * (`vtiger_inventorychargesrel`), its header totals computed from them
 * (`domain/inventory/`), the currency's conversion rate, an invoice's and a
 * purchase order's balance, an invoice's stock moves and a received purchase
 * order's stock, and a sales order's recurring-invoice row
 * (`RecurringInvoiceHandler`).
 *
 * An update that names neither lines nor a pricing field (tax mode,
 * discount, adjustment, shipping) leaves the lines and totals as they are;
 * one that names a pricing field alone prices the stored lines again.
 * Unlike Vtiger's webservice, an update keeps the stored tax mode, discount,
 * adjustment and charges it does not name.
 *
 * @module
 */

import { sql } from "kysely";
import {
  type ChargeInput,
  chargeKeys,
  chargesFromInput,
  chargesJson,
} from "../../../../domain/inventory/charges.ts";
import {
  discountColumns,
  invoiceBalance,
  PAID_FIELDS,
  parseTaxMode,
  TAX_MODE_FIELD,
} from "../../../../domain/inventory/header.ts";
import type { LineItem } from "../../../../domain/inventory/line_items.ts";
import { phpFloat } from "../../../../domain/inventory/php_float.ts";
import { priceInventory } from "../../../../domain/inventory/pricing.ts";
import {
  countsStock,
  receivedOnCreate,
  stockMoves,
  stockReceived,
} from "../../../../domain/inventory/stock.ts";
import { requireApplicableTaxes, type TaxMode } from "../../../../domain/inventory/taxes.ts";
import type { StoredRecord } from "../../../../domain/record.ts";
import {
  deleteLines,
  markCounted,
  moveStock,
  productFacts,
  readCharges,
  readLines,
  replaceLines,
  type StoredLine,
  writeCharges,
} from "../../modules/inventory_store.ts";
import { LINE_ITEMS_TABLE } from "../../modules/module_inputs_loader.ts";
import { readTaxCatalog, type TaxCatalog } from "../../modules/tax_catalog.ts";
import type { RecordRow } from "../record_select.ts";
import type {
  ChangedRecord,
  CreatedRecord,
  ModuleWriteBehaviour,
  WriteScene,
} from "../write_behaviour.ts";

/** The header fields whose change prices the record again. */
const PRICING_FIELDS = [
  TAX_MODE_FIELD,
  "hdnDiscountPercent",
  "hdnDiscountAmount",
  "txtAdjustment",
  "hdnS_H_Amount",
];

/** Line columns a client may set beyond the standard ones. */
const EXTRA_LINE_COLUMNS = ["purchase_cost", "margin", "usageunit", "reducedtaxrate"];

/** The status field of each module that moves stock. */
const STATUS_FIELD = "invoicestatus";

/** A purchase order's status field. */
const PO_STATUS_FIELD = "postatus";

/** The balance a module's save keeps (total minus what was paid), when it keeps one. */
function balanceOf(moduleName: string, total: string, record: StoredRecord): { balance?: string } {
  const paid = PAID_FIELDS[moduleName];
  return paid === undefined ? {} : { balance: invoiceBalance(total, value(record, paid)) };
}

/** The module whose records may generate invoices (`vtiger_invoice_recurring_info`). */
const RECURRING_MODULE = "SalesOrder";

/** What the behaviour needs to know of the module's tables. */
interface Tables {
  readonly base: string;
  readonly idColumn: string;
  readonly baseColumns: ReadonlySet<string>;
  readonly lineColumns: ReadonlySet<string>;
}

function tablesOf(scene: WriteScene): Tables {
  const { module, tables } = scene.storage;
  const columns = (name: string) =>
    new Set(tables.find((table) => table.name === name)?.info.columns.keys() ?? []);
  return {
    base: module.baseTable,
    idColumn: module.baseIdColumn,
    baseColumns: columns(module.baseTable),
    lineColumns: columns(LINE_ITEMS_TABLE),
  };
}

function value(record: StoredRecord, name: string): string | undefined {
  return record.values[name] ?? undefined;
}

/** The tax columns of the line table that are taxes of the install. */
function taxNames(catalog: TaxCatalog, tables: Tables): string[] {
  return catalog.taxes.map((tax) => tax.name).filter((name) => tables.lineColumns.has(name));
}

/** The charges a write names, and the header values Vtiger derives from them. */
function namedCharges(
  scene: WriteScene,
  given: Readonly<Record<string, string>>,
  catalog: TaxCatalog,
): ChargeInput | undefined {
  const keys = new Set(chargeKeys(catalog.charges, catalog.shippingTaxes));
  const inputs = Object.fromEntries(
    Object.entries(scene.extras.inputs ?? {}).filter(([key]) => keys.has(key)),
  );
  if (Object.keys(inputs).length === 0 && given.hdnS_H_Amount === undefined) return undefined;
  if (given.hdnS_H_Amount !== undefined) inputs.hdnS_H_Amount = given.hdnS_H_Amount;
  return chargesFromInput(inputs, catalog.charges, catalog.shippingTaxes);
}

async function updateHeader(
  scene: WriteScene,
  tables: Tables,
  id: number,
  columns: Record<string, string | number | null>,
): Promise<void> {
  const present = Object.entries(columns).filter(([column]) => tables.baseColumns.has(column));
  if (present.length === 0) return;
  await sql`UPDATE ${sql.table(tables.base)} SET ${
    sql.join(present.map(([column, set]) => sql`${sql.id(column)} = ${set}`))
  } WHERE ${sql.id(tables.idColumn)} = ${id}`.execute(scene.trx);
}

/**
 * Prices the record and writes its lines, charges and header; moves the
 * stock. `lines` are the lines given (else the stored ones are priced
 * again); `stored` the lines before the write.
 */
async function price(
  scene: WriteScene,
  id: number,
  given: Readonly<Record<string, string>>,
  record: StoredRecord,
  lines: readonly LineItem[],
  stored: readonly StoredLine[],
  create: boolean,
): Promise<void> {
  const tables = tablesOf(scene);
  const catalog = await readTaxCatalog(scene.trx);
  // A create without a tax mode takes the field's default, as Vtiger's webservice does.
  const fieldDefault = scene.storage.module.fields.find((field) => field.name === TAX_MODE_FIELD)
    ?.defaultValue;
  const mode: TaxMode = parseTaxMode(
    create && !Object.hasOwn(given, TAX_MODE_FIELD)
      ? fieldDefault ?? ""
      : value(record, TAX_MODE_FIELD) ?? "",
  );
  const products = await productFacts(scene.trx, lines.map((line) => line.productId));
  if (scene.extras.lineItems !== undefined) {
    requireApplicableTaxes(
      lines,
      mode,
      (product) => products.get(product)?.taxes ?? {},
      catalog.taxes,
    );
  }
  const named = namedCharges(scene, given, catalog);
  const charges: ChargeInput = named ??
    (create ? chargesFromInput({}, catalog.charges, catalog.shippingTaxes) : {
      charges: await readCharges(scene.trx, id),
      shippingAmount: value(record, "hdnS_H_Amount") ?? "0",
      shippingPercent: value(record, "hdnS_H_Percent") ?? "0",
    });
  const percent = value(record, "hdnDiscountPercent");
  const amount = value(record, "hdnDiscountAmount");
  const discount = discountColumns(percent, amount);
  const adjustment = value(record, "txtAdjustment");
  const priced = priceInventory({
    mode,
    lines,
    products,
    taxes: catalog.taxes,
    shippingTaxes: catalog.shippingTaxes,
    ...(discount.discount_percent === null ? {} : { discountPercent: discount.discount_percent }),
    ...(discount.discount_amount === null ? {} : { discountAmount: discount.discount_amount }),
    ...(adjustment === undefined ? {} : { adjustment }),
    charges,
  });
  const moduleName = scene.storage.module.name;
  const rate = value(record, "conversion_rate");
  const counted = countsStock(moduleName, value(record, STATUS_FIELD));
  await replaceLines(scene.trx, id, priced.lines, tables.lineColumns, counted);
  if (create || named !== undefined) {
    await writeCharges(scene.trx, id, chargesJson(charges.charges));
  }
  const totals = priced.totals;
  await updateHeader(scene, tables, id, {
    subtotal: totals.subtotal,
    total: totals.total,
    pre_tax_total: totals.preTaxTotal,
    taxtype: mode === "" ? null : mode,
    ...discount,
    s_h_amount: charges.shippingAmount,
    s_h_percent: charges.shippingPercent,
    // Vtiger's webservice takes a missing conversion rate as 1 and writes no compound taxes.
    ...(create ? { conversion_rate: rate === undefined || phpFloat(rate) === 0 ? 1 : rate } : {}),
    ...(create ? { compound_taxes_info: "null" } : {}),
    ...balanceOf(moduleName, totals.total, record),
  });
  await moveStock(
    scene.trx,
    stockMoves(
      { counted: stored.filter((line) => line.counted).map((line) => line.item) },
      { counted: counted ? lines : [] },
    ),
  );
  if (create && receivedOnCreate(moduleName, value(record, PO_STATUS_FIELD))) {
    await moveStock(scene.trx, stockReceived(lines));
  }
}

function extraColumns(tables: Tables): string[] {
  return EXTRA_LINE_COLUMNS.filter((column) => tables.lineColumns.has(column));
}

/**
 * A sales order's recurring-invoice row, as Vtiger's `RecurringInvoiceHandler`
 * leaves it after every save: gone unless recurring is enabled; else its
 * next invoice date is the start of the period when it has none or the
 * period now starts after it.
 */
async function recurringInvoice(scene: WriteScene, id: number, record: StoredRecord) {
  if (scene.storage.module.name !== RECURRING_MODULE) return;
  const enabled = value(record, "enable_recurring");
  if (enabled === undefined || enabled === "" || enabled === "0") {
    await sql`DELETE FROM vtiger_invoice_recurring_info WHERE salesorderid = ${id}`
      .execute(scene.trx);
    return;
  }
  await sql`UPDATE vtiger_invoice_recurring_info SET last_recurring_date = start_period
    WHERE salesorderid = ${id} AND start_period IS NOT NULL
      AND (last_recurring_date IS NULL OR start_period > last_recurring_date)`.execute(scene.trx);
}

async function afterCreate(scene: WriteScene, created: CreatedRecord): Promise<void> {
  const lines = scene.extras.lineItems ?? [];
  await price(scene, created.id, created.values, created.row.record, lines, [], true);
  await recurringInvoice(scene, created.id, created.row.record);
}

async function afterUpdate(scene: WriteScene, changed: ChangedRecord): Promise<void> {
  const tables = tablesOf(scene);
  const catalog = await readTaxCatalog(scene.trx);
  const stored = await readLines(
    scene.trx,
    changed.id,
    taxNames(catalog, tables),
    extraColumns(tables),
  );
  const keys = new Set(chargeKeys(catalog.charges, catalog.shippingTaxes));
  const repriced = scene.extras.lineItems !== undefined ||
    PRICING_FIELDS.some((field) => Object.hasOwn(changed.values, field)) ||
    Object.keys(scene.extras.inputs ?? {}).some((key) => keys.has(key));
  const record = changed.after.record;
  await recurringInvoice(scene, changed.id, record);
  if (repriced) {
    const lines = scene.extras.lineItems ?? stored.map((line) => line.item);
    await price(scene, changed.id, changed.values, record, lines, stored, false);
    return;
  }
  const moduleName = scene.storage.module.name;
  const counted = countsStock(moduleName, value(record, STATUS_FIELD));
  const items = stored.map((line) => line.item);
  const moves = stockMoves(
    { counted: stored.filter((line) => line.counted).map((line) => line.item) },
    { counted: counted ? items : [] },
  );
  if (moves.size > 0) {
    await moveStock(scene.trx, moves);
    await markCounted(scene.trx, changed.id, counted);
  }
  const paid = PAID_FIELDS[moduleName];
  if (paid !== undefined && Object.hasOwn(changed.values, paid)) {
    await updateHeader(
      scene,
      tables,
      changed.id,
      balanceOf(moduleName, value(record, "hdnGrandTotal") ?? "0", record),
    );
  }
}

async function afterDelete(scene: WriteScene, deleted: RecordRow): Promise<void> {
  const tables = tablesOf(scene);
  const catalog = await readTaxCatalog(scene.trx);
  const stored = await readLines(scene.trx, deleted.record.id, taxNames(catalog, tables), []);
  await moveStock(
    scene.trx,
    stockMoves({ counted: stored.filter((line) => line.counted).map((line) => line.item) }, {
      counted: [],
    }),
  );
  await deleteLines(scene.trx, deleted.record.id);
}

/** The lines, totals and stock of inventory records. */
export const INVENTORY_SAVE: ModuleWriteBehaviour = {
  name: "inventory lines and totals",
  afterCreate,
  afterUpdate,
  afterDelete,
};

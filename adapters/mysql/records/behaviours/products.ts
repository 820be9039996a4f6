/**
 * Products and Services: their taxes (`vtiger_producttaxrel`) and prices per
 * currency (`vtiger_productcurrencyrel`), as Vtiger's `Products::save_module`
 * writes them (`insertTaxInformation`, `insertPriceInformation`,
 * `updateUnitPrice`):
 *
 * - create: a tax row for each `taxN` given (regions `[]`); a price row for
 *   the base currency (`currency_id` given, else the install's) at
 *   `unit_price`, and one per `currencyN` given; the record's `currency_id`.
 * - update: only what is given changes (Vtiger's webservice deletes every tax
 *   and price the revise does not repeat: a data loss not copied); a new
 *   `unit_price` becomes the base currency's price, and every price's
 *   converted value follows it.
 *
 * A converted price is the unit price brought to the base currency and on to
 * the row's currency, written with PHP's 14 significant digits.
 *
 * @module
 */

import { sql } from "kysely";
import { phpFloat, phpFloatText } from "../../../../domain/inventory/php_float.ts";
import { convertedPrice, productInputs } from "../../../../domain/inventory/product_inputs.ts";
import type { VtigerDb } from "../../database.ts";
import { inventoryTables, readTaxCatalog, type TaxCatalog } from "../../modules/tax_catalog.ts";
import type {
  ChangedRecord,
  CreatedRecord,
  ModuleWriteBehaviour,
  WriteScene,
} from "../write_behaviour.ts";

/** Vtiger's regions of a tax row with none. */
const NO_REGIONS = "[]";

function activeCurrencyIds(catalog: TaxCatalog): Set<number> {
  return new Set(catalog.currencies.filter((currency) => currency.active).map(({ id }) => id));
}

function rateOf(catalog: TaxCatalog, currencyId: number | undefined): number {
  return phpFloat(catalog.currencies.find(({ id }) => id === currencyId)?.conversionRate ?? "1") ||
    1;
}

function installBase(catalog: TaxCatalog): number | undefined {
  return (catalog.currencies.find((currency) => currency.base && currency.active) ??
    catalog.currencies.find((currency) => currency.active))?.id;
}

/** The currency of the acting user (`vtiger_users.currency_id`). */
async function userCurrency(trx: VtigerDb, userId: number): Promise<number | undefined> {
  const row = await sql<{ currency_id: number | null }>`
    SELECT currency_id FROM vtiger_users WHERE id = ${userId}`.execute(trx);
  const id = row.rows[0]?.currency_id;
  return id === null || id === undefined ? undefined : Number(id);
}

/** The record's base table and id column, and its stored currency. */
async function storedCurrency(scene: WriteScene, id: number): Promise<number | undefined> {
  const { baseTable, baseIdColumn } = scene.storage.module;
  const row = await sql<{ currency_id: number | null }>`
    SELECT currency_id FROM ${sql.table(baseTable)} WHERE ${sql.id(baseIdColumn)} = ${id}`
    .execute(scene.trx);
  const currency = row.rows[0]?.currency_id;
  return currency === null || currency === undefined ? undefined : Number(currency);
}

async function setCurrency(scene: WriteScene, id: number, currency: number): Promise<void> {
  const { baseTable, baseIdColumn } = scene.storage.module;
  await sql`UPDATE ${sql.table(baseTable)} SET currency_id = ${currency}
    WHERE ${sql.id(baseIdColumn)} = ${id}`.execute(scene.trx);
}

/** Writes the given taxes: a row per percentage, none for a removed one. */
async function writeTaxes(
  scene: WriteScene,
  id: number,
  catalog: TaxCatalog,
  taxes: ReadonlyMap<string, string | null>,
): Promise<void> {
  const tables = inventoryTables(scene.trx);
  for (const tax of catalog.taxes) {
    if (!taxes.has(tax.name)) continue;
    const old = await tables.selectFrom("vtiger_producttaxrel").select("regions")
      .where("productid", "=", id).where("taxid", "=", tax.id).executeTakeFirst();
    await tables.deleteFrom("vtiger_producttaxrel").where("productid", "=", id)
      .where("taxid", "=", tax.id).execute();
    const percentage = taxes.get(tax.name);
    if (percentage === null || percentage === undefined) continue;
    await tables.insertInto("vtiger_producttaxrel").values({
      productid: id,
      taxid: tax.id,
      taxpercentage: percentage,
      regions: old?.regions ?? NO_REGIONS,
    }).execute();
  }
}

/** Writes a price row per currency in `actual` (currency order), converting the unit price. */
async function writePrices(
  scene: WriteScene,
  id: number,
  catalog: TaxCatalog,
  unitPrice: string,
  baseRate: number,
  actual: ReadonlyMap<number, string>,
): Promise<void> {
  const tables = inventoryTables(scene.trx);
  for (const currency of catalog.currencies) {
    const price = actual.get(currency.id);
    if (price === undefined) continue;
    await tables.deleteFrom("vtiger_productcurrencyrel").where("productid", "=", id)
      .where("currencyid", "=", currency.id).execute();
    await tables.insertInto("vtiger_productcurrencyrel").values({
      productid: id,
      currencyid: currency.id,
      converted_price: phpFloatText(
        convertedPrice(phpFloat(unitPrice), baseRate, rateOf(catalog, currency.id)),
      ),
      actual_price: price,
    }).execute();
  }
}

async function afterCreate(scene: WriteScene, created: CreatedRecord): Promise<void> {
  const catalog = await readTaxCatalog(scene.trx);
  const inputs = productInputs(scene.extras.inputs ?? {}, activeCurrencyIds(catalog), "create");
  await writeTaxes(scene, created.id, catalog, inputs.taxes);
  const base = inputs.baseCurrency ?? installBase(catalog);
  if (base === undefined) return;
  const unitPrice = created.row.record.values.unit_price ?? "0";
  const actual = new Map(inputs.prices);
  actual.set(base, unitPrice);
  // Vtiger converts a new product's prices from the acting user's currency.
  const baseRate = rateOf(catalog, await userCurrency(scene.trx, scene.context.actorId) ?? base);
  await writePrices(scene, created.id, catalog, unitPrice, baseRate, actual);
  await setCurrency(scene, created.id, base);
}

async function afterUpdate(scene: WriteScene, changed: ChangedRecord): Promise<void> {
  const catalog = await readTaxCatalog(scene.trx);
  const inputs = productInputs(scene.extras.inputs ?? {}, activeCurrencyIds(catalog), "update");
  await writeTaxes(scene, changed.id, catalog, inputs.taxes);
  const priceChanged = Object.hasOwn(changed.values, "unit_price") || inputs.prices.size > 0 ||
    inputs.baseCurrency !== undefined;
  if (!priceChanged) return;
  const stored = await storedCurrency(scene, changed.id);
  const base = inputs.baseCurrency ?? stored ?? installBase(catalog);
  if (base === undefined) return;
  const unitPrice = changed.after.record.values.unit_price ?? "0";
  const existing = await inventoryTables(scene.trx).selectFrom("vtiger_productcurrencyrel")
    .select(["currencyid", "actual_price"]).where("productid", "=", changed.id).execute();
  const actual = new Map<number, string>(
    existing.map((row) => [row.currencyid, row.actual_price ?? "0"]),
  );
  for (const [currency, price] of inputs.prices) actual.set(currency, price);
  actual.set(base, unitPrice);
  await writePrices(scene, changed.id, catalog, unitPrice, rateOf(catalog, stored ?? base), actual);
  if (base !== stored) await setCurrency(scene, changed.id, base);
}

/** The taxes and prices of Products and Services. */
export const PRODUCT_PRICES: ModuleWriteBehaviour = {
  name: "product taxes and prices",
  afterCreate,
  afterUpdate,
};

/**
 * The install's taxes, charges and currencies, read from the database for
 * the domain's pricing rules (`domain/inventory/`).
 *
 * @module
 */

import type { Kysely } from "kysely";
import type {
  ChargeDefinition,
  TaxDefinition,
  TaxMethod,
} from "../../../domain/inventory/taxes.ts";
import type { VtigerDb } from "../database.ts";
import { decodeHtmlEntities } from "../records/html_entities.ts";
import type { InventorySchema } from "./inventory_schema.ts";

/** One currency of the install. */
export interface Currency {
  /** `vtiger_currency_info.id`. */
  readonly id: number;
  /** Rate against the base currency. */
  readonly conversionRate: string;
  /** Whether it is the base currency (`defaultid = -11`). */
  readonly base: boolean;
  /** Whether it is active and not deleted. */
  readonly active: boolean;
}

/** Everything pricing needs to know of the install. */
export interface TaxCatalog {
  /** Item taxes, in id order, deleted ones included. */
  readonly taxes: readonly TaxDefinition[];
  /** Shipping taxes, in id order. */
  readonly shippingTaxes: readonly TaxDefinition[];
  /** Active charges, in id order. */
  readonly charges: readonly ChargeDefinition[];
  /** Currencies, in id order. */
  readonly currencies: readonly Currency[];
}

/** The typed view of the database for these tables. */
export function inventoryTables(db: VtigerDb): Kysely<InventorySchema> {
  return db as unknown as Kysely<InventorySchema>;
}

/** A JSON list of ids (`["1","2"]`, `[1]`), or none when it is not one. */
function idList(json: string | null): number[] {
  if (json === null || json.trim() === "") return [];
  try {
    const parsed: unknown = JSON.parse(decodeHtmlEntities(json));
    return Array.isArray(parsed)
      ? parsed.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0)
      : [];
  } catch {
    return [];
  }
}

const METHODS: ReadonlySet<string> = new Set(["Simple", "Compound", "Deducted"]);

function taxesOf(rows: ReadonlyArray<InventorySchema["vtiger_inventorytaxinfo"]>): TaxDefinition[] {
  return rows
    .filter((row) => row.taxname !== null && /^(sh)?tax\d+$/.test(row.taxname))
    .map((row) => ({
      id: row.taxid,
      name: row.taxname!,
      percentage: row.percentage ?? "0",
      method: (METHODS.has(row.method ?? "") ? row.method : "Simple") as TaxMethod,
      compoundOn: idList(row.compoundon),
      active: Number(row.deleted ?? 0) === 0,
    }));
}

/** Reads the install's taxes, charges and currencies (inside a transaction when given one). */
export async function readTaxCatalog(db: VtigerDb): Promise<TaxCatalog> {
  const tables = inventoryTables(db);
  const taxes = await tables.selectFrom("vtiger_inventorytaxinfo").selectAll().orderBy("taxid")
    .execute();
  const shipping = await tables.selectFrom("vtiger_shippingtaxinfo").selectAll().orderBy("taxid")
    .execute();
  const charges = await tables.selectFrom("vtiger_inventorycharges").selectAll()
    .where("deleted", "=", 0).orderBy("chargeid").execute();
  const currencies = await tables.selectFrom("vtiger_currency_info").selectAll().orderBy("id")
    .execute();
  return {
    taxes: taxesOf(taxes),
    shippingTaxes: taxesOf(shipping),
    charges: charges.map((row) => ({
      id: row.chargeid,
      name: decodeHtmlEntities(row.name),
      taxIds: idList(row.taxes),
    })),
    currencies: currencies.map((row) => ({
      id: row.id,
      conversionRate: row.conversion_rate ?? "1",
      base: row.defaultid === "-11",
      active: row.deleted === 0 && (row.currency_status ?? "Active") === "Active",
    })),
  };
}

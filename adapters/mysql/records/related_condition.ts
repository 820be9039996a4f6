/**
 * Which records of a module are in another record's related list, as a
 * condition of a list's WHERE clause: the ways Vtiger's related lists relate
 * records, each one subquery of ids, united.
 *
 * - reference fields: records of the listed module pointing to the source
 *   (Contacts of an Account through `account_id`), and records the source
 *   points to (the Account of a Contact);
 * - `vtiger_crmentityrel`, Vtiger's generic relation table, both ways;
 * - the relation tables of Vtiger's own related lists (`vtiger_senotesrel`
 *   for Documents, `vtiger_seactivityrel` and `vtiger_cntactivityrel` for
 *   activities, `vtiger_seproductsrel` for Products, the Campaign, Potential,
 *   Vendor and PriceBook tables).
 *
 * The list's own conditions then keep only live records of the listed
 * module that the caller may see.
 *
 * @module
 */

import { type Expression, type RawBuilder, sql } from "kysely";
import type { RelatedRecord } from "../../../domain/ports.ts";
import type { ModuleStorage } from "../catalog/module_storage.ts";
import { CRMID_REF } from "./record_select.ts";

/** A relation table of Vtiger's related lists: two id columns and the modules each holds. */
export interface RelationTable {
  /** The table. */
  readonly table: string;
  /** Its two id columns, each with the modules whose ids it holds (`*`: any module). */
  readonly columns: readonly [RelationColumn, RelationColumn];
  /**
   * A column naming the module of the record in one of the id columns
   * (`vtiger_seproductsrel.setype`, the module of its `crmid`).
   */
  readonly moduleColumn?: { readonly name: string; readonly of: string };
}

/** One id column of a relation table. */
export interface RelationColumn {
  /** The column. */
  readonly name: string;
  /** The modules whose ids it holds, or `*` for any. */
  readonly modules: readonly string[] | "*";
}

const ACTIVITIES = ["Calendar", "Events"];

/** The relation tables Vtiger's modules read in their related lists (`get_*` functions). */
export const RELATION_TABLES: readonly RelationTable[] = [
  {
    table: "vtiger_senotesrel",
    columns: [{ name: "crmid", modules: "*" }, { name: "notesid", modules: ["Documents"] }],
  },
  {
    table: "vtiger_seactivityrel",
    columns: [{ name: "crmid", modules: "*" }, { name: "activityid", modules: ACTIVITIES }],
  },
  {
    table: "vtiger_cntactivityrel",
    columns: [{ name: "contactid", modules: ["Contacts"] }, {
      name: "activityid",
      modules: ACTIVITIES,
    }],
  },
  {
    table: "vtiger_seproductsrel",
    columns: [{ name: "crmid", modules: "*" }, { name: "productid", modules: ["Products"] }],
    moduleColumn: { name: "setype", of: "crmid" },
  },
  {
    table: "vtiger_campaigncontrel",
    columns: [{ name: "campaignid", modules: ["Campaigns"] }, {
      name: "contactid",
      modules: ["Contacts"],
    }],
  },
  {
    table: "vtiger_campaignaccountrel",
    columns: [{ name: "campaignid", modules: ["Campaigns"] }, {
      name: "accountid",
      modules: ["Accounts"],
    }],
  },
  {
    table: "vtiger_campaignleadrel",
    columns: [{ name: "campaignid", modules: ["Campaigns"] }, {
      name: "leadid",
      modules: ["Leads"],
    }],
  },
  {
    table: "vtiger_contpotentialrel",
    columns: [{ name: "contactid", modules: ["Contacts"] }, {
      name: "potentialid",
      modules: ["Potentials"],
    }],
  },
  {
    table: "vtiger_vendorcontactrel",
    columns: [{ name: "vendorid", modules: ["Vendors"] }, {
      name: "contactid",
      modules: ["Contacts"],
    }],
  },
  {
    table: "vtiger_pricebookproductrel",
    columns: [{ name: "pricebookid", modules: ["PriceBooks"] }, {
      name: "productid",
      modules: ["Products"],
    }],
  },
];

/** Whether the column holds ids of the module. */
export function holds(column: RelationColumn, module: string): boolean {
  return column.modules === "*" || column.modules.includes(module);
}

/** The ids a relation table relates to the source, when it relates the two modules. */
function tableIds(
  table: RelationTable,
  source: string,
  listed: string,
  id: number,
): RawBuilder<unknown>[] {
  const [left, right] = table.columns;
  const pick = (from: RelationColumn, to: RelationColumn) =>
    sql`SELECT ${sql.ref(to.name)} FROM ${sql.table(table.table)} WHERE ${
      sql.ref(from.name)
    } = ${id}`;
  const ids: RawBuilder<unknown>[] = [];
  if (holds(left, source) && holds(right, listed)) ids.push(pick(left, right));
  if (holds(right, source) && holds(left, listed)) ids.push(pick(right, left));
  return ids;
}

/**
 * The condition that a record of the listed module (`storage`) is in the
 * related list of `related` (`sourceStorage` its storage).
 */
export function relatedCondition(
  storage: ModuleStorage,
  sourceStorage: ModuleStorage,
  related: RelatedRecord,
): Expression<boolean> {
  const listed = storage.module;
  const source = sourceStorage.module;
  const id = related.id;
  const idColumnOf = (owner: ModuleStorage, table: string) =>
    owner.tables.find((candidate) => candidate.name === table)?.idColumn;
  const subqueries: RawBuilder<unknown>[] = [
    sql`SELECT relcrmid FROM vtiger_crmentityrel WHERE crmid = ${id} AND relmodule = ${listed.name}`,
    sql`SELECT crmid FROM vtiger_crmentityrel WHERE relcrmid = ${id} AND module = ${listed.name}`,
  ];
  for (const field of listed.fields) {
    const idColumn = idColumnOf(storage, field.table);
    if (!field.onRecordTable || idColumn === undefined) continue;
    if (!(field.referenceModules ?? []).includes(source.name)) continue;
    subqueries.push(
      sql`SELECT ${sql.ref(idColumn)} FROM ${sql.table(field.table)} WHERE ${
        sql.ref(field.column)
      } = ${id}`,
    );
  }
  for (const field of source.fields) {
    const idColumn = idColumnOf(sourceStorage, field.table);
    if (!field.onRecordTable || idColumn === undefined) continue;
    if (!(field.referenceModules ?? []).includes(listed.name)) continue;
    subqueries.push(
      sql`SELECT ${sql.ref(field.column)} FROM ${sql.table(field.table)} WHERE ${
        sql.ref(idColumn)
      } = ${id}`,
    );
  }
  for (const table of RELATION_TABLES) {
    subqueries.push(...tableIds(table, source.name, listed.name, id));
  }
  return sql<boolean>`${CRMID_REF} IN (${sql.join(subqueries, sql` UNION `)})`;
}

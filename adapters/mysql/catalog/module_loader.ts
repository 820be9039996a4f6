/**
 * Reads every active entity module from the database: `vtiger_tab`,
 * `vtiger_entityname`, `vtiger_field`, the reference targets, ModTracker's
 * list and `information_schema`, in a handful of statements for all modules.
 *
 * @module
 */

import { sql } from "kysely";
import type { FieldDefinition } from "../../../domain/field.ts";
import { CRMENTITY_TABLE, type ModuleDefinition } from "../../../domain/module.ts";
import type { VtigerDb } from "../database.ts";
import {
  buildField,
  type FieldRow,
  type ReferenceTargets,
  timeFieldName,
} from "./field_builder.ts";
import {
  type ActivityKind,
  type LabelRule,
  type ModuleStorage,
  type StorageTable,
  TASK_ACTIVITY_TYPE,
} from "./module_storage.ts";
import { readSchema, type SchemaInfo, type TableInfo } from "./schema_reader.ts";
import { STANDARD_TAB_NAME_INDEX } from "./standard_tables.ts";
import { MULTIROW_SKIPPED_TABLES, NO_USER_FIELD_ROW, writeRefusalFor } from "./write_rules.ts";
import { moduleInputsOf } from "../modules/module_inputs_loader.ts";
import { readTaxCatalog, type TaxCatalog } from "../modules/tax_catalog.ts";

interface TabRow {
  tabid: number;
  name: string;
  presence: number;
  tablabel: string | null;
  allowduplicates: number | null;
}

interface EntityNameRow {
  tabid: number;
  modulename: string;
  tablename: string;
  fieldname: string;
  entityidfield: string;
}

/** Modules that keep their records under another module's setype. */
const SHARED_SETYPE: Readonly<Record<string, { setype: string; activity: ActivityKind }>> = {
  Calendar: { setype: "Calendar", activity: "task" },
  Events: { setype: "Calendar", activity: "event" },
};

const EMPTY_TABLE: TableInfo = { columns: new Map(), uniqueColumns: new Set() };

const NO_TAXES: TaxCatalog = { taxes: [], shippingTaxes: [], charges: [], currencies: [] };

/** The install's taxes, charges and currencies, when it has their tables. */
async function taxCatalogOf(db: VtigerDb, schema: SchemaInfo): Promise<TaxCatalog> {
  const tables = [
    "vtiger_inventorytaxinfo",
    "vtiger_shippingtaxinfo",
    "vtiger_inventorycharges",
    "vtiger_currency_info",
  ];
  return tables.every((table) => schema.has(table)) ? await readTaxCatalog(db) : NO_TAXES;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

async function readReferenceTargets(
  db: VtigerDb,
  schema: SchemaInfo,
  entityModules: ReadonlySet<string>,
): Promise<ReferenceTargets> {
  const relations = await db.selectFrom("vtiger_fieldmodulerel").select(["fieldid", "relmodule"])
    .orderBy("fieldid").orderBy("sequence").execute();
  const byField = new Map<number, string[]>();
  for (const row of relations) {
    byField.set(row.fieldid, [...(byField.get(row.fieldid) ?? []), row.relmodule]);
  }
  const byUitype = new Map<number, string[]>();
  if (schema.has("vtiger_ws_fieldtype") && schema.has("vtiger_ws_referencetype")) {
    const fixed = await sql<{ uitype: string; type: string }>`
      SELECT t.uitype AS uitype, r.type AS type FROM vtiger_ws_fieldtype t
      INNER JOIN vtiger_ws_referencetype r ON r.fieldtypeid = t.fieldtypeid
      ORDER BY t.uitype, r.type`.execute(db);
    for (const row of fixed.rows) {
      const uitype = Number(row.uitype);
      byUitype.set(uitype, [...(byUitype.get(uitype) ?? []), row.type]);
    }
  }
  return { byField, byUitype, entityModules };
}

/**
 * The tables whose rows belong to a record: `tab_name_index` for standard
 * modules, the vtlib rule (base table + `<base>cf`) for others; only tables
 * and id columns that exist, minus the ones Vtiger's retrieve never joins.
 */
function recordTablesOf(
  name: string,
  base: { table: string; idColumn: string } | undefined,
  schema: SchemaInfo,
): Record<string, string> {
  const declared: Record<string, string> = Object.hasOwn(STANDARD_TAB_NAME_INDEX, name)
    ? { ...STANDARD_TAB_NAME_INDEX[name] }
    : base === undefined
    ? {}
    : { [base.table]: base.idColumn, [`${base.table}cf`]: base.idColumn };
  const tables: Record<string, string> = { [CRMENTITY_TABLE]: "crmid" };
  for (const [table, idColumn] of Object.entries(declared)) {
    if (MULTIROW_SKIPPED_TABLES.has(table)) continue;
    if (schema.get(table)?.columns.has(idColumn)) tables[table] = idColumn;
  }
  return tables;
}

function storageTables(
  recordTables: Readonly<Record<string, string>>,
  baseTable: string,
  schema: SchemaInfo,
): StorageTable[] {
  const tables = Object.entries(recordTables)
    .filter(([table]) => table !== CRMENTITY_TABLE)
    .map(([table, idColumn]) => {
      const info = schema.get(table) ?? EMPTY_TABLE;
      // The base table and its custom-field table hold one row per record even
      // where no unique key says so (ModComments, ServiceContracts).
      const singleRow = info.uniqueColumns.has(idColumn) || table === baseTable ||
        table === `${baseTable}cf`;
      return { name: table, idColumn, singleRow, info };
    });
  return [
    ...tables.filter((table) => table.name === baseTable),
    ...tables.filter((table) => table.name !== baseTable),
  ];
}

function labelFieldNames(
  fields: readonly FieldRow[],
  baseTable: string,
  labelColumns: readonly string[],
): string[] {
  return labelColumns.map((column) =>
    fields.find((field) => field.tablename === baseTable && field.columnname === column)
      ?.fieldname ?? column
  );
}

/** The uitype of e-mail fields, the ones Vtiger keeps in `vtiger_emailslookup`. */
const UITYPE_EMAIL = 13;

/**
 * The record header columns F-RevoCRM copies from `vtiger_crmentity` into a
 * module's base table after every save (`CRMEntity::updateBasicInformation`):
 * all of them when the base table has all of them, else none (stock Vtiger).
 */
export const HEADER_COPY_COLUMNS: readonly string[] = [
  "smcreatorid",
  "smownerid",
  "modifiedby",
  "description",
  "createdtime",
  "modifiedtime",
  "viewedtime",
  "deleted",
  "label",
  "smgroupid",
  "source",
];

function headerCopyColumns(base: TableInfo | undefined, crmentity: TableInfo): string[] {
  if (base === undefined || base === crmentity) return [];
  const all = HEADER_COPY_COLUMNS.every((column) =>
    base.columns.has(column) && crmentity.columns.has(column)
  );
  return all ? [...HEADER_COPY_COLUMNS] : [];
}

/**
 * What the module's other fields say of a field: a date-and-time field whose
 * time part goes to a time field of the module (`DT~M~time_start`) names
 * it; an activity's durations are computed by its save (never required);
 * and Calendar holds tasks only (Vtiger stores `activitytype = 'Task'` for
 * every Calendar record, events are the Events module), so that is the one
 * value its `activitytype` takes.
 */
function withDerivedFrom(
  moduleName: string,
  rows: readonly FieldRow[],
  row: FieldRow,
  field: FieldDefinition,
): FieldDefinition {
  const time = timeFieldName(row);
  const timed = time !== undefined && rows.some((other) => other.fieldname === time)
    ? { ...field, timeField: time }
    : field;
  const derived = ACTIVITY_MODULES.has(moduleName) && COMPUTED_DURATIONS.has(field.name)
    ? { ...timed, derived: true }
    : timed;
  return moduleName === "Calendar" && field.name === "activitytype"
    ? { ...derived, fixedValue: TASK_ACTIVITY_TYPE }
    : derived;
}

/** The modules whose save is Vtiger's Activity save. */
const ACTIVITY_MODULES: ReadonlySet<string> = new Set(["Calendar", "Events"]);

/** What an activity's save computes from its start and end (`behaviours/activities.ts`). */
const COMPUTED_DURATIONS: ReadonlySet<string> = new Set(["duration_hours", "duration_minutes"]);

/** The event handler of stock Vtiger 7 that stores labels after every save. */
const LABEL_UPDATER = "Vtiger_RecordLabelUpdater_Handler";

/** How the install builds labels: by Vtiger 7's label updater when it is active, else at save. */
async function labelRuleOf(db: VtigerDb, schema: SchemaInfo): Promise<LabelRule> {
  if (!schema.has("vtiger_eventhandlers")) return "save";
  const rows = await sql<{ active: number }>`SELECT is_active AS active FROM vtiger_eventhandlers
    WHERE handler_class = ${LABEL_UPDATER} AND event_name = 'vtiger.entity.aftersave'`
    .execute(db);
  return rows.rows.some((row) => Number(row.active) === 1) ? "updater" : "save";
}

/** Loads every active entity module (`isentitytype = 1`, `presence` 0 or 2) with its storage. */
export async function loadModules(db: VtigerDb): Promise<ModuleStorage[]> {
  const schema = await readSchema(db);
  // allowduplicates came with Vtiger 7's duplicate prevention; older installs allow duplicates.
  const hasDuplicateSetting = schema.get("vtiger_tab")?.columns.has("allowduplicates") ?? false;
  const allowDuplicates = hasDuplicateSetting
    ? sql<number | null>`${sql.ref("allowduplicates")}`
    : sql<number | null>`NULL`;
  const tabs: TabRow[] = await db.selectFrom("vtiger_tab")
    .select(["tabid", "name", "presence", "tablabel", allowDuplicates.as("allowduplicates")])
    .where("isentitytype", "=", 1).orderBy("tabid").execute();
  const active = tabs.filter((tab) => tab.presence === 0 || tab.presence === 2);
  const entityNames: EntityNameRow[] = await db.selectFrom("vtiger_entityname")
    .select(["tabid", "modulename", "tablename", "fieldname", "entityidfield"]).execute();
  // isunique came with Vtiger 7.1's duplicate prevention too.
  const isUnique = schema.get("vtiger_field")?.columns.has("isunique")
    ? sql<number | null>`${sql.ref("isunique")}`
    : sql<number | null>`NULL`;
  const allFieldRows: FieldRow[] = active.length === 0 ? [] : await db.selectFrom("vtiger_field")
    .select([
      "tabid",
      "fieldid",
      "fieldname",
      "columnname",
      "tablename",
      "fieldlabel",
      "uitype",
      "typeofdata",
      "presence",
      "displaytype",
      "defaultvalue",
      "block",
      isUnique.as("isunique"),
    ])
    .where("tabid", "in", active.map((tab) => tab.tabid))
    .orderBy("fieldid").execute();
  const fieldRows = allFieldRows.filter((row) => row.presence === 0 || row.presence === 2);
  const inactiveByTab = groupBy(
    allFieldRows.filter((row) => row.presence === 1),
    (row) => row.tabid,
  );
  const tracked = new Set(
    (await db.selectFrom("vtiger_modtracker_tabs").select("tabid").where("visible", "=", 1)
      .execute()).map((row) => row.tabid),
  );
  const targets = await readReferenceTargets(db, schema, new Set(tabs.map((tab) => tab.name)));
  const taxCatalog = await taxCatalogOf(db, schema);
  const fieldsByTab = groupBy(fieldRows, (row) => row.tabid);
  const related = await sql<{ tabid: number; name: string }>`
    SELECT r.tabid AS tabid, t.name AS name FROM vtiger_relatedlists r
    INNER JOIN vtiger_tab t ON t.tabid = r.related_tabid
    WHERE r.presence = 0 ORDER BY r.tabid, r.sequence, r.relation_id`.execute(db);
  const relatedByTab = new Map<number, string[]>();
  for (const row of related.rows) {
    const names = relatedByTab.get(row.tabid) ?? [];
    if (!names.includes(row.name)) names.push(row.name);
    relatedByTab.set(row.tabid, names);
  }
  const blocks = new Map(
    (await db.selectFrom("vtiger_blocks").select(["blockid", "blocklabel"]).execute())
      .map((row) => [row.blockid, row.blocklabel]),
  );
  const entityByModule = new Map(entityNames.map((row) => [row.modulename, row]));
  const crmentity = schema.get(CRMENTITY_TABLE) ?? EMPTY_TABLE;
  const labelRule = await labelRuleOf(db, schema);
  return active.map((tab) => {
    const shared = Object.hasOwn(SHARED_SETYPE, tab.name) ? SHARED_SETYPE[tab.name] : undefined;
    const entity = entityByModule.get(tab.name) ??
      (shared === undefined ? undefined : entityByModule.get(shared.setype));
    const base = entity === undefined || !schema.has(entity.tablename)
      ? undefined
      : { table: entity.tablename, idColumn: entity.entityidfield };
    const recordTables = recordTablesOf(tab.name, base, schema);
    const rows = fieldsByTab.get(tab.tabid) ?? [];
    const labelColumns = entity === undefined
      ? []
      : entity.fieldname.split(",").map((c) => c.trim());
    const writeRefusal = writeRefusalFor(tab.name, base !== undefined);
    const inputs = moduleInputsOf(tab.name, rows, schema, taxCatalog);
    const module: ModuleDefinition = {
      name: tab.name,
      tabId: tab.tabid,
      baseTable: base?.table ?? CRMENTITY_TABLE,
      baseIdColumn: base?.idColumn ?? "crmid",
      recordTables,
      fields: rows.map((row) =>
        withDerivedFrom(
          tab.name,
          rows,
          row,
          buildField(row, recordTables, schema, targets, blocks.get(row.block ?? 0)),
        )
      ),
      labelFields: base === undefined ? [] : labelFieldNames(rows, base.table, labelColumns),
      ...(writeRefusal === undefined ? {} : { writeRefusal }),
      label: tab.tablabel ?? tab.name,
      allowDuplicates: tab.allowduplicates !== 0,
      relatedModules: relatedByTab.get(tab.tabid) ?? [],
      ...(inputs === undefined ? {} : { inputs }),
      ignoredFields: (inactiveByTab.get(tab.tabid) ?? []).map((row) => row.fieldname),
    };
    return {
      module,
      setype: shared?.setype ?? tab.name,
      ...(shared === undefined ? {} : { activityKind: shared.activity }),
      tables: storageTables(recordTables, module.baseTable, schema),
      crmentity,
      tracked: tracked.has(tab.tabid),
      // ModTracker logs an event under Events, as Vtiger's save of an event does.
      historyModule: tab.name,
      userFieldRow: !NO_USER_FIELD_ROW.has(tab.name) && schema.has("vtiger_crmentity_user_field"),
      headerCopy: headerCopyColumns(schema.get(module.baseTable), crmentity),
      labelRule,
      emailFields: schema.has("vtiger_emailslookup") && tab.name !== "Users"
        ? module.fields.filter((field) => field.uitype === UITYPE_EMAIL && field.onRecordTable)
        : [],
    };
  });
}

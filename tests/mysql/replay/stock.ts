/**
 * Replaying the F-RevoCRM recordings on stock Vtiger 7.1.0 and 7.3.0, and
 * checking there the rows that exist there: what a stock install lacks
 * (custom fields, the fork's header copy, tables) is left out of the request
 * and of both sides of the comparison, and what a stock install does
 * differently by its own metadata (labels in its `vtiger_entityname` order:
 * `firstname lastname` for Contacts and Leads) is what is expected.
 *
 * @module
 */

import { htmlEntities } from "../../../adapters/mysql/records/html_entities.ts";
import { dumpRows } from "./dump_rows.ts";
import type { NormalizedScenario, NormalizedStep } from "./normalize.ts";
import type { Row, Snapshot, SnapshotConnection } from "./snapshot.ts";

/** What the replay needs to know of an install's metadata. */
export interface InstallFacts {
  /** Every field name of each module (active or switched off). */
  readonly fields: ReadonlyMap<string, ReadonlySet<string>>;
  /** Each module's active fields (`presence` 0 or 2): field name → `table.column`. */
  readonly active: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Each module's label: its base table and the columns joined (`vtiger_entityname`). */
  readonly labels: ReadonlyMap<string, { table: string; columns: readonly string[] }>;
  /** The columns of each table, as loaded. */
  readonly columns: ReadonlyMap<string, ReadonlySet<string>>;
}

interface FieldFact {
  readonly module: string;
  readonly fieldname: string;
  readonly table: string;
  readonly column: string;
  readonly presence: number;
}

function fieldMaps(facts: readonly FieldFact[]): Pick<InstallFacts, "fields" | "active"> {
  const fields = new Map<string, Set<string>>();
  const active = new Map<string, Map<string, string>>();
  for (const fact of facts) {
    fields.set(fact.module, (fields.get(fact.module) ?? new Set()).add(fact.fieldname));
    if (fact.presence === 0 || fact.presence === 2) {
      const map = active.get(fact.module) ?? new Map<string, string>();
      map.set(fact.fieldname, `${fact.table}.${fact.column}`);
      active.set(fact.module, map);
    }
  }
  return { fields, active };
}

/** The field metadata of the install the recordings were made on, read from its dump. */
export async function readRecordedFacts(): Promise<Pick<InstallFacts, "fields" | "active">> {
  const dump = await Deno.readTextFile(
    new URL("../../../../shared/vtiger/frevocrm-8.0.3.sql", import.meta.url),
  );
  const modules = new Map(dumpRows(dump, "vtiger_tab").map((row) => [row.tabid, row.name]));
  return fieldMaps(
    dumpRows(dump, "vtiger_field").map((row) => ({
      module: modules.get(row.tabid) ?? "",
      fieldname: row.fieldname ?? "",
      table: row.tablename ?? "",
      column: row.columnname ?? "",
      presence: Number(row.presence),
    })),
  );
}

/** Reads the facts of the install on `connection`, with the tables of its loaded snapshot. */
export async function readInstallFacts(
  connection: SnapshotConnection,
  base: Snapshot,
): Promise<InstallFacts> {
  const fieldRows = await connection.query(
    `SELECT t.name, f.fieldname, f.tablename, f.columnname, f.presence
     FROM vtiger_field f INNER JOIN vtiger_tab t ON t.tabid = f.tabid`,
  );
  const { fields, active } = fieldMaps(fieldRows.rows.map((row) => ({
    module: row[0] ?? "",
    fieldname: row[1] ?? "",
    table: row[2] ?? "",
    column: row[3] ?? "",
    presence: Number(row[4]),
  })));
  const labels = new Map<string, { table: string; columns: string[] }>();
  const entityRows = await connection.query(
    "SELECT modulename, tablename, fieldname FROM vtiger_entityname",
  );
  for (const [module, table, columns] of entityRows.rows) {
    labels.set(module!, { table: table!, columns: columns!.split(",").map((c) => c.trim()) });
  }
  const columns = new Map(
    [...base].map(([table, snapshot]) => [table, new Set(snapshot.columns)]),
  );
  return { fields, active, labels, columns };
}

/**
 * What the two installs' metadata makes differ whatever the writer: the
 * columns and ModTracker keys of fields active in one install and not in the
 * other (F-RevoCRM switched off `bill_country`, `salutationtype` and more;
 * its custom fields exist nowhere else).
 */
export interface MetadataGap {
  /** `table.column` of such fields. */
  readonly columns: ReadonlySet<string>;
  /** `module.fieldname` of such fields. */
  readonly fields: ReadonlySet<string>;
}

/** The fields active in exactly one of the two installs. */
export function metadataGap(
  recorded: Pick<InstallFacts, "active">,
  stock: Pick<InstallFacts, "active">,
): MetadataGap {
  const columns = new Set<string>();
  const fields = new Set<string>();
  const modules = new Set([...recorded.active.keys(), ...stock.active.keys()]);
  for (const module of modules) {
    const left = recorded.active.get(module) ?? new Map<string, string>();
    const right = stock.active.get(module) ?? new Map<string, string>();
    for (const [field, column] of [...left, ...right]) {
      if (left.get(field) === right.get(field)) continue;
      columns.add(column);
      fields.add(`${module}.${field}`);
    }
  }
  return { columns, fields };
}

/** Counters that start where each install left them: not compared on stock installs. */
const COUNTER_TABLES: ReadonlySet<string> = new Set([
  "vtiger_crmentity_seq",
  "vtiger_modentity_num",
  "vtiger_modtracker_basic_seq",
]);

/** The values of a request, without the fields the install does not have. */
export function valuesFor(
  facts: InstallFacts,
  module: string,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const known = facts.fields.get(module);
  // An inventory record's lines are no field, and every install takes them.
  return Object.fromEntries(
    Object.entries(values).filter(([name]) => name === "LineItems" || (known?.has(name) ?? true)),
  );
}

/** The rows of `left` not matched one for one by equal rows of `right`. */
function minus(left: readonly Row[], right: readonly Row[]): Row[] {
  const counts = new Map<string, number>();
  for (const row of right) {
    counts.set(JSON.stringify(row), (counts.get(JSON.stringify(row)) ?? 0) + 1);
  }
  return left.filter((row) => {
    const count = counts.get(JSON.stringify(row)) ?? 0;
    if (count > 0) counts.set(JSON.stringify(row), count - 1);
    return count === 0;
  });
}

/**
 * Keeps of each table only what both installs have alike: the stock
 * install's tables and columns, without the counters and the columns and
 * ModTracker keys of fields active in only one of them.
 */
function project(step: NormalizedStep, facts: InstallFacts, gap: MetadataGap): NormalizedStep {
  const modules = new Map(
    (step.diff.vtiger_modtracker_basic?.added ?? []).map((row) => [row.id, row.module ?? ""]),
  );
  const diff: NormalizedStep["diff"] = {};
  for (const [table, sides] of Object.entries(step.diff)) {
    const columns = facts.columns.get(table);
    if (columns === undefined || COUNTER_TABLES.has(table)) continue;
    const keep = (row: Row): Row =>
      Object.fromEntries(
        Object.entries(row).filter(([column]) =>
          columns.has(column) && !gap.columns.has(`${table}.${column}`)
        ),
      );
    const shared = (row: Row): boolean =>
      table !== "vtiger_modtracker_detail" ||
      !gap.fields.has(`${modules.get(row.id) ?? ""}.${row.fieldname}`);
    const removed = sides.removed.filter(shared).map(keep);
    const added = sides.added.filter(shared).map(keep);
    // A row whose only changes were in columns left out is no change here.
    const gone = minus(removed, added);
    const kept = minus(added, removed);
    if (gone.length > 0 || kept.length > 0) diff[table] = { removed: gone, added: kept };
  }
  return { ...step, diff };
}

/** The actual replay on a stock install, seen through the same projection. */
export function stockActual(
  actual: NormalizedScenario,
  facts: InstallFacts,
  gap: MetadataGap,
): NormalizedScenario {
  return { ...actual, steps: actual.steps.map((step) => project(step, facts, gap)) };
}

/** ModTracker's keys that are not fields. */
const HISTORY_KEYS: ReadonlySet<string> = new Set(["label", "record_id", "record_module"]);

/**
 * The golden scenario (intended differences applied) as a stock install
 * writes it: its tables and columns only, ModTracker details of fields it
 * has, and labels in its own `vtiger_entityname` order.
 */
export function stockExpected(
  golden: NormalizedScenario,
  facts: InstallFacts,
  gap: MetadataGap,
): NormalizedScenario {
  const setypes = new Map(
    Object.entries(golden.records).map(([placeholder, record]) => [placeholder, record.setype]),
  );
  const state = new Map<string, Row>();
  const steps = golden.steps.map((step) => {
    const before = new Map(state);
    for (const [table, sides] of Object.entries(step.diff)) {
      for (const row of sides.added) state.set(`${table}\u0000${Object.values(row)[0]}`, row);
    }
    const labelOf = (crmid: string, rows: ReadonlyMap<string, Row>): string | undefined => {
      const entity = facts.labels.get(setypes.get(crmid) ?? "");
      const row = entity === undefined ? undefined : rows.get(`${entity.table}\u0000${crmid}`);
      if (entity === undefined || row === undefined) return undefined;
      // Joined untrimmed by Vtiger 7's label updater, cut to the column (255) by MySQL.
      return [...entity.columns.map((column) => row[column] ?? "").join(" ")].slice(0, 255).join(
        "",
      );
    };
    const relabels = new Map<string, string>();
    const relabel = (row: Row, rows: ReadonlyMap<string, Row>): Row => {
      const label = labelOf(String(row.crmid), rows);
      if (label === undefined || row.label === null || row.label === label) return row;
      relabels.set(htmlEntities(row.label), htmlEntities(label));
      return { ...row, label };
    };
    const diff = structuredClone(step.diff);
    const crmentity = diff.vtiger_crmentity;
    if (crmentity !== undefined) {
      diff.vtiger_crmentity = {
        removed: crmentity.removed.map((row) => relabel(row, before)),
        added: crmentity.added.map((row) => relabel(row, state)),
      };
    }
    const modules = new Map(
      (diff.vtiger_modtracker_basic?.added ?? []).map((row) => [row.id, row.module ?? ""]),
    );
    const details = diff.vtiger_modtracker_detail;
    if (details !== undefined) {
      const known = (row: Row): boolean =>
        HISTORY_KEYS.has(row.fieldname ?? "") ||
        (facts.fields.get(modules.get(row.id) ?? "")?.has(row.fieldname ?? "") ?? true);
      const labelled = (row: Row): Row =>
        row.fieldname !== "label" ? row : {
          ...row,
          prevalue: row.prevalue === null ? null : relabels.get(row.prevalue) ?? row.prevalue,
          postvalue: row.postvalue === null ? null : relabels.get(row.postvalue) ?? row.postvalue,
        };
      diff.vtiger_modtracker_detail = {
        removed: details.removed,
        added: details.added.filter(known).map(labelled),
      };
    }
    return project({ ...step, diff }, facts, gap);
  });
  return { ...golden, steps };
}

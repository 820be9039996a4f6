/**
 * The values of role-based picklists a role may use (`vtiger_role2picklist`),
 * read as Vtiger's edit view and webservice read them
 * (`getRoleBasedPicklistValues`): the user's exact role, joined on the value's
 * `picklist_valueid`.
 *
 * @module
 */

import { sql } from "kysely";
import type { ModuleDefinition } from "../../../domain/module.ts";
import { picklistTable } from "../catalog/field_builder.ts";
import type { VtigerDb } from "../database.ts";

const IDENTIFIER = /^[A-Za-z0-9_]+$/;

/** What the name of every picklist value table starts with (`vtiger_`). */
const PICKLIST_TABLE_PREFIX = picklistTable("");

/** The names of the modules' uitype 15 picklists, as they could name a `vtiger_<name>` table. */
export function rolePicklistCandidates(modules: readonly ModuleDefinition[]): string[] {
  const names = new Set<string>();
  for (const module of modules) {
    for (const field of module.fields) {
      if (field.picklist === "role" && IDENTIFIER.test(field.name)) names.add(field.name);
    }
  }
  return [...names].sort();
}

/** A row of a picklist value table, as far as role-based values need it. */
interface PicklistValueRow {
  readonly picklist_valueid: number;
}

/**
 * For every candidate named in `vtiger_picklist` whose value table exists:
 * the values the role may use (possibly none). Candidates left out are not
 * role-based.
 */
export async function readRolePicklistValues(
  db: VtigerDb,
  roleId: string,
  candidates: readonly string[],
): Promise<Map<string, Set<string>>> {
  const values = new Map<string, Set<string>>();
  if (candidates.length === 0) return values;
  const tables = candidates.map(picklistTable);
  const roleBased = await db.selectFrom("vtiger_picklist as p").select("p.name")
    .where("p.name", "in", [...candidates])
    .where((eb) =>
      eb(
        eb.fn<string>("concat", [sql.lit(PICKLIST_TABLE_PREFIX), "p.name"]),
        "in",
        eb.selectFrom("information_schema.columns as c").select("c.table_name")
          .where("c.table_schema", "=", eb.fn<string>("database", []))
          .where("c.column_name", "=", "picklist_valueid")
          .where("c.table_name", "in", tables),
      )
    )
    .execute();
  const names = roleBased.map((row) => row.name).filter((name) => candidates.includes(name));
  if (names.length === 0) return values;
  for (const name of names) values.set(name, new Set());
  const selects = names.map((name) =>
    db.selectFrom(sql<PicklistValueRow>`${sql.table(picklistTable(name))}`.as("v"))
      .innerJoin("vtiger_role2picklist as rp", "rp.picklistvalueid", "v.picklist_valueid")
      .select([sql.val(name).as("name"), sql.ref<string | null>(`v.${name}`).as("value")])
      .where("rp.roleid", "=", roleId)
      .where("rp.picklistid", "in", db.selectFrom("vtiger_picklist").select("picklistid"))
  );
  const found = await selects.reduce((union, select) => union.unionAll(select)).execute();
  for (const row of found) {
    if (row.value !== null) values.get(row.name)?.add(row.value);
  }
  return values;
}

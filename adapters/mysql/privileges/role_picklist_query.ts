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
import type { AnyDb } from "./fact_queries.ts";

const IDENTIFIER = /^[A-Za-z0-9_]+$/;

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

/**
 * For every candidate named in `vtiger_picklist` whose value table exists:
 * the values the role may use (possibly none). Candidates left out are not
 * role-based.
 */
export async function readRolePicklistValues(
  db: AnyDb,
  roleId: string,
  candidates: readonly string[],
): Promise<Map<string, Set<string>>> {
  const values = new Map<string, Set<string>>();
  if (candidates.length === 0) return values;
  const tables = candidates.map((name) => `vtiger_${name}`);
  const roleBased = await sql<{ name: string }>`
    SELECT p.name FROM vtiger_picklist p
    WHERE p.name IN (${sql.join([...candidates])})
      AND CONCAT('vtiger_', p.name) IN (
        SELECT table_name FROM information_schema.columns
        WHERE table_schema = DATABASE() AND column_name = 'picklist_valueid'
          AND table_name IN (${sql.join(tables)}))`.execute(db);
  const names = roleBased.rows.map((row) => row.name).filter((name) => candidates.includes(name));
  if (names.length === 0) return values;
  for (const name of names) values.set(name, new Set());
  const selects = names.map((name) =>
    sql`SELECT ${name} AS name, ${sql.ref(`v.${name}`)} AS value
      FROM ${sql.table(`vtiger_${name}`)} v
      JOIN vtiger_role2picklist rp ON rp.picklistvalueid = v.picklist_valueid
      WHERE rp.roleid = ${roleId} AND rp.picklistid IN (SELECT picklistid FROM vtiger_picklist)`
  );
  const found = await sql<{ name: string; value: string | null }>`${
    sql.join(selects, sql` UNION ALL `)
  }`.execute(db);
  for (const row of found.rows) {
    if (row.value !== null) values.get(row.name)?.add(row.value);
  }
  return values;
}

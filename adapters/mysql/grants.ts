/**
 * Which privileges the database user has on the Vtiger database, read from
 * `SHOW GRANTS`, so that a start with too few says which are missing before
 * anything is created. Grants through roles or on single tables cannot be
 * judged from the user's own lines: then nothing is reported missing and the
 * database itself refuses what it must.
 *
 * @module
 */

import { sql } from "kysely";
import type { VtigerDb } from "./database.ts";

/** What the service needs at run time on every Vtiger table and its own. */
export const RUNTIME_PRIVILEGES: readonly string[] = ["SELECT", "INSERT", "UPDATE", "DELETE"];

/** What creating vtrest's tables (its migrations) and Vtiger's ModTracker sequence needs besides. */
export const MIGRATION_PRIVILEGES: readonly string[] = ["CREATE", "ALTER", "INDEX"];

/** The privileges the grant lines give on the database, and whether that is the whole story. */
export interface Granted {
  /** Privileges held on every table of the database (upper case). */
  readonly privileges: ReadonlySet<string>;
  /** Whether roles or table-level grants may give more than `privileges` says. */
  readonly partial: boolean;
}

/** `` `vtiger\_db` `` or `vtiger%` as a regular expression over database names. */
function schemaPattern(quoted: string): RegExp {
  const text = quoted.replace(/^`|`$/g, "").replaceAll("``", "`");
  let source = "";
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "\\" && index + 1 < text.length) {
      source += text[++index].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    } else if (char === "%") source += ".*";
    else if (char === "_") source += ".";
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** Splits `SELECT, INSERT (a, b), UPDATE` on the commas outside parentheses. */
function privilegeList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === "," && depth === 0) {
      items.push(current.trim());
      current = "";
    } else current += char;
  }
  items.push(current.trim());
  return items.filter((item) => item !== "");
}

/** Reads `SHOW GRANTS` lines for `database`. */
export function grantedOn(lines: readonly string[], database: string): Granted {
  const privileges = new Set<string>();
  let partial = false;
  for (const line of lines) {
    const match = /^GRANT (.+?) ON (.+?) TO /is.exec(line);
    if (match === null) {
      // `GRANT role TO user`: the role's privileges are not on these lines.
      if (/^GRANT /i.test(line)) partial = true;
      continue;
    }
    const [, list, target] = match;
    if (/^PROXY$/i.test(list.trim())) continue;
    const global = target.trim() === "*.*";
    const schema = /^(`(?:[^`]|``)+`|[^.`\s]+)\.\*$/.exec(target.trim());
    if (!global && schema === null) {
      partial = true; // a grant on one table (or routine)
      continue;
    }
    if (!global && !schemaPattern(schema![1]).test(database)) continue;
    for (const item of privilegeList(list)) {
      const name = item.replace(/\s*\(.*$/s, "").trim().toUpperCase();
      if (item.includes("(")) {
        partial = true; // column privileges
        continue;
      }
      if (name === "ALL" || name === "ALL PRIVILEGES") {
        for (const privilege of [...RUNTIME_PRIVILEGES, ...MIGRATION_PRIVILEGES]) {
          privileges.add(privilege);
        }
      } else privileges.add(name);
    }
  }
  return { privileges, partial };
}

/** Of `wanted`, those the user surely lacks on the database (none when grants are partial). */
export function missingPrivileges(granted: Granted, wanted: readonly string[]): string[] {
  if (granted.partial) return [];
  return wanted.filter((privilege) => !granted.privileges.has(privilege));
}

/** The current user's grant lines (they may hold password hashes: never log them). */
export async function readGrants(db: VtigerDb): Promise<string[]> {
  const result = await sql<Record<string, string>>`SHOW GRANTS`.execute(db);
  return result.rows.map((row) => String(Object.values(row)[0] ?? ""));
}

/** `'vt'@'%'`: the account the server logged the service in as. */
export async function currentAccount(db: VtigerDb): Promise<string> {
  const result = await sql<{ account: string }>`SELECT CURRENT_USER() AS account`.execute(db);
  const [user = "", host = ""] = String(result.rows[0]?.account ?? "").split("@");
  return `'${user}'@'${host}'`;
}

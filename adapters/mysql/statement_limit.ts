/**
 * A server-side time limit on every statement, so that the database itself
 * stops a statement that runs past the query timeout, whatever happens to
 * the client that sent it. MariaDB (10.1.2 on) takes
 * `SET STATEMENT max_statement_time = <seconds> FOR <statement>`; MySQL (5.7.8
 * on) the optimizer hint `SELECT /*+ MAX_EXECUTION_TIME(<ms>) *\/ ...`, for
 * SELECT statements only. Older servers get no server-side limit (the client
 * still gives up after the timeout and kills the statement).
 *
 * @module
 */

/** Which kind of limit the server understands. */
export type ServerFlavour = "mariadb" | "mysql" | "none";

/** `[major, minor, patch]` of a version text such as `10.11.19-MariaDB-0+deb12u1`. */
function versionNumbers(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = (/^(\d+)\.(\d+)\.(\d+)/.exec(version) ?? [])
    .slice(1).map(Number);
  return [major, minor, patch];
}

function atLeast(version: [number, number, number], minimum: [number, number, number]): boolean {
  for (let index = 0; index < 3; index++) {
    if (version[index] !== minimum[index]) return version[index] > minimum[index];
  }
  return true;
}

/** The flavour of a server from what `SELECT VERSION()` answers. */
export function serverFlavour(version: string): ServerFlavour {
  if (/mariadb/i.test(version)) {
    // Some MariaDB builds and proxies prefix the real version with `5.5.5-`.
    const numbers = versionNumbers(version.replace(/^5\.5\.5-/, ""));
    return atLeast(numbers, [10, 1, 2]) ? "mariadb" : "none";
  }
  const numbers = versionNumbers(version);
  return atLeast(numbers, [5, 7, 8]) ? "mysql" : "none";
}

/** Blanks and comments before a statement's first keyword. */
const LEADING_NOISE = /^(\s+|\/\*[\s\S]*?\*\/|--[^\n]*\n|#[^\n]*\n)*/;

/** The leading keyword of a statement, lower case, and where it starts. */
function leadingKeyword(statement: string): { keyword: string; at: number } {
  const at = LEADING_NOISE.exec(statement)?.[0].length ?? 0;
  return { keyword: (/^[a-z]+/i.exec(statement.slice(at))?.[0] ?? "").toLowerCase(), at };
}

/** Statements MariaDB's limit is put on: reads and row writes (not DDL, locks, transactions). */
const MARIADB_LIMITED: ReadonlySet<string> = new Set([
  "select",
  "with",
  "insert",
  "update",
  "delete",
  "replace",
]);

/**
 * The statement with the server's time limit of `limitMs` milliseconds, or
 * unchanged when the server or the kind of statement takes none.
 */
export function limitStatement(statement: string, flavour: ServerFlavour, limitMs: number): string {
  const { keyword, at } = leadingKeyword(statement);
  if (flavour === "mariadb" && MARIADB_LIMITED.has(keyword)) {
    return `SET STATEMENT max_statement_time = ${limitMs / 1000} FOR ${statement.slice(at)}`;
  }
  if (flavour === "mysql" && keyword === "select") {
    const end = at + keyword.length;
    return `${statement.slice(at, end)} /*+ MAX_EXECUTION_TIME(${limitMs}) */${
      statement.slice(end)
    }`;
  }
  return statement;
}

/** Server error numbers of a statement stopped by its time limit (MariaDB 1969, MySQL 3024). */
export const STATEMENT_TIMEOUT_ERRNOS: ReadonlySet<number> = new Set([1969, 3024]);

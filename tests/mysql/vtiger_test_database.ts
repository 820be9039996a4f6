/**
 * The MySQL test harness: makes a throw-away database from one of the shared
 * Vtiger dumps (`../shared/vtiger/vtiger-<version>.sql` beside the repo), under
 * a unique name, and drops it afterwards.
 *
 * The tests run only when `VTIGER_TEST_DB_URL` (e.g. `mysql://root@127.0.0.1:3306`,
 * a server URL without a database) is set; otherwise they are reported as
 * ignored, never passed silently. Dumps are loaded through `mysql2` with
 * `multipleStatements`, so no permission to run programs is needed.
 *
 * @module
 */

import { createConnection } from "mysql2";
import { openDatabase, type VtigerDb } from "../../adapters/mysql/database.ts";

/** The server URL the MySQL tests use, from `VTIGER_TEST_DB_URL`, or `undefined`. */
export const MYSQL_TEST_URL: string | undefined = (() => {
  try {
    return Deno.env.get("VTIGER_TEST_DB_URL") || undefined;
  } catch {
    return undefined;
  }
})();

/** Whether the MySQL tests run; use `ignore: !mysqlTestsEnabled`. */
export const mysqlTestsEnabled: boolean = MYSQL_TEST_URL !== undefined;

/**
 * The Vtiger installs there is a dump of: stock 7.1.0 and 7.3.0, and the
 * F-RevoCRM 8.0.3 install the oracle recordings start from.
 */
export type VtigerVersion = "7.1.0" | "7.3.0" | "frevocrm-8.0.3";

/** The stock versions, for tests that run against each. */
export const VTIGER_VERSIONS: readonly VtigerVersion[] = ["7.1.0", "7.3.0"];

/** Every dump: the stock versions and the Vtiger 8 fork, for tests of what each client sends. */
export const ALL_VTIGER_VERSIONS: readonly VtigerVersion[] = [...VTIGER_VERSIONS, "frevocrm-8.0.3"];

/** A loaded Vtiger database that exists until dropped. */
export interface VtigerTestDatabase {
  /** The Vtiger version of the dump. */
  readonly version: VtigerVersion;
  /** The database's unique name. */
  readonly name: string;
  /** `mysql://...` URL of the database, for `openMysqlPorts`. */
  readonly url: string;
  /** A Kysely handle on it, for checking rows directly. */
  readonly db: VtigerDb;
  /** Closes the handle and drops the database. */
  drop(): Promise<void>;
  /** Same as {@linkcode VtigerTestDatabase.drop}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Where a dump lies: `../shared/vtiger/` beside the repo root. */
export function dumpUrl(version: VtigerVersion): URL {
  const file = version.startsWith("frevocrm") ? `${version}.sql` : `vtiger-${version}.sql`;
  return new URL(`../../../shared/vtiger/${file}`, import.meta.url);
}

const dumpCache = new Map<VtigerVersion, Promise<string>>();

function readDump(version: VtigerVersion): Promise<string> {
  let text = dumpCache.get(version);
  if (text === undefined) {
    text = Deno.readTextFile(dumpUrl(version));
    dumpCache.set(version, text);
  }
  return text;
}

function requireServerUrl(): URL {
  if (MYSQL_TEST_URL === undefined) {
    throw new Error("VTIGER_TEST_DB_URL is not set: MySQL tests must be ignored");
  }
  return new URL(MYSQL_TEST_URL);
}

/** The URL of a database on the test server. */
export function databaseUrl(name: string): string {
  const url = requireServerUrl();
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs SQL (several statements allowed) on the test server on a connection of its own. */
export function runOnServer(statements: string, database?: string): Promise<void> {
  const url = requireServerUrl();
  const connection = createConnection({
    host: url.hostname,
    port: url.port === "" ? 3306 : Number(url.port),
    user: decodeURIComponent(url.username) || "root",
    password: decodeURIComponent(url.password),
    ...(database === undefined ? {} : { database }),
    multipleStatements: true,
    charset: "utf8mb4",
  });
  return new Promise<void>((resolve, reject) => {
    connection.query(statements, (error) => {
      connection.end(() => error ? reject(error) : resolve());
    });
  });
}

function uniqueName(version: VtigerVersion): string {
  const random = crypto.getRandomValues(new Uint8Array(4));
  const suffix = Array.from(random, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `vtrest_test_${version.replaceAll(/[.-]/g, "")}_${Date.now().toString(36)}_${suffix}`;
}

/** Creates a database under a unique name and loads the version's dump into it (about 3 s). */
export async function createVtigerDatabase(version: VtigerVersion): Promise<VtigerTestDatabase> {
  const name = uniqueName(version);
  const dump = await readDump(version);
  await runOnServer(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  try {
    await runOnServer(dump, name);
  } catch (error) {
    await runOnServer(`DROP DATABASE IF EXISTS \`${name}\``);
    throw error;
  }
  const url = databaseUrl(name);
  const database = openDatabase(url, { connectionLimit: 4 });
  let dropped = false;
  const drop = async (): Promise<void> => {
    if (dropped) return;
    dropped = true;
    await database.close();
    await runOnServer(`DROP DATABASE IF EXISTS \`${name}\``);
  };
  return { version, name, url, db: database.db, drop, [Symbol.asyncDispose]: drop };
}

/** Loads a fresh database, runs `body` with it, and drops it whatever happens. */
export async function withVtigerDatabase<T>(
  version: VtigerVersion,
  body: (database: VtigerTestDatabase) => Promise<T>,
): Promise<T> {
  const database = await createVtigerDatabase(version);
  try {
    return await body(database);
  } finally {
    await database.drop();
  }
}

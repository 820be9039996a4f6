/**
 * Makes the benchmark's database ready, or finds it ready (`--reuse`), and
 * drops it afterwards unless kept.
 *
 * @module
 */

import { createConnection } from "mysql2/promise";
import { loadDump, seedRecords, seedUsers } from "./seed_database.ts";
import { NON_ADMIN } from "./dataset.ts";

/** The benchmark's database. */
export interface BenchDatabase {
  /** `mysql://.../NAME`. */
  readonly url: string;
  /** Whether it was built in this run (rather than reused). */
  readonly built: boolean;
  /** Drops it, unless it is to be kept. */
  dispose(): Promise<void>;
}

function serverConnection(serverUrl: string, database?: string) {
  const url = new URL(serverUrl);
  return createConnection({
    host: url.hostname,
    port: url.port === "" ? 3306 : Number(url.port),
    user: decodeURIComponent(url.username) || "root",
    password: decodeURIComponent(url.password),
    multipleStatements: true,
    charset: "utf8mb4",
    ...(database === undefined ? {} : { database }),
  });
}

async function holdsDataSet(serverUrl: string, name: string, accounts: number): Promise<boolean> {
  const connection = await serverConnection(serverUrl);
  try {
    const [schemas] = await connection.query(
      "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
      [name],
    );
    if ((schemas as unknown[]).length === 0) return false;
    await connection.changeUser({ database: name });
    const [rows] = await connection.query(
      `SELECT (SELECT COUNT(*) FROM vtiger_account) AS accounts,
              (SELECT COUNT(*) FROM vtiger_users WHERE user_name = ?) AS users`,
      [NON_ADMIN.userName],
    );
    const [found] = rows as { accounts: number | string; users: number | string }[];
    return Number(found.accounts) >= accounts && Number(found.users) === 1;
  } catch {
    return false;
  } finally {
    await connection.end();
  }
}

/** Builds (or reuses) the database with `accounts` Accounts and as many Contacts. */
export async function prepareDatabase(options: {
  readonly serverUrl: string;
  readonly database: string;
  readonly accounts: number;
  readonly reuse: boolean;
  readonly keep: boolean;
}): Promise<BenchDatabase> {
  const { serverUrl, database: name, accounts } = options;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dispose = async () => {
    if (options.keep) return;
    const connection = await serverConnection(serverUrl);
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.end();
  };
  if (options.reuse && await holdsDataSet(serverUrl, name, accounts)) {
    console.error(`database ${name} already holds the data set: reused`);
    return { url: url.toString(), built: false, dispose };
  }
  const connection = await serverConnection(serverUrl);
  try {
    await connection.query(
      `DROP DATABASE IF EXISTS \`${name}\`; CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`,
    );
    await connection.changeUser({ database: name });
    await loadDump(connection);
    await seedUsers(connection);
    await seedRecords(connection, { accounts, contacts: accounts });
  } catch (error) {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined);
    throw error;
  } finally {
    await connection.end();
  }
  return { url: url.toString(), built: true, dispose };
}

/** How much of the database the server can keep in memory. */
export interface ServerMemory {
  /** `innodb_buffer_pool_size`, MB. */
  readonly bufferPoolMb: number;
  /** The benchmark database's data and indexes, MB. */
  readonly databaseMb: number;
}

/**
 * The server's InnoDB buffer pool beside the database's size: a pool smaller
 * than the data (MariaDB's default is 128 MB, the data set about 165 MB) makes
 * scans and deep pages read from disk, and their figures depend on what the
 * calls before them left in the cache.
 */
export async function serverMemory(serverUrl: string, name: string): Promise<ServerMemory> {
  const connection = await serverConnection(serverUrl);
  try {
    const [rows] = await connection.query(
      `SELECT @@innodb_buffer_pool_size / 1048576 AS pool,
              (SELECT COALESCE(SUM(data_length + index_length), 0) / 1048576
                 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?) AS data`,
      [name],
    );
    const [found] = rows as { pool: number | string; data: number | string }[];
    return {
      bufferPoolMb: Math.round(Number(found.pool)),
      databaseMb: Math.round(Number(found.data)),
    };
  } finally {
    await connection.end();
  }
}

/**
 * The connection to a Vtiger MySQL/MariaDB database: a Kysely instance over
 * an npm `mysql2` pool built from a `mysql://user:pass@host:3306/db` URL.
 *
 * Dates come back as `YYYY-MM-DD HH:MM:SS` text (`dateStrings`), DECIMAL and
 * big integers as text, and the connection speaks utf8mb4 in UTC.
 *
 * @module
 */

import { Kysely, type RawBuilder, sql } from "kysely";
import { createPool, type PoolOptions } from "mysql2";
import { countingPool, type PoolStats } from "./pool_stats.ts";
import { QueryKiller } from "./query_killer.ts";
import { withStatementGuards } from "./query_timeout.ts";
import type { DynamicTables, VtigerSchema } from "./schema_types.ts";
import { TableNamesMysqlDialect } from "./table_names_dialect.ts";

/** The typed database handle of the adapter. */
export type VtigerDb = Kysely<VtigerSchema>;

/** The same handle, for tables whose names come from metadata. */
export type DynamicDb = Kysely<DynamicTables>;

/** Where and how to connect. */
export interface ConnectionSettings {
  /** Host name or address. */
  readonly host: string;
  /** TCP port. */
  readonly port: number;
  /** User name. */
  readonly user: string;
  /** Password (empty for none). */
  readonly password: string;
  /** Database (schema) name; empty to connect without one. */
  readonly database: string;
}

/** Options of {@linkcode openDatabase}. */
export interface DatabaseOptions {
  /** Most connections the pool opens (default 10). */
  readonly connectionLimit?: number;
  /**
   * The query timeout in seconds (default 30): the server stops a statement
   * running longer, the client gives up waiting a little later (and kills
   * it), and waiting for a free connection is bounded by it too.
   */
  readonly queryTimeoutSeconds?: number;
  /**
   * The signal of the request being answered, read when a statement starts:
   * when it aborts (the client went away), the statement is killed.
   */
  readonly currentSignal?: () => AbortSignal | undefined;
  /** Called with each statement run and its bound values (the benchmark records them). */
  readonly onQuery?: (sql: string, parameters: readonly unknown[]) => void;
  /** Seconds to wait for a new connection's handshake and login (default 10). */
  readonly connectTimeoutSeconds?: number;
}

/** The default of {@linkcode DatabaseOptions.connectTimeoutSeconds}. */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

/** The default of {@linkcode DatabaseOptions.connectionLimit}. */
export const DEFAULT_CONNECTION_LIMIT = 10;

/** The default of {@linkcode DatabaseOptions.queryTimeoutSeconds}. */
export const DEFAULT_QUERY_TIMEOUT_SECONDS = 30;

/** An open database: the Kysely handle and a way to close the pool. */
export interface Database {
  /** The typed handle. */
  readonly db: VtigerDb;
  /** The database name of the URL. */
  readonly name: string;
  /** Where the database is, for messages: `'vtiger' at 127.0.0.1:3306` (never the password). */
  readonly where: string;
  /** The pool's connections in use and requests waiting for one, now. */
  stats(): PoolStats;
  /** Closes every pooled connection. */
  close(): Promise<void>;
}

/** Percent-decodes one part of the URL; a malformed escape is a `TypeError` naming the part. */
function decodePart(text: string, part: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new TypeError(`The database URL's ${part} has a malformed percent escape`);
  }
}

/** Reads a `mysql://user:pass@host:port/db` URL; throws a `TypeError` naming what is wrong. */
export function parseDatabaseUrl(url: string): ConnectionSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError("The database URL is not a valid URL");
  }
  if (parsed.protocol !== "mysql:") {
    throw new TypeError(`The database URL scheme '${parsed.protocol}' is not 'mysql:'`);
  }
  const database = decodePart(parsed.pathname.replace(/^\//, ""), "database name");
  if (database.includes("/")) {
    throw new TypeError(`The database name '${database}' must not contain '/'`);
  }
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1",
    port: parsed.port === "" ? 3306 : Number(parsed.port),
    user: decodePart(parsed.username, "user name") || "root",
    password: decodePart(parsed.password, "password"),
    database,
  };
}

/**
 * Entries of each connection's prepared statement cache (mysql2's default is
 * 16,000, which allocates 0.5 MB per connection up front). Only the read of a
 * record by id is prepared (prepared_statements.ts), one text per module and
 * field set: 64 holds a deployment's working set, and stays far below the
 * server's `max_prepared_stmt_count` (16,382) with 10 connections per instance.
 */
const PREPARED_STATEMENT_CACHE = 64;

/** Opens a pool on the database of the URL. No connection is made until the first query. */
export function openDatabase(url: string, options: DatabaseOptions = {}): Database {
  const settings = parseDatabaseUrl(url);
  const connection: PoolOptions = {
    host: settings.host,
    port: settings.port,
    user: settings.user,
    password: settings.password,
    ...(settings.database === "" ? {} : { database: settings.database }),
    charset: "utf8mb4",
    timezone: "Z",
    connectTimeout: (options.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS) * 1000,
    enableKeepAlive: true,
  };
  const pool = createPool({
    ...connection,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectionLimit: options.connectionLimit ?? DEFAULT_CONNECTION_LIMIT,
    maxPreparedStatements: PREPARED_STATEMENT_CACHE,
  });
  const killer = new QueryKiller(connection);
  const counting = countingPool(withStatementGuards(pool, {
    timeoutMs: (options.queryTimeoutSeconds ?? DEFAULT_QUERY_TIMEOUT_SECONDS) * 1000,
    killer,
    ...(options.currentSignal === undefined ? {} : { currentSignal: options.currentSignal }),
  }));
  // Kysely's own introspector reads every column of every table: see table_names_dialect.ts.
  const dialect = new TableNamesMysqlDialect({ pool: counting.pool });
  const onQuery = options.onQuery;
  const db = new Kysely<VtigerSchema>({
    dialect,
    ...(onQuery === undefined ? {} : {
      log: (event) => {
        if (event.level === "query") onQuery(event.query.sql, event.query.parameters);
      },
    }),
  });
  return {
    db,
    name: settings.database,
    where: `'${settings.database}' at ${
      settings.host.includes(":") ? `[${settings.host}]` : settings.host
    }:${settings.port}`,
    stats: counting.stats,
    close: async () => {
      await db.destroy();
      await killer.close();
    },
  };
}

/** The handle seen as one over tables named at run time (identifiers still quoted by Kysely). */
export function dynamic(db: VtigerDb): DynamicDb {
  return db as unknown as DynamicDb;
}

/** A character outside ASCII. */
const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * A text value to compare a column with. Vtiger's tables are latin1 (7.1) or
 * utf8mb3 (7.3); bound as the connection's utf8mb4, a value with a character
 * the column's character set lacks (an emoji, Cyrillic in latin1) makes MySQL
 * refuse the comparison ("Illegal mix of collations"). Converted to utf8mb4
 * explicitly, the value wins the collation contest instead: the column is
 * compared in utf8mb4, and the value simply matches no row that cannot hold
 * it. ASCII, which every character set holds, stays a plain parameter, so that
 * the column's indexes still serve.
 */
export function comparableText(value: string): string | RawBuilder<string> {
  return NON_ASCII.test(value) ? sql<string>`CONVERT(${value} USING utf8mb4)` : value;
}

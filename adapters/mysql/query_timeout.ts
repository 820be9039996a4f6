/**
 * A statement the database leaves unanswered (a hung server, a silent network
 * partition, a lock held forever) must not hold its request forever: every
 * query carries mysql2's inactivity timeout, and a connection whose query
 * timed out is destroyed, so that what it still had queued fails at once and
 * the server rolls back its open transaction. The adapter reports the
 * timeout's error as `SERVICE_UNAVAILABLE`.
 *
 * @module
 */

import type { MysqlPool, MysqlPoolConnection, MysqlQueryResult } from "kysely";
import type { Pool, PoolConnection, QueryOptions } from "mysql2";

/** The code of mysql2's "Query inactivity timeout". */
const TIMEOUT_CODE = "PROTOCOL_SEQUENCE_TIMEOUT";

type QueryCallback = (error: unknown, result: MysqlQueryResult) => void;

function isTimeout(error: unknown): boolean {
  return typeof error === "object" && error !== null &&
    (error as { code?: unknown }).code === TIMEOUT_CODE;
}

/** The connection with a timeout on every query, as Kysely uses it. */
function timedConnection(connection: PoolConnection, timeoutMs: number): MysqlPoolConnection {
  const query = (sql: string, parameters: unknown, callback?: QueryCallback) => {
    const options: QueryOptions = {
      sql,
      values: parameters as QueryOptions["values"],
      timeout: timeoutMs,
    };
    if (callback === undefined) return connection.query(options);
    return connection.query(options, (error: unknown, result: unknown) => {
      if (isTimeout(error)) connection.destroy();
      callback(error, result as MysqlQueryResult);
    });
  };
  return {
    get config() {
      return connection.config;
    },
    get threadId() {
      return connection.threadId;
    },
    connect: (callback) => connection.connect(callback),
    destroy: () => connection.destroy(),
    release: () => connection.release(),
    query: query as MysqlPoolConnection["query"],
  };
}

/** The pool as Kysely sees it, every connection it hands out timing its queries out. */
export function withQueryTimeout(pool: Pool, timeoutMs: number): MysqlPool {
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) {
    throw new RangeError(`The query timeout ${timeoutMs} ms must be a positive whole number`);
  }
  return {
    getConnection: (callback) =>
      pool.getConnection((error, connection) =>
        callback(error, error ? connection : timedConnection(connection, timeoutMs))
      ),
    end: (callback) => pool.end(callback),
  };
}

/**
 * Counts what the connection pool is doing, for metrics: connections handed
 * out and not yet released, and requests for one still waiting.
 *
 * @module
 */

import type { MysqlPool, MysqlPoolConnection } from "kysely";

/** The pool's counts at one moment. */
export interface PoolStats {
  /** Connections handed out and not yet released. */
  readonly inUse: number;
  /** Requests for a connection not yet served. */
  readonly waiting: number;
}

/** The pool as Kysely sees it, counting, and a way to read the counts. */
export function countingPool(pool: MysqlPool): { pool: MysqlPool; stats: () => PoolStats } {
  let inUse = 0;
  let waiting = 0;
  const counted: MysqlPool = {
    getConnection: (callback) => {
      waiting++;
      pool.getConnection((error, connection) => {
        waiting--;
        if (error) return callback(error, connection);
        inUse++;
        let returned = false;
        const giveBack = () => {
          if (!returned) {
            returned = true;
            inUse--;
          }
        };
        // A plain object delegating to the connection: one made with Object.create(connection)
        // turned each lease's connection into a prototype, which V8 makes slow to create and
        // to read.
        const wrapped: MysqlPoolConnection = {
          get config() {
            return connection.config;
          },
          get threadId() {
            return connection.threadId;
          },
          connect: (done) => connection.connect(done),
          query: (sql, parameters, done) => connection.query(sql, parameters, done),
          release: () => {
            giveBack();
            connection.release();
          },
          destroy: () => {
            giveBack();
            connection.destroy();
          },
        };
        callback(error, wrapped);
      });
    },
    end: (callback) => pool.end(callback),
  };
  return { pool: counted, stats: () => ({ inUse, waiting }) };
}

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
        const wrapped: MysqlPoolConnection = Object.create(connection);
        wrapped.release = () => {
          giveBack();
          connection.release();
        };
        wrapped.destroy = () => {
          giveBack();
          connection.destroy();
        };
        callback(error, wrapped);
      });
    },
    end: (callback) => pool.end(callback),
  };
  return { pool: counted, stats: () => ({ inUse, waiting }) };
}

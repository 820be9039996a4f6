/**
 * The connections Kysely gets: one object per pool connection, lease after
 * lease, each lease starting clean and counted once. A fake mysql2 pool
 * hands out its connections; no database is needed.
 */

import assert from "node:assert/strict";
import type { Pool } from "mysql2";
import type { MysqlPool, MysqlPoolConnection } from "kysely";
import { countingPool } from "../../adapters/mysql/pool_stats.ts";
import { withStatementGuards } from "../../adapters/mysql/query_timeout.ts";
import type { QueryKiller } from "../../adapters/mysql/query_killer.ts";

type Callback = (error: unknown, rows?: unknown) => void;

interface FakeConnection {
  readonly threadId: number;
  released: number;
  destroyed: number;
}

/** A pool whose `getConnection` hands out `connections[next()]`. */
function fakePool(connections: FakeConnection[], next: () => number): Pool {
  const raw = connections.map((state) => ({
    threadId: state.threadId,
    config: {},
    query(options: string | { sql: string }, callback: Callback) {
      const text = typeof options === "string" ? options : options.sql;
      const rows = text.startsWith("SELECT VERSION()") ? [{ version: "10.11.19-MariaDB" }] : [];
      queueMicrotask(() => callback(null, rows));
    },
    execute(_options: unknown, callback: Callback) {
      queueMicrotask(() => callback(null, []));
    },
    release() {
      state.released++;
    },
    destroy() {
      state.destroyed++;
    },
  }));
  return {
    getConnection: (callback: (error: unknown, connection: unknown) => void) =>
      queueMicrotask(() => callback(null, raw[next()])),
    end: () => {},
  } as unknown as Pool;
}

function lease(pool: MysqlPool): Promise<MysqlPoolConnection> {
  return new Promise((resolve, reject) =>
    pool.getConnection((error, connection) => error ? reject(error) : resolve(connection))
  );
}

function run(connection: MysqlPoolConnection, sql: string): Promise<unknown> {
  return new Promise((resolve, reject) =>
    connection.query(sql, [], (error, result) => error ? reject(error) : resolve(result))
  );
}

function guardedPool(pool: Pool, signal?: () => AbortSignal | undefined) {
  return countingPool(withStatementGuards(pool, {
    timeoutMs: 1000,
    killer: { kill() {} } as unknown as QueryKiller,
    ...(signal === undefined ? {} : { currentSignal: signal }),
  }));
}

Deno.test("a pool connection is the same object to Kysely in every lease", async () => {
  const states = [1, 2].map((threadId) => ({ threadId, released: 0, destroyed: 0 }));
  let turn = 0;
  const { pool } = guardedPool(fakePool(states, () => turn++ % 2));
  const first = await lease(pool);
  first.release();
  const second = await lease(pool);
  second.release();
  const third = await lease(pool);
  third.release();
  assert.notEqual(first, second, "two pool connections are two objects");
  assert.equal(first, third, "the same pool connection is the same object");
  assert.equal(first.threadId, 1);
  assert.equal(second.threadId, 2);
  assert.deepEqual(states.map((state) => state.released), [2, 1]);
});

Deno.test("each lease is counted in use once, however often it is given back", async () => {
  const states = [{ threadId: 7, released: 0, destroyed: 0 }];
  const { pool, stats } = guardedPool(fakePool(states, () => 0));
  const connection = await lease(pool);
  assert.deepEqual(stats(), { inUse: 1, waiting: 0 });
  connection.release();
  connection.release();
  assert.deepEqual(stats(), { inUse: 0, waiting: 0 });
  const again = await lease(pool);
  assert.deepEqual(stats(), { inUse: 1, waiting: 0 });
  again.destroy();
  assert.deepEqual(stats(), { inUse: 0, waiting: 0 });
});

Deno.test("a lease abandoned mid-transaction does not mark the next lease", async () => {
  const states = [{ threadId: 3, released: 0, destroyed: 0 }];
  let current = new AbortController();
  const { pool } = guardedPool(fakePool(states, () => 0), () => current.signal);

  const abandoned = await lease(pool);
  await run(abandoned, "UPDATE vtiger_crmentity SET label = ? WHERE crmid = ?");
  current.abort();
  await assert.rejects(run(abandoned, "COMMIT"), /client went away/);
  abandoned.release();
  assert.deepEqual([states[0].released, states[0].destroyed], [0, 1], "destroyed, not reused");

  current = new AbortController();
  const next = await lease(pool);
  assert.equal(next, abandoned, "the same object, a new lease");
  await run(next, "SELECT 1");
  next.release();
  assert.deepEqual([states[0].released, states[0].destroyed], [1, 1], "released as usual");
});

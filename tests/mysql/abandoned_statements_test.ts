/**
 * No statement outlives the query timeout or its request, on the real
 * server: the server cuts a statement at the timeout, a statement the client
 * gives up on or whose request is abandoned is killed, and waiting for a
 * connection is bounded. Each case checks `information_schema.processlist`
 * afterwards: the statement is gone from the server, not only from the client.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { type Database, openDatabase } from "../../adapters/mysql/database.ts";
import { translateDriverError } from "../../adapters/mysql/driver_errors.ts";
import { rejectsDomainError } from "../domain/_assert_error.ts";
import { MYSQL_TEST_URL, mysqlTestsEnabled } from "./vtiger_test_database.ts";

/** A mark only this run's statements carry, to find them in the process list. */
function marker(): string {
  return `vtrest_abandoned_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

/** How many statements carrying the mark the server still runs. */
async function running(inspector: Database, mark: string): Promise<number> {
  const result = await sql<{ count: number | string }>`
    SELECT COUNT(*) AS count FROM information_schema.processlist
    WHERE INFO LIKE ${`%${mark}%`} AND ID <> CONNECTION_ID()`.execute(inspector.db);
  return Number(result.rows[0].count);
}

/** Waits until the server runs no statement with the mark (at most `ms`), and says whether it did. */
async function gone(inspector: Database, mark: string, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    if (await running(inspector, mark) === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return await running(inspector, mark) === 0;
}

/** Runs `fn` with a database of the given options and an inspector beside it. */
async function withDatabases(
  options: Parameters<typeof openDatabase>[1],
  fn: (database: Database, inspector: Database) => Promise<void>,
): Promise<void> {
  const database = openDatabase(MYSQL_TEST_URL!, options);
  const inspector = openDatabase(MYSQL_TEST_URL!);
  try {
    await fn(database, inspector);
  } finally {
    await database.close();
    await inspector.close();
  }
}

Deno.test({
  name: "statements end at the query timeout or with their request, on the server too",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await t.step("the server stops a statement at the query timeout", async () => {
      await withDatabases({ queryTimeoutSeconds: 1 }, async (database, inspector) => {
        const mark = marker();
        const started = performance.now();
        const error = await sql`SELECT SLEEP(8) AS ${sql.id(mark)}`.execute(database.db)
          .then(() => undefined, (thrown: unknown) => thrown);
        const elapsed = performance.now() - started;
        assert.ok(error !== undefined, "the statement was not stopped");
        assert.ok(elapsed < 2_500, `stopped after ${Math.round(elapsed)} ms, not about 1 s`);
        await rejectsDomainError(
          Promise.reject(translateDriverError(error)),
          "SERVICE_UNAVAILABLE",
          "longer than the query timeout",
        );
        assert.equal(await running(inspector, mark), 0);
        const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
        assert.equal(Number(after.rows[0].one), 1, "the connection is still good");
      });
    });

    await t.step("a statement the client gives up on is killed", async () => {
      // DO is not limited by the server: only the client's timeout and kill can end it early.
      await withDatabases({ queryTimeoutSeconds: 1 }, async (database, inspector) => {
        const mark = marker();
        const started = performance.now();
        const error = await sql`DO SLEEP(20), ${mark}`.execute(database.db)
          .then(() => undefined, (thrown: unknown) => thrown);
        assert.ok(error !== undefined, "the statement ran to its end");
        assert.ok(performance.now() - started < 5_000);
        assert.ok(await gone(inspector, mark, 3_000), "the server still runs the statement");
      });
    });

    await t.step("a statement whose request is abandoned is killed", async () => {
      const controller = new AbortController();
      await withDatabases(
        { queryTimeoutSeconds: 30, currentSignal: () => controller.signal },
        async (database, inspector) => {
          const mark = marker();
          const query = sql`SELECT SLEEP(20) AS ${sql.id(mark)}`.execute(database.db);
          await new Promise((resolve) => setTimeout(resolve, 300));
          assert.equal(await running(inspector, mark), 1, "the statement should be running");
          const started = performance.now();
          controller.abort();
          await rejectsDomainError(query, "INVALID_PARAMETER", "The client went away");
          assert.ok(performance.now() - started < 2_000);
          assert.ok(await gone(inspector, mark, 2_000), "the server still runs the statement");
          await rejectsDomainError(
            sql`SELECT 1`.execute(database.db),
            "INVALID_PARAMETER",
            "The client went away",
          );
        },
      );
    });

    await t.step(
      "a transaction whose request is abandoned is rolled back, never reused",
      async () => {
        const schema = marker();
        const setup = openDatabase(MYSQL_TEST_URL!);
        await sql`CREATE DATABASE ${sql.id(schema)}`.execute(setup.db);
        await sql`CREATE TABLE ${sql.id(schema, "t")} (v INT)`.execute(setup.db);
        let controller = new AbortController();
        try {
          await withDatabases(
            { connectionLimit: 1, currentSignal: () => controller.signal },
            async (database, inspector) => {
              const table = sql.id(schema, "t");
              await rejectsDomainError(
                database.db.transaction().execute(async (trx) => {
                  await sql`INSERT INTO ${table} VALUES (1)`.execute(trx);
                  controller.abort();
                  await sql`INSERT INTO ${table} VALUES (2)`.execute(trx);
                }),
                "INVALID_PARAMETER",
                "The client went away",
              );
              controller = new AbortController();
              await sql`INSERT INTO ${table} VALUES (3)`.execute(database.db);
              const seen = await sql<{ v: number }>`SELECT v FROM ${table} ORDER BY v`
                .execute(inspector.db);
              assert.deepEqual(seen.rows.map((row) => Number(row.v)), [3]);
            },
          );
        } finally {
          await sql`DROP DATABASE ${sql.id(schema)}`.execute(setup.db);
          await setup.close();
        }
      },
    );

    await t.step(
      "a request abandoned before its first statement leaves its connection in the pool",
      async () => {
        // A request that waited for a connection while its client left: nothing ran on it.
        let controller = new AbortController();
        await withDatabases(
          { connectionLimit: 1, currentSignal: () => controller.signal },
          async (database) => {
            const connectionId = async () =>
              Number(
                (await sql<{ id: number }>`SELECT CONNECTION_ID() AS id`.execute(database.db))
                  .rows[0].id,
              );
            const before = await connectionId();
            controller.abort();
            await rejectsDomainError(
              sql`SELECT 1`.execute(database.db),
              "INVALID_PARAMETER",
              "The client went away",
            );
            controller = new AbortController();
            assert.equal(await connectionId(), before, "the connection was replaced");
          },
        );
      },
    );

    await t.step("waiting for a free connection is bounded too", async () => {
      await withDatabases(
        { queryTimeoutSeconds: 1, connectionLimit: 1 },
        async (database, inspector) => {
          const mark = marker();
          const holder = sql`DO SLEEP(3), ${mark}`.execute(database.db).catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, 200));
          const started = performance.now();
          await rejectsDomainError(
            sql`SELECT 1`.execute(database.db),
            "SERVICE_UNAVAILABLE",
            "No database connection became free within 1 seconds",
          );
          const waited = performance.now() - started;
          assert.ok(waited >= 900 && waited < 2_000, `waited ${Math.round(waited)} ms`);
          await holder;
          assert.ok(await gone(inspector, mark, 3_000));
          const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
          assert.equal(Number(after.rows[0].one), 1, "the pool serves again");
        },
      );
    });
  },
});

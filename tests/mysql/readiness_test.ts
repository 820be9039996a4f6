/** Readiness on a database: ready once it answers and the metadata loads, not ready otherwise. */

import assert from "node:assert/strict";
import { openDatabase } from "../../adapters/mysql/database.ts";
import { mysqlReadiness } from "../../adapters/mysql/mysql_readiness.ts";
import { ReplicaHealth } from "../../adapters/mysql/replica/replica_health.ts";
import { sql } from "kysely";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";
import { openService, setAdminPassword } from "./mysql_support.ts";
import { createVtigerDatabase, MYSQL_TEST_URL, mysqlTestsEnabled } from "./vtiger_test_database.ts";

const loaded = { listModules: () => Promise.resolve([]) };

Deno.test("an unreachable database is not ready", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const database = openDatabase(`mysql://vt:pw@127.0.0.1:${port}/vtiger`, {
    connectTimeoutSeconds: 1,
  });
  try {
    assert.equal(
      await mysqlReadiness(database.db, loaded),
      "the Vtiger database cannot be reached",
    );
  } finally {
    await database.close();
  }
});

Deno.test("a database that does not answer in time is not ready", async () => {
  const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (silent.addr as Deno.NetAddr).port;
  const held: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const connection of silent) held.push(connection);
  })();
  const database = openDatabase(`mysql://vt:pw@127.0.0.1:${port}/vtiger`, {
    connectTimeoutSeconds: 5,
  });
  try {
    assert.equal(
      await mysqlReadiness(database.db, loaded, 200),
      "the Vtiger database did not answer within 200 ms",
    );
  } finally {
    silent.close();
    held.forEach((connection) => connection.close());
    await accepting.catch(() => {});
    await database.close().catch(() => {});
  }
});

Deno.test({
  name: "a reachable Vtiger database is ready once its metadata loads",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using database = await createVtigerDatabase("7.1.0");
    await setAdminPassword(database);
    const service = await openService(database);
    try {
      assert.equal(await service.opened.readiness(), undefined);
      const failing = { listModules: () => Promise.reject(new Error("broken metadata")) };
      assert.equal(
        await mysqlReadiness(database.db, failing),
        "the module metadata cannot be loaded",
      );
      assert.deepEqual(service.opened.poolStats(), { inUse: 0, waiting: 0 });
    } finally {
      await service.close();
    }
  },
});

Deno.test({
  name: "an unreachable read replica leaves the service ready, reported down",
  ignore: !mysqlTestsEnabled,
  fn: async () => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    listener.close();
    const primary = openDatabase(MYSQL_TEST_URL!);
    const replica = openDatabase(`mysql://vt:pw@127.0.0.1:${port}/vtiger`, {
      connectTimeoutSeconds: 1,
    });
    const health = new ReplicaHealth({
      probe: () => sql`SELECT 1`.execute(replica.db),
      retrySeconds: 60,
      logger: new MemoryLogger(),
      clock: new FixedClock("2026-01-01T00:00:00Z"),
    });
    try {
      assert.equal(await mysqlReadiness(primary.db, loaded, 2000), undefined);
      assert.equal(await health.check(), "down");
    } finally {
      health.close();
      await primary.close();
      await replica.close();
    }
  },
});

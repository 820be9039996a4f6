/**
 * The login throttle on a real Vtiger database: the counter store keeps the
 * CounterStore contract in `vtrest_counters`, two instances of the service on
 * one database count together, and rows hold digests, never the names
 * clients sent. Steps of tests/mysql/hostile_client_test.ts.
 *
 * @module
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import type { MysqlPorts } from "../../adapters/mysql/mysql_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { DEFAULT_THROTTLE_POLICY } from "../../domain/login_throttling.ts";
import { counterStoreContract } from "../_fixtures/counter_store_contract.ts";
import { rejectsDomainError } from "../domain/_assert_error.ts";
import { ADMIN_PASSWORD, rows } from "./mysql_support.ts";
import type { VtigerTestDatabase } from "./vtiger_test_database.ts";

/** Registers the throttle steps on two instances (`first`, `second`) of one database. */
export async function loginThrottleSteps(
  t: Deno.TestContext,
  database: VtigerTestDatabase,
  first: MysqlPorts,
  second: MysqlPorts,
): Promise<void> {
  await t.step("MysqlCounterStore keeps the CounterStore contract", async (t) => {
    await counterStoreContract(t, async () => {
      await sql`DELETE FROM vtrest_counters`.execute(database.db);
      return first.counters;
    });
  });

  const policy = { ...DEFAULT_THROTTLE_POLICY, pairFreeFailures: 3 };
  const instance = (opened: typeof first) =>
    createUseCases({ ...opened.ports, counters: opened.counters }, { throttlePolicy: policy });
  const [a, b] = [instance(first), instance(second)];
  const client = "203.0.113.9";

  await t.step("failures on one instance make the other wait", async () => {
    await sql`DELETE FROM vtrest_counters`.execute(database.db);
    for (const useCases of [a, b, a]) {
      await rejectsDomainError(
        useCases.loginWithPassword.execute({
          userName: "admin",
          password: "guess",
          clientAddress: client,
        }),
        "AUTH_FAILED",
      );
    }
    for (const useCases of [a, b]) {
      await rejectsDomainError(
        useCases.loginWithPassword.execute({
          userName: "admin",
          password: ADMIN_PASSWORD,
          clientAddress: client,
        }),
        "TOO_MANY_REQUESTS",
      );
    }
    // The owner, from another client, logs in on either instance.
    await b.loginWithPassword.execute({
      userName: "admin",
      password: ADMIN_PASSWORD,
      clientAddress: "198.51.100.7",
    });
  });

  await t.step("rows hold 64-character digests, never what the client sent", async () => {
    const name = "n".repeat(250);
    await rejectsDomainError(
      a.loginWithPassword.execute({ userName: name, password: "x", clientAddress: client }),
      "AUTH_FAILED",
    );
    const keys = await rows(
      database,
      sql<{ counter_key: string }>`SELECT counter_key FROM vtrest_counters`,
    );
    assert.ok(keys.length >= 3);
    for (const { counter_key } of keys) assert.match(counter_key, /^[0-9a-f]{64}$/);
  });
}

/**
 * A read replica that goes away while the service runs (a TCP relay to a
 * second database on the MariaDB server, stopped and started again): reads
 * keep answering from the primary, `/readyz` stays 200 with the replica
 * reported down, one log line each way, the fallbacks counted; once the
 * replica is back, reads return to it within `REPLICA_RETRY_SECONDS`.
 */

import assert from "node:assert/strict";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";
import { setAdminPassword } from "./mysql_support.ts";
import { type Instance, login, msUntil, startInstance } from "./_two_instances.ts";
import { createAccount, seedReplicaAccount, timedName } from "./_replica_pair.ts";
import { TcpRelay } from "./_tcp_relay.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

/** `/readyz`'s status and body. */
async function readiness(instance: Instance): Promise<{ status: number; result: unknown }> {
  const answer = await instance.call("../../readyz");
  return { status: answer.status, result: (await answer.json()).result };
}

/** A metric's value in `/metrics`, 0 when absent. */
async function metric(instance: Instance, line: string): Promise<number> {
  const text = await (await instance.call("../../metrics")).text();
  const found = text.split("\n").find((entry) => entry.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

Deno.test({
  name: "a replica outage: reads from the primary, still ready, back to the replica after",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using primary = await createVtigerDatabase("7.1.0");
    await using replica = await createVtigerDatabase("7.1.0");
    await setAdminPassword(primary);
    await setAdminPassword(replica);
    const id = await seedReplicaAccount(replica);
    const target = new URL(replica.url);
    const relay = new TcpRelay({
      hostname: target.hostname,
      port: target.port === "" ? 3306 : Number(target.port),
    });
    relay.start();
    const viaRelay = new URL(replica.url);
    viaRelay.host = `127.0.0.1:${relay.port}`;
    const logger = new MemoryLogger();
    const instance = await startInstance({
      VTIGER_DB_URL: primary.url,
      VTIGER_DB_READ_URL: viaRelay.toString(),
      READ_YOUR_WRITES_SECONDS: "1",
      REPLICA_RETRY_SECONDS: "1",
      METRICS: "true",
    }, logger);
    try {
      const token = await login(instance);
      assert.equal(await createAccount(instance, token, "Acme (primary)"), id);
      const name = async () => (await timedName(instance, token, id)).name;

      await t.step("reads go to the replica", async () => {
        assert.ok(await msUntil(async () => await name() === "Acme (replica)", 3000) !== undefined);
        assert.deepEqual(await readiness(instance), {
          status: 200,
          result: { status: "ready", replica: "up" },
        });
      });

      await t.step("the replica goes away: reads answer from the primary", async () => {
        relay.stop();
        const first = await timedName(instance, token, id);
        assert.equal(first.name, "Acme (primary)", "the failed read, retried on the primary");
        const times: number[] = [];
        for (let i = 0; i < 20; i++) {
          const read = await timedName(instance, token, id);
          assert.equal(read.name, "Acme (primary)");
          times.push(read.ms);
        }
        console.log(
          `replica stopped: first read ${first.ms} ms (failed on the replica, retried), ` +
            `next 20 reads ${Math.min(...times)}-${Math.max(...times)} ms`,
        );
        assert.deepEqual(await readiness(instance), {
          status: 200,
          result: { status: "ready", replica: "down" },
        });
        assert.equal(await metric(instance, "vtrest_db_replica_up"), 0);
        assert.ok(
          await metric(instance, 'vtrest_db_replica_fallbacks_total{reason="failed"}') >= 1,
        );
        assert.ok(
          await metric(instance, 'vtrest_db_replica_fallbacks_total{reason="down"}') >= 20,
        );
      });

      await t.step("still down after a probe: reads stay on the primary", async () => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        assert.equal(await name(), "Acme (primary)");
        assert.equal((await readiness(instance)).status, 200);
      });

      await t.step("the replica comes back: reads return to it", async () => {
        relay.start();
        const took = await msUntil(async () => await name() === "Acme (replica)", 5000, 50);
        console.log(`replica restarted: reads back on it after ${took} ms`);
        // A probe every REPLICA_RETRY_SECONDS (1 s), plus a loaded machine's slack.
        assert.ok(took !== undefined && took <= 2500, `after ${took} ms`);
        assert.deepEqual(await readiness(instance), {
          status: 200,
          result: { status: "ready", replica: "up" },
        });
        assert.equal(await metric(instance, "vtrest_db_replica_up"), 1);
        assert.equal(logger.of("replica_down").length, 1, "one line when it went down");
        assert.equal(logger.of("replica_up").length, 1, "one line when it came back");
        console.log(`replica_up down_ms=${logger.of("replica_up")[0].fields.down_ms}`);
      });
    } finally {
      relay.stop();
      await instance.close();
    }
  },
});

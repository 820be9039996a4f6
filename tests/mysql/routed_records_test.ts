/**
 * Where the routed record repository sends each call (no database needed):
 * reads of a GET request by a user who has not just written go to the
 * replica; writes, reads of other methods, a writer's reads and reads made
 * outside a request go to the primary.
 */

import assert from "node:assert/strict";
import { MemoryCounterStore } from "../../adapters/memory/memory_counter_store.ts";
import { RecentWrites } from "../../adapters/mysql/replica/recent_writes.ts";
import {
  type CurrentReader,
  RoutedRecordRepository,
} from "../../adapters/mysql/replica/routed_records.ts";
import type { ModuleDefinition } from "../../domain/module.ts";
import type { RecordRepository, WriteContext } from "../../domain/ports.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";
import { translateDriverError } from "../../adapters/mysql/driver_errors.ts";
import { ReplicaHealth } from "../../adapters/mysql/replica/replica_health.ts";

/** A repository whose every method answers with its own name and the call's. */
function tagged(name: string): RecordRepository {
  return new Proxy({}, {
    // Not a thenable: an async function returns it as it is.
    get: (_target, method) =>
      method === "then" ? undefined : () => Promise.resolve(`${name}.${String(method)}`),
  }) as RecordRepository;
}

const module = { name: "Accounts" } as ModuleDefinition;
const scope = { kind: "all" } as unknown as WriteContext["scope"];

Deno.test("reads and writes go where the request and the caller's last write say", async () => {
  const clock = new FixedClock("2026-01-01T00:00:00Z");
  let reader: CurrentReader | undefined;
  const routed = new RoutedRecordRepository({
    primary: tagged("primary"),
    replica: tagged("replica"),
    currentReader: () => reader,
    recentWrites: new RecentWrites({
      counters: new MemoryCounterStore(),
      clock,
      windowSeconds: 5,
      checkSeconds: 5,
    }),
  });
  const read = () => routed.findById(module, 7) as unknown as Promise<string>;
  const count = () =>
    routed.count(module, { conditions: [], scope } as never) as unknown as Promise<string>;

  assert.equal(await read(), "primary.findById", "outside a request");
  reader = { writes: false };
  assert.equal(await read(), "primary.findById", "before the caller is known");
  reader = { userId: 5, writes: false };
  assert.equal(await read(), "replica.findById");
  assert.equal(await count(), "replica.count");
  reader = { userId: 5, writes: true };
  assert.equal(await read(), "primary.findById", "the reads of a request that may write");
  const context: WriteContext = { actorId: 5, now: clock.now() };
  assert.equal(await routed.update(module, 7, {}, context), "primary.update" as never);
  reader = { userId: 5, writes: false };
  assert.equal(await read(), "primary.findById", "the writer's reads, in the window");
  reader = { userId: 6, writes: false };
  assert.equal(await read(), "replica.findById", "another user's reads");
  clock.advance(5);
  reader = { userId: 5, writes: false };
  assert.equal(await read(), "replica.findById", "once the window is over");
});

/** A repository whose reads fail with the error, as the MySQL one would. */
function failing(error: Error): RecordRepository {
  return new Proxy({}, {
    get: (_target, method) => method === "then" ? undefined : () => Promise.reject(error),
  }) as RecordRepository;
}

Deno.test("a replica whose connection fails: the read is the primary's, then every read until it is back", async () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });

  const health = new ReplicaHealth({
    probe: () => Promise.reject(refused),
    retrySeconds: 60,
    logger: new MemoryLogger(),
    clock: new FixedClock("2026-01-01T00:00:00Z"),
  });
  const fallbacks: string[] = [];
  const reads: boolean[] = [];
  const routed = new RoutedRecordRepository({
    primary: tagged("primary"),
    replica: failing(translateDriverError(refused)),
    currentReader: () => ({ userId: 5, writes: false }),
    recentWrites: new RecentWrites({
      counters: new MemoryCounterStore(),
      clock: new FixedClock("2026-01-01T00:00:00Z"),
      windowSeconds: 5,
      checkSeconds: 5,
    }),
    health,
    onFallback: (reason) => fallbacks.push(reason),
    onRead: (onReplica) => reads.push(onReplica),
  });
  try {
    const read = () => routed.findById(module, 7) as unknown as Promise<string>;
    assert.equal(await read(), "primary.findById", "the failed read, again on the primary");
    assert.equal(health.state, "down");
    assert.equal(await read(), "primary.findById", "the next, straight to the primary");
    assert.deepEqual(fallbacks, ["failed", "down"]);
    assert.deepEqual(reads, [false, false]);

    // A statement's failure on a replica that is up is the answer, naming the replica.
    const healthy = new RoutedRecordRepository({
      primary: tagged("primary"),
      replica: failing(translateDriverError(Object.assign(new Error("max_statement_time"), {
        errno: 1969,
      }))),
      currentReader: () => ({ userId: 5, writes: false }),
      recentWrites: new RecentWrites({
        counters: new MemoryCounterStore(),
        clock: new FixedClock("2026-01-01T00:00:00Z"),
        windowSeconds: 5,
        checkSeconds: 5,
      }),
      health: new ReplicaHealth({
        probe: () => Promise.resolve(),
        logger: new MemoryLogger(),
        clock: new FixedClock("2026-01-01T00:00:00Z"),
      }),
    });
    const failure = await healthy.findById(module, 7).then(() => undefined, (e) => e);
    assert.equal(failure?.code, "SERVICE_UNAVAILABLE");
    assert.match(failure.message, /^The Vtiger read replica took longer than the query timeout/);
  } finally {
    health.close();
  }
});

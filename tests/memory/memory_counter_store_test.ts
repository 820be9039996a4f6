/**
 * The memory counter store: the CounterStore contract, and its bounds (keys
 * kept as digests, a cap on how many counters it holds).
 */

import assert from "node:assert/strict";
import { MemoryCounterStore } from "../../adapters/memory/memory_counter_store.ts";
import { counterStoreContract } from "../_fixtures/counter_store_contract.ts";

Deno.test("MemoryCounterStore keeps the CounterStore contract", async (t) => {
  await counterStoreContract(t, () => new MemoryCounterStore());
});

Deno.test("MemoryCounterStore is capped: the counter written longest ago goes first", async () => {
  const store = new MemoryCounterStore(100);
  const now = new Date(Date.UTC(2026, 0, 1));
  const window = { seconds: 3600, from: "last" as const };
  await store.add(["kept"], now, window);
  for (let index = 0; index < 1000; index++) {
    await store.add([`key ${index}`], now, window);
    if (index % 10 === 0) await store.add(["kept"], now, window);
  }
  assert.equal(store.size, 100);
  assert.equal((await store.read(["key 999", "key 0", "kept"], now)).size, 2);
});

/**
 * What every CounterStore must do, run against the memory store and the
 * MySQL one alike: windows that slide from the latest event or stay fixed
 * from the first, expiry, clearing, batched reads, and keys of any length.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { CounterStore } from "../../domain/ports.ts";

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const at = (seconds: number) => new Date(T0 + seconds * 1000);

/** Registers the contract's steps on `t` for a store made fresh by `make`. */
export async function counterStoreContract(
  t: Deno.TestContext,
  make: () => Promise<CounterStore> | CounterStore,
): Promise<void> {
  await t.step("counts events per key, each key apart", async () => {
    const store = await make();
    await store.add(["a", "b"], at(0), { seconds: 60, from: "last" });
    await store.add(["a"], at(1), { seconds: 60, from: "last" });
    const counts = await store.read(["a", "b", "c"], at(2));
    assert.deepEqual(counts.get("a"), { count: 2, firstAt: at(0), lastAt: at(1) });
    assert.deepEqual(counts.get("b"), { count: 1, firstAt: at(0), lastAt: at(0) });
    assert.equal(counts.has("c"), false);
  });

  await t.step("a sliding window lasts from the latest event", async () => {
    const store = await make();
    const window = { seconds: 60, from: "last" as const };
    await store.add(["k"], at(0), window);
    await store.add(["k"], at(50), window);
    assert.equal((await store.read(["k"], at(109))).get("k")?.count, 2);
    assert.equal((await store.read(["k"], at(110))).has("k"), false);
    await store.add(["k"], at(111), window);
    assert.deepEqual((await store.read(["k"], at(112))).get("k"), {
      count: 1,
      firstAt: at(111),
      lastAt: at(111),
    });
  });

  await t.step("a fixed window lasts from its first event", async () => {
    const store = await make();
    const window = { seconds: 60, from: "first" as const };
    await store.add(["r"], at(0), window);
    await store.add(["r"], at(50), window);
    assert.equal((await store.read(["r"], at(59))).get("r")?.count, 2);
    assert.equal((await store.read(["r"], at(60))).has("r"), false);
    await store.add(["r"], at(61), window);
    await store.add(["r"], at(100), window);
    assert.deepEqual((await store.read(["r"], at(120))).get("r"), {
      count: 2,
      firstAt: at(61),
      lastAt: at(100),
    });
    assert.equal((await store.read(["r"], at(121))).has("r"), false);
  });

  await t.step("clear forgets only the keys named", async () => {
    const store = await make();
    await store.add(["x", "y"], at(0), { seconds: 60, from: "last" });
    await store.clear(["x"]);
    const counts = await store.read(["x", "y"], at(1));
    assert.equal(counts.has("x"), false);
    assert.equal(counts.get("y")?.count, 1);
  });

  await t.step("keys of any length and content, prototype names included", async () => {
    const store = await make();
    const keys = ["n".repeat(60_000), "constructor", "__proto__", "", "é\u0000😀"];
    await store.add(keys, at(0), { seconds: 60, from: "last" });
    await store.add(keys, at(1), { seconds: 60, from: "last" });
    const counts = await store.read(keys, at(2));
    for (const key of keys) assert.equal(counts.get(key)?.count, 2, key.slice(0, 20));
  });
}

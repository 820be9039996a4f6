/**
 * The cache behind the MySQL access policy and module catalog: lifetime, size
 * bound, shared and failed loads, stale values served while they reload.
 * Needs no database.
 */

import assert from "node:assert/strict";
import { TtlCache } from "../../adapters/mysql/ttl_cache.ts";
import { FixedClock } from "../application/_support.ts";

function counter() {
  let loads = 0;
  return {
    get loads() {
      return loads;
    },
    load: (value: string) => () => {
      loads++;
      return Promise.resolve(value);
    },
  };
}

Deno.test("TtlCache", async (t) => {
  await t.step("a value is reused until its lifetime is over", async () => {
    const clock = new FixedClock("2024-01-01T00:00:00Z");
    const cache = new TtlCache<number, string>(clock, 60, 10);
    const loads = counter();
    assert.equal(await cache.get(1, loads.load("a")), "a");
    clock.advance(59);
    assert.equal(await cache.get(1, loads.load("b")), "a");
    clock.advance(1);
    assert.equal(await cache.get(1, loads.load("c")), "c");
    assert.equal(loads.loads, 2);
  });

  await t.step("a lifetime of 0 loads every time", async () => {
    const cache = new TtlCache<number, string>(new FixedClock("2024-01-01T00:00:00Z"), 0, 10);
    const loads = counter();
    await cache.get(1, loads.load("a"));
    await cache.get(1, loads.load("a"));
    assert.equal(loads.loads, 2);
    assert.equal(cache.size, 0);
  });

  await t.step("beyond its size the least recently used entry goes", async () => {
    const cache = new TtlCache<number, string>(new FixedClock("2024-01-01T00:00:00Z"), 60, 2);
    const loads = counter();
    await cache.get(1, loads.load("one"));
    await cache.get(2, loads.load("two"));
    await cache.get(1, loads.load("one again"));
    await cache.get(3, loads.load("three"));
    assert.equal(cache.size, 2);
    assert.equal(await cache.get(1, loads.load("reloaded")), "one", "1 was used recently");
    assert.equal(await cache.get(2, loads.load("reloaded")), "reloaded", "2 was evicted");
  });

  await t.step("concurrent misses share one load; a failed load is forgotten", async () => {
    const cache = new TtlCache<number, string>(new FixedClock("2024-01-01T00:00:00Z"), 60, 10);
    const loads = counter();
    const [a, b] = await Promise.all([
      cache.get(1, loads.load("x")),
      cache.get(1, loads.load("y")),
    ]);
    assert.deepEqual([a, b, loads.loads], ["x", "x", 1]);
    await assert.rejects(cache.get(2, () => Promise.reject(new Error("database down"))));
    assert.equal(await cache.get(2, loads.load("back")), "back");
  });

  await t.step("invalidate forgets one key or all", async () => {
    const cache = new TtlCache<number, string>(new FixedClock("2024-01-01T00:00:00Z"), 60, 10);
    await cache.get(1, () => Promise.resolve("a"));
    await cache.get(2, () => Promise.resolve("b"));
    cache.invalidate(1);
    assert.equal(cache.size, 1);
    cache.invalidate();
    assert.equal(cache.size, 0);
  });

  await t.step("serveStale: an expired value is answered while one reload runs", async () => {
    const clock = new FixedClock("2024-01-01T00:00:00Z");
    const errors: unknown[] = [];
    const cache = new TtlCache<number, string>(clock, 60, 10, {
      serveStale: (error) => errors.push(error),
    });
    assert.equal(await cache.get(1, () => Promise.resolve("old")), "old");
    clock.advance(60);
    let release = (_value: string) => {};
    let reloads = 0;
    const reload = () => {
      reloads++;
      return new Promise<string>((resolve) => release = resolve);
    };
    assert.equal(await cache.get(1, reload), "old", "no wait for the reload");
    assert.equal(await cache.get(1, reload), "old");
    assert.equal(reloads, 1, "one reload at a time");
    release("new");
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(await cache.get(1, () => Promise.resolve("unused")), "new");
    clock.advance(59);
    assert.equal(await cache.get(1, () => Promise.resolve("unused")), "new", "a new lifetime");
    assert.deepEqual(errors, []);
  });

  await t.step("serveStale: a failed reload keeps the old value and is reported", async () => {
    const clock = new FixedClock("2024-01-01T00:00:00Z");
    const errors: unknown[] = [];
    const cache = new TtlCache<number, string>(clock, 60, 10, {
      serveStale: (error) => errors.push(error),
    });
    await cache.get(1, () => Promise.resolve("old"));
    clock.advance(61);
    const failure = new Error("database down");
    assert.equal(await cache.get(1, () => Promise.reject(failure)), "old");
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(errors, [failure]);
    assert.equal(await cache.get(1, () => Promise.resolve("back")), "old", "tried again");
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(await cache.get(1, () => Promise.resolve("unused")), "back");
  });

  await t.step("serveStale: a first load is awaited, and a failed one is not kept", async () => {
    const cache = new TtlCache<number, string>(new FixedClock("2024-01-01T00:00:00Z"), 60, 10, {
      serveStale: () => {},
    });
    await assert.rejects(cache.get(1, () => Promise.reject(new Error("database down"))));
    assert.equal(await cache.get(1, () => Promise.resolve("loaded")), "loaded");
  });

  await t.step("serveStale: a reload finishing after invalidate() is dropped", async () => {
    const clock = new FixedClock("2024-01-01T00:00:00Z");
    const cache = new TtlCache<number, string>(clock, 60, 10, { serveStale: () => {} });
    await cache.get(1, () => Promise.resolve("old"));
    clock.advance(60);
    let release = (_value: string) => {};
    await cache.get(1, () => new Promise<string>((resolve) => release = resolve));
    cache.invalidate();
    release("late");
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(await cache.get(1, () => Promise.resolve("fresh")), "fresh");
  });
});

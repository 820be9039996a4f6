import assert from "node:assert/strict";
import { onFirstUse } from "../../adapters/system/first_use.ts";

Deno.test("onFirstUse loads once for concurrent and later callers", async () => {
  let loads = 0;
  const load = onFirstUse(() => Promise.resolve(++loads));
  assert.deepEqual(await Promise.all([load(), load()]), [1, 1]);
  assert.equal(await load(), 1);
  assert.equal(loads, 1);
});

Deno.test("onFirstUse tries a failed load again on the next call", async () => {
  let loads = 0;
  const load = onFirstUse(() => {
    loads++;
    return loads === 1 ? Promise.reject(new Error("not yet")) : Promise.resolve("loaded");
  });
  await assert.rejects(load(), /not yet/);
  assert.equal(await load(), "loaded");
  assert.equal(loads, 2);
});

/**
 * normalizeValue on the inputs attackers send: prototype names as checkbox
 * words, numbers too large for a double.
 */

import assert from "node:assert/strict";
import { normalizeValue } from "../../domain/value_kind.ts";
import { PROTOTYPE_NAMES } from "../_fixtures/hostile_requests.ts";

Deno.test("a prototype name is no checkbox word, whatever its case", () => {
  for (const name of PROTOTYPE_NAMES) {
    assert.equal(normalizeValue("checkbox", name), undefined, name);
    assert.equal(normalizeValue("checkbox", name.toUpperCase()), undefined, name);
  }
  assert.equal(normalizeValue("checkbox", "On"), "1");
  assert.equal(normalizeValue("checkbox", "false"), "0");
});

Deno.test("a number beyond a double's range is no number (it would become Infinity)", () => {
  assert.equal(normalizeValue("number", "9".repeat(400)), undefined);
  assert.equal(normalizeValue("number", `-${"9".repeat(309)}.5`), undefined);
  assert.equal(normalizeValue("number", "9".repeat(300)), "9".repeat(300));
  assert.equal(normalizeValue("number", "-12.50"), "-12.50");
});

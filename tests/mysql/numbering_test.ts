/**
 * `followingNumber`: the record number after the current one, as Vtiger's
 * `vtiger_modentity_num` advances it. Needs no database.
 */

import assert from "node:assert/strict";
import { followingNumber } from "../../adapters/mysql/records/numbering.ts";

Deno.test("followingNumber", async (t) => {
  await t.step("adds one, keeping the width of leading zeros", () => {
    assert.equal(followingNumber("0009"), "0010");
    assert.equal(followingNumber("0007"), "0008");
    assert.equal(followingNumber("0099"), "0100");
    assert.equal(followingNumber("0"), "1");
  });

  await t.step("grows past its width when it must", () => {
    assert.equal(followingNumber("9"), "10");
    assert.equal(followingNumber("999"), "1000");
  });

  await t.step("beyond JavaScript's safe integers, exactly", () => {
    assert.equal(followingNumber("9007199254740993"), "9007199254740994");
    assert.equal(followingNumber("99999999999999999999"), "100000000000000000000");
  });

  await t.step("a value that is not all digits starts again at 1", () => {
    for (const current of ["", "A1", "12a", " 12", "-3", "1.5"]) {
      assert.equal(followingNumber(current), "1", JSON.stringify(current));
    }
  });
});

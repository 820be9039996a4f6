/** batchRecordError: a batch create's refusal names the record by its index. */

import assert from "node:assert/strict";
import { batchRecordError } from "../../domain/batch.ts";
import { DomainError } from "../../domain/errors.ts";

function duplicateOf(id: number): DomainError {
  return new DomainError(
    "DUPLICATE_RECORD",
    `Accounts record ${id} already has this accountname, and module Accounts allows no duplicates`,
    { fields: ["accountname"], duplicateId: id },
  );
}

Deno.test("batchRecordError", async (t) => {
  await t.step("a domain error gets the record's index, in its message and details", () => {
    const error = batchRecordError(
      new DomainError("INVALID_FIELD_VALUE", "Field 'rating' ...", { fields: ["rating"] }),
      2,
    );
    assert.ok(error instanceof DomainError);
    assert.equal(error.code, "INVALID_FIELD_VALUE");
    assert.equal(error.message, "Record 2 of the batch: Field 'rating' ...");
    assert.deepEqual(error.details, { fields: ["rating"], batchIndex: 2 });
  });

  await t.step("an error already about a batch record is left as it is", () => {
    const once = batchRecordError(new DomainError("INVALID_PARAMETER", "Bad"), 1);
    assert.equal(batchRecordError(once, 1), once);
  });

  await t.step("a duplicate of a live record keeps naming it", () => {
    const error = batchRecordError(duplicateOf(24), 1, [30]) as DomainError;
    assert.equal(
      error.message,
      "Record 1 of the batch: Accounts record 24 already has this accountname, and module " +
        "Accounts allows no duplicates",
    );
    assert.equal(error.details.duplicateId, 24);
  });

  await t.step("a duplicate of an earlier record of the batch names its index, not its id", () => {
    const error = batchRecordError(duplicateOf(31), 2, [30, 31]) as DomainError;
    assert.equal(error.code, "DUPLICATE_RECORD");
    assert.equal(
      error.message,
      "Record 2 of the batch: record 1 of the batch has the same accountname, and the module " +
        "allows no duplicates",
    );
    assert.deepEqual(error.details, { fields: ["accountname"], batchIndex: 2 });
  });

  await t.step("anything else passes through", () => {
    const crash = new TypeError("boom");
    assert.equal(batchRecordError(crash, 0), crash);
  });
});

/**
 * Vtiger's duplicate prevention as a rule: which fields count, when a check
 * is due, how values compare, and what the refusal says.
 */

import assert from "node:assert/strict";
import { DEMO_ACCOUNTS } from "../../adapters/memory/demo/demo_modules.ts";
import {
  duplicateKey,
  duplicateRecord,
  needsDuplicateCheck,
  uniqueFieldsOf,
} from "../../domain/duplicates.ts";

Deno.test("unique fields count only where the module allows no duplicates", () => {
  assert.deepEqual(uniqueFieldsOf(DEMO_ACCOUNTS).map((field) => field.name), ["accountname"]);
  assert.deepEqual(uniqueFieldsOf({ ...DEMO_ACCOUNTS, allowDuplicates: true }), []);
  assert.deepEqual(uniqueFieldsOf({ ...DEMO_ACCOUNTS, allowDuplicates: undefined }), []);
});

Deno.test("a check is due when some unique value is not empty", () => {
  const fields = uniqueFieldsOf(DEMO_ACCOUNTS);
  assert.ok(needsDuplicateCheck(fields, { accountname: "Initech" }));
  assert.ok(!needsDuplicateCheck(fields, { accountname: "" }));
  assert.ok(!needsDuplicateCheck(fields, { phone: "1" }));
});

Deno.test("values compare as MySQL's general_ci collation: case, accents, trailing spaces", () => {
  assert.equal(duplicateKey("Initech Corporation"), duplicateKey("initech corporation "));
  assert.equal(duplicateKey("Café Müller"), duplicateKey("CAFE MULLER"));
  assert.equal(duplicateKey(null), duplicateKey(""));
  assert.notEqual(duplicateKey(" Initech"), duplicateKey("Initech"), "leading spaces count");
  assert.notEqual(duplicateKey("Initech Corp"), duplicateKey("Initech Corp."));
});

Deno.test("the refusal names the record only when the caller may see it", () => {
  const fields = uniqueFieldsOf(DEMO_ACCOUNTS);
  const named = duplicateRecord(DEMO_ACCOUNTS, fields, 3);
  assert.equal(named.code, "DUPLICATE_RECORD");
  assert.deepEqual(named.details.fields, ["accountname"]);
  assert.match(named.message, /Accounts record 3/);
  const unnamed = duplicateRecord(DEMO_ACCOUNTS, fields, undefined);
  assert.doesNotMatch(unnamed.message, /\d/);
  assert.equal(
    unnamed.message,
    "Another Accounts record already has this accountname, and module Accounts allows no duplicates",
  );
});

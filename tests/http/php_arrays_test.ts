/** Empty maps written as PHP's json_encode wrote them: `[]`. */

import assert from "node:assert/strict";
import { phpAssociative, phpPicklistAnswer } from "../../adapters/http/php_arrays.ts";

Deno.test("an empty associative array is [] and a filled one is kept", () => {
  assert.deepEqual(phpAssociative({}), []);
  const filled = { a: "1" };
  assert.equal(phpAssociative(filled), filled);
});

Deno.test("a picklist answer keeps its keys, with [] for what is empty", () => {
  assert.deepEqual(phpPicklistAnswer({ values: {} }), { values: [] });
  assert.deepEqual(phpPicklistAnswer({ values: { Hot: "Hot" }, dependencies: {} }), {
    values: { Hot: "Hot" },
    dependencies: [],
  });
  assert.equal(
    JSON.stringify(phpPicklistAnswer({ values: { Hot: "Hot" }, dependencies: {} })),
    '{"values":{"Hot":"Hot"},"dependencies":[]}',
  );
});

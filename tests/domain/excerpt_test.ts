import assert from "node:assert/strict";
import { DEMO_ACCOUNTS } from "../../adapters/memory/demo/demo_modules.ts";
import { DomainError } from "../../domain/errors.ts";
import { excerpt } from "../../domain/excerpt.ts";
import { checkFieldValues } from "../../domain/field_values.ts";
import { fullGrant } from "../../domain/privileges.ts";

Deno.test("values quoted back in messages", async (t) => {
  await t.step("short values stay whole", () => {
    assert.equal(excerpt("MEDIACRM"), "MEDIACRM");
    assert.equal(excerpt("x".repeat(60)), "x".repeat(60));
  });

  await t.step("long values are cut by characters, not bytes", () => {
    assert.equal(excerpt("é".repeat(61)), `${"é".repeat(60)}…`);
    assert.equal(excerpt("🙂🙂🙂", 2), "🙂🙂…");
  });

  await t.step("a huge bad field value makes a short error", () => {
    const huge = "x".repeat(100_000);
    assert.throws(
      () => checkFieldValues(DEMO_ACCOUNTS, fullGrant(), { email1: huge }, "update"),
      (error) => {
        assert.ok(error instanceof DomainError);
        assert.equal(
          error.message,
          `Field 'email1' must be an e-mail address, not '${"x".repeat(60)}…'`,
        );
        return true;
      },
    );
  });
});

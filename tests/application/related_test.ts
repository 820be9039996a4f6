/**
 * Related lists on the demo: an Account's Contacts, paged, filtered and
 * counted like a list, within what the caller may see.
 */

import assert from "node:assert/strict";
import { demo, rejectsDomainError } from "./_support.ts";

Deno.test("related lists", async (t) => {
  const { useCases, login } = demo();
  const admin = await login("admin");
  const related = (token: string, id: number | string, input: Record<string, unknown> = {}) =>
    useCases.listRecords.page({
      token,
      module: "Contacts",
      relatedTo: { module: "Accounts", id },
      count: true,
      ...input,
    });

  const contacts = await useCases.listRecords.execute({ token: admin, module: "Contacts" });
  const ofAccount = (id: string) => contacts.filter((contact) => String(contact.account_id) === id);

  await t.step("an account's contacts: those whose account_id points to it", async () => {
    for (const id of ["3", "24"]) {
      const page = await related(admin, id);
      assert.deepEqual(
        page.records.map((record) => record.record_id),
        ofAccount(id).map((record) => record.record_id),
      );
      assert.equal(page.total, ofAccount(id).length);
    }
    assert.ok(ofAccount("3").length > 0);
  });

  await t.step("paged, filtered and field-selected like a list", async () => {
    const all = await related(admin, 3);
    const first = await related(admin, 3, { length: 1, fields: "lastname" });
    assert.equal(first.records.length, 1);
    assert.deepEqual(Object.keys(first.records[0]), [
      "lastname",
      "record_id",
      "record_module",
      "api_date_now",
    ]);
    assert.equal(first.total, all.total);
    const name = all.records[0].lastname;
    const filtered = await related(admin, 3, { criteria: `lastname:${name}` });
    assert.ok(filtered.records.every((record) => record.lastname === name));
  });

  await t.step(
    "support may not read Accounts, so not an account's related list either",
    async () => {
      const support = await login("support");
      await rejectsDomainError(related(support, 3), "ACCESS_DENIED");
    },
  );

  await t.step(
    "a module that is no related list, or a record that is not there, is refused",
    async () => {
      await rejectsDomainError(
        useCases.listRecords.page({
          token: admin,
          module: "Accounts",
          relatedTo: { module: "Contacts", id: String(contacts[0].record_id) },
        }),
        "INVALID_PARAMETER",
      );
      await rejectsDomainError(related(admin, 999), "RECORD_NOT_FOUND");
      await rejectsDomainError(related(admin, "x"), "INVALID_PARAMETER");
    },
  );
});

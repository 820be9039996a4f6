/**
 * Linking and unlinking on the demo: a link shows in the related list, is
 * tracked on the source record (LINK 4, UNLINK 5), happens once, and needs
 * the right to edit the source and read the target.
 */

import assert from "node:assert/strict";
import { demo, rejectsDomainError } from "./_support.ts";

Deno.test("link and unlink", async (t) => {
  const { useCases, login, ports, clock } = demo();
  const admin = await login("admin");
  const contacts = await useCases.listRecords.execute({ token: admin, module: "Contacts" });
  const elsewhere = contacts.find((contact) => String(contact.account_id) !== "24");
  assert.ok(elsewhere);
  const target = String(elsewhere.record_id);
  const relatedIds = async () =>
    (await useCases.listRecords.execute({
      token: admin,
      module: "Contacts",
      relatedTo: { module: "Accounts", id: 24 },
    })).map((record) => String(record.record_id));
  const link = (values: Record<string, string>, unlink = false, token = admin) =>
    useCases.linkRecords.execute({
      token,
      module: "Accounts",
      id: 24,
      related: "Contacts",
      values,
      unlink,
    });

  await t.step(
    "a link puts the record in the related list, tracked once on the source",
    async () => {
      assert.equal((await relatedIds()).includes(target), false);
      clock.advance(60);
      assert.equal(await link({ ids: target }), true);
      assert.ok((await relatedIds()).includes(target));
      await link({ ids: target });
      const entries = ports.records.history.filter((entry) => entry.status === 4);
      assert.deepEqual(entries.map((entry) => [entry.crmid, entry.target]), [
        [24, { module: "Contacts", id: Number(target) }],
      ]);
      const account = await useCases.getRecord.execute({
        token: admin,
        module: "Accounts",
        id: 24,
      });
      assert.equal(account.modifiedtime, "2017-09-04 09:30:22");
    },
  );

  await t.step("an unlink takes it out again, tracked with status 5", async () => {
    await link({ ids: target }, true);
    assert.equal((await relatedIds()).includes(target), false);
    assert.equal(ports.records.history.filter((entry) => entry.status === 5).length, 1);
    await link({ ids: target }, true);
    assert.equal(ports.records.history.filter((entry) => entry.status === 5).length, 1);
  });

  await t.step("bad bodies, targets and callers are refused, and nothing changes", async () => {
    const before = ports.records.history.length;
    await rejectsDomainError(link({}), "INVALID_PARAMETER");
    await rejectsDomainError(link({ ids: "x" }), "INVALID_PARAMETER");
    await rejectsDomainError(link({ ids: target, other: "1" }), "INVALID_PARAMETER");
    await rejectsDomainError(link({ ids: "3" }), "RECORD_NOT_FOUND");
    const sales = await login("sales");
    await rejectsDomainError(link({ ids: target }, false, sales), "ACCESS_DENIED");
    assert.equal(ports.records.history.length, before);
  });
});

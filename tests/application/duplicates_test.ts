/**
 * Duplicate prevention through the use cases on the demo: Accounts allow no
 * two live records with the same name, compared as Vtiger compares them.
 */

import assert from "node:assert/strict";
import { ALL_OWNERS } from "../../domain/privileges.ts";
import { adminDemo } from "./_admin_demo.ts";
import { rejectsDomainError } from "./_support.ts";

Deno.test("duplicates", async (t) => {
  await t.step(
    "a create repeating a live name (other case, trailing space) is refused",
    async () => {
      const { create, list } = await adminDemo("2017-09-05T08:00:00Z");
      const first = await create({ accountname: "Initech Corporation" });
      const error = await rejectsDomainError(
        create({ accountname: "initech corporation " }),
        "DUPLICATE_RECORD",
      );
      assert.match(error.message, new RegExp(`Accounts record ${first}`));
      assert.equal((await list()).length, 3, "nothing was written");
    },
  );

  await t.step("an update may keep its own name, not take another's", async () => {
    const { create, update, get } = await adminDemo("2017-09-05T08:00:00Z");
    const first = await create({ accountname: "Initech" });
    const second = await create({ accountname: "Globex" });
    assert.equal(await update(first, { accountname: "INITECH", phone: "1" }), first);
    await rejectsDomainError(update(second, { accountname: "initech" }), "DUPLICATE_RECORD");
    assert.equal((await get(second)).accountname, "Globex");
  });

  await t.step("a deleted record's name is free again", async () => {
    const { create, remove } = await adminDemo("2017-09-05T08:00:00Z");
    const first = await create({ accountname: "Initech" });
    await remove(first);
    assert.ok(await create({ accountname: "Initech" }) > first);
  });

  await t.step("the refusal does not name a record outside the caller's read scope", async () => {
    const { ports } = await adminDemo("2017-09-05T08:00:00Z");
    const accounts = (await ports.modules.findModule("Accounts"))!;
    const context = { actorId: 1, now: new Date("2017-09-05T08:00:00Z") };
    await ports.records.create(accounts, { accountname: "Hooli", assigned_user_id: "1" }, context);
    const hidden = await rejectsDomainError(
      ports.records.create(accounts, { accountname: "hooli", assigned_user_id: "5" }, {
        ...context,
        readScope: { all: false, ownerIds: new Set([5]) },
      }),
      "DUPLICATE_RECORD",
    );
    assert.doesNotMatch(hidden.message, /\d/);
    const named = await rejectsDomainError(
      ports.records.create(accounts, { accountname: "hooli", assigned_user_id: "1" }, {
        ...context,
        readScope: ALL_OWNERS,
      }),
      "DUPLICATE_RECORD",
    );
    assert.match(named.message, /Accounts record \d+/);
  });
});

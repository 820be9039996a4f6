/**
 * Batch creates on the demo: a JSON array's records created in order, all or
 * none, the first bad one named by its index, at most maxBulk of them.
 */

import assert from "node:assert/strict";
import { createUseCases } from "../../application/use_cases.ts";
import type { WriteInput } from "../../application/write_input.ts";
import { demo, rejectsDomainError } from "./_support.ts";

Deno.test("batch create", async (t) => {
  await t.step("every record created, ids in order, numbered and tracked", async () => {
    const { useCases, login, ports } = demo();
    const token = await login("admin");
    const ids = await useCases.createRecord.executeBatch({
      token,
      module: "Accounts",
      values: () =>
        Promise.resolve([{ values: { accountname: "One" } }, { values: { accountname: "Two" } }]),
    });
    assert.ok(Array.isArray(ids));
    assert.equal(ids.length, 2);
    assert.ok(ids[0] < ids[1]);
    const second = await useCases.getRecord.execute({ token, module: "Accounts", id: ids[1] });
    assert.equal(second.accountname, "Two");
    assert.equal(
      ports.records.history.filter((entry) => entry.status === 2 && ids.includes(entry.crmid))
        .length,
      2,
    );
  });

  await t.step("a single object is a plain create", async () => {
    const { useCases, login } = demo();
    const token = await login("admin");
    const id = await useCases.createRecord.executeBatch({
      token,
      module: "Accounts",
      values: () => Promise.resolve({ values: { accountname: "Alone" } }),
    });
    assert.equal(typeof id, "number");
  });

  await t.step("one bad record: its index in the error, and nothing written", async () => {
    const { useCases, login, ports } = demo();
    const token = await login("admin");
    const before = (await useCases.listRecords.execute({ token, module: "Accounts" })).length;
    const history = ports.records.history.length;
    const error = await rejectsDomainError(
      useCases.createRecord.executeBatch({
        token,
        module: "Accounts",
        values: () =>
          Promise.resolve<WriteInput[]>([
            { values: { accountname: "Fine" } },
            { values: { website: "no name" } },
          ]),
      }),
      "MANDATORY_FIELDS_MISSING",
    );
    assert.match(error.message, /^Record 1 of the batch: /);
    assert.equal(error.details.batchIndex, 1);
    assert.equal(
      (await useCases.listRecords.execute({ token, module: "Accounts" })).length,
      before,
    );
    assert.equal(ports.records.history.length, history);
  });

  await t.step("a duplicate found by the store: its index, and nothing written", async () => {
    const { useCases, login, ports } = demo();
    const token = await login("admin");
    const before = (await useCases.listRecords.execute({ token, module: "Accounts" })).length;
    const history = ports.records.history.length;
    const batch = (names: string[]) =>
      useCases.createRecord.executeBatch({
        token,
        module: "Accounts",
        values: () => Promise.resolve(names.map((accountname) => ({ values: { accountname } }))),
      });
    const live = await rejectsDomainError(batch(["B1", "B2", "MEDIACRM"]), "DUPLICATE_RECORD");
    assert.equal(
      live.message,
      "Record 2 of the batch: Accounts record 24 already has this accountname, and module " +
        "Accounts allows no duplicates",
    );
    assert.equal(live.details.batchIndex, 2);
    // The earlier record is rolled back with the batch: it is named by its index, not its id.
    const within = await rejectsDomainError(batch(["B1", "B2", "b1"]), "DUPLICATE_RECORD");
    assert.equal(
      within.message,
      "Record 2 of the batch: record 0 of the batch has the same accountname, and the module " +
        "allows no duplicates",
    );
    assert.equal(
      (await useCases.listRecords.execute({ token, module: "Accounts" })).length,
      before,
    );
    assert.equal(ports.records.history.length, history);
  });

  await t.step("more than maxBulk records, or none, is INVALID_PARAMETER", async () => {
    const context = demo();
    const useCases = createUseCases(context.ports, { maxBulk: 2 });
    const token = await context.login("admin");
    const batch = (count: number) =>
      useCases.createRecord.executeBatch({
        token,
        module: "Accounts",
        values: () =>
          Promise.resolve(
            Array.from({ length: count }, (_, index) => ({ values: { accountname: `A${index}` } })),
          ),
      });
    await rejectsDomainError(batch(3), "INVALID_PARAMETER");
    await rejectsDomainError(batch(0), "INVALID_PARAMETER");
  });

  await t.step("an update's body may not be an array", async () => {
    const { useCases, login } = demo();
    const token = await login("admin");
    await rejectsDomainError(
      useCases.updateRecord.execute({
        token,
        module: "Accounts",
        id: 3,
        values: () => Promise.resolve([{ values: { website: "x" } }]),
      }),
      "INVALID_PARAMETER",
    );
  });
});

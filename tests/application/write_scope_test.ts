/**
 * The owner scope a write carries is checked by the memory repository on the
 * row it changes, not only by the use case beforehand: a record reassigned
 * between the two checks cannot be written.
 */

import assert from "node:assert/strict";
import { createUseCases } from "../../application/use_cases.ts";
import type { ModuleDefinition } from "../../domain/module.ts";
import type { RecordRepository, WriteContext } from "../../domain/ports.ts";
import type { OwnerScope } from "../../domain/privileges.ts";
import { demo, rejectsDomainError } from "./_support.ts";

async function accounts() {
  const context = demo();
  const module = await context.ports.modules.findModule("Accounts");
  assert.ok(module !== undefined);
  const record = await context.ports.records.findById(module, 24);
  assert.ok(record !== undefined);
  const writeContext = (scope: OwnerScope): WriteContext => ({
    actorId: 1,
    now: context.clock.now(),
    scope,
  });
  return { ...context, module, record, writeContext };
}

const nobody: OwnerScope = { all: false, ownerIds: new Set([999]) };

Deno.test("memory repository: the write scope is checked on the row written", async (t) => {
  await t.step("update outside the scope: ACCESS_DENIED, nothing written", async () => {
    const { ports, module, record, writeContext } = await accounts();
    await rejectsDomainError(
      ports.records.update(module, 24, { accountname: "Taken" }, writeContext(nobody)),
      "ACCESS_DENIED",
      "Permission to update Accounts record 24 is denied",
    );
    assert.deepEqual(await ports.records.findById(module, 24), record);
    assert.equal(ports.records.history.length, 0);
  });

  await t.step("delete outside the scope: ACCESS_DENIED, nothing written", async () => {
    const { ports, module, record, writeContext } = await accounts();
    await rejectsDomainError(
      ports.records.delete(module, 24, writeContext(nobody)),
      "ACCESS_DENIED",
      "Permission to delete Accounts record 24 is denied",
    );
    assert.deepEqual(await ports.records.findById(module, 24), record);
    assert.equal(ports.records.history.length, 0);
  });

  await t.step("inside the scope the write happens", async () => {
    const { ports, module, record, writeContext } = await accounts();
    const owner: OwnerScope = { all: false, ownerIds: new Set([record.ownerId]) };
    await ports.records.update(module, 24, { accountname: "Renamed" }, writeContext(owner));
    assert.equal((await ports.records.findById(module, 24))?.values.accountname, "Renamed");
    await ports.records.delete(module, 24, writeContext(owner));
    assert.equal(await ports.records.findById(module, 24), undefined);
    assert.deepEqual(ports.records.history.map((entry) => entry.status), [0, 1]);
  });
});

/**
 * The demo's records, except that the first `findById` of `id` (the use
 * case's early check) is followed by a reassignment to `newOwner`, as a
 * concurrent request could do it.
 */
function reassignedAfterCheck(
  records: RecordRepository,
  id: number,
  newOwner: number,
): RecordRepository {
  let armed = true;
  return {
    list: (module, query) => records.list(module, query),
    count: (module, query) => records.count(module, query),
    changes: (module, query) => records.changes(module, query),
    createMany: (module, items, write) => records.createMany(module, items, write),
    link: (source, module, ids, write) => records.link(source, module, ids, write),
    unlink: (source, module, ids, write) => records.unlink(source, module, ids, write),
    locate: (recordId) => records.locate(recordId),
    create: (module, values, context) => records.create(module, values, context),
    update: (module, recordId, values, context) =>
      records.update(module, recordId, values, context),
    delete: (module, recordId, context) => records.delete(module, recordId, context),
    async findById(module: ModuleDefinition, recordId: number) {
      const found = await records.findById(module, recordId);
      if (armed && recordId === id) {
        armed = false;
        await records.update(module, id, { assigned_user_id: String(newOwner) }, {
          actorId: 1,
          now: new Date(0),
        });
      }
      return found;
    },
  };
}

Deno.test("use cases: a record reassigned after the early check is not written", async (t) => {
  const sales = async (module: string, id: number) => {
    const context = demo();
    const records = reassignedAfterCheck(context.ports.records, id, 1);
    const useCases = createUseCases({ ...context.ports, records });
    const token = await useCases.loginWithPassword.execute({
      userName: "sales",
      password: "sales",
    });
    const definition = await context.ports.modules.findModule(module);
    assert.ok(definition !== undefined);
    const stored = () => context.ports.records.findById(definition, id);
    return { ...context, useCases, token, stored };
  };

  await t.step("update: ACCESS_DENIED from the repository, nothing more written", async () => {
    const { useCases, token, ports, stored } = await sales("Contacts", 11);
    await rejectsDomainError(
      useCases.updateRecord.execute({ token, module: "Contacts", id: 11, values: { phone: "1" } }),
      "ACCESS_DENIED",
      "Permission to update Contacts record 11 is denied",
    );
    const after = await stored();
    assert.equal(after?.ownerId, 1, "the concurrent reassignment");
    assert.notEqual(after?.values.phone, "1");
    assert.equal(ports.records.history.length, 1, "only the reassignment");
  });

  await t.step("delete: ACCESS_DENIED from the repository, nothing more written", async () => {
    const { useCases, token, ports, stored } = await sales("Contacts", 11);
    await rejectsDomainError(
      useCases.deleteRecord.execute({ token, module: "Contacts", id: 11 }),
      "ACCESS_DENIED",
      "Permission to delete Contacts record 11 is denied",
    );
    assert.equal((await stored())?.ownerId, 1);
    assert.equal(ports.records.history.length, 1, "only the reassignment");
  });
});

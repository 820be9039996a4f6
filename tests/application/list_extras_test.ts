/**
 * Counts, field selection and record versions on the demo, as each demo user
 * may see them.
 */

import assert from "node:assert/strict";
import { DEMO_ACCOUNTS } from "../../adapters/memory/demo/demo_modules.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { checkVersion } from "../../application/version_condition.ts";
import { DomainError } from "../../domain/errors.ts";
import type { RecordRepository } from "../../domain/ports.ts";
import { recordVersion } from "../../domain/record_version.ts";
import { demo, rejectsDomainError } from "./_support.ts";

Deno.test("count and fields", async (t) => {
  const { useCases, login } = demo();
  const admin = await login("admin");
  const sales = await login("sales");

  await t.step("count is every matching record, whatever the page", async () => {
    const page = await useCases.listRecords.page({
      token: admin,
      module: "Accounts",
      length: 1,
      count: true,
    });
    assert.equal(page.records.length, 1);
    assert.equal(page.total, 2);
    const filtered = await useCases.listRecords.page({
      token: admin,
      module: "Accounts",
      criteria: "accountname:MEDIACRM",
      count: true,
    });
    assert.equal(filtered.total, 1);
    const none = await useCases.listRecords.page({ token: admin, module: "Accounts" });
    assert.equal(none.total, undefined);
  });

  await t.step("count counts only what the caller may see", async () => {
    const support = await login("support");
    const all = await useCases.listRecords.page({ token: admin, module: "Contacts", count: true });
    const own = await useCases.listRecords.page({
      token: support,
      module: "Contacts",
      count: true,
    });
    assert.equal(own.total, own.records.length);
    assert.ok(own.total! < all.total!);
  });

  await t.step("fields returns those fields in fieldid order, then the record keys", async () => {
    const [record] = await useCases.listRecords.execute({
      token: admin,
      module: "Accounts",
      fields: "website,accountname,website",
      length: 1,
    });
    assert.deepEqual(Object.keys(record), [
      "accountname",
      "website",
      "record_id",
      "record_module",
      "api_date_now",
    ]);
    const one = await useCases.getRecord.execute({
      token: admin,
      module: "Accounts",
      id: 24,
      fields: "website",
    });
    assert.equal(one.website, "www.mediacrm.fr");
    assert.deepEqual(Object.keys(one), ["website", "record_id", "record_module", "api_date_now"]);
  });

  await t.step("an unknown field and a hidden one are refused alike", async () => {
    const unknown = await rejectsDomainError(
      useCases.listRecords.execute({ token: sales, module: "Accounts", fields: "nope" }),
      "INVALID_PARAMETER",
    );
    const hidden = await rejectsDomainError(
      useCases.listRecords.execute({ token: sales, module: "Accounts", fields: "annual_revenue" }),
      "INVALID_PARAMETER",
    );
    assert.equal(
      hidden.message.replace("annual_revenue", "nope"),
      unknown.message,
    );
    await rejectsDomainError(
      useCases.getRecord.execute({ token: sales, module: "Accounts", id: 3, fields: "x," }),
      "INVALID_PARAMETER",
    );
  });
});

Deno.test("record versions and If-Match", async (t) => {
  await t.step("a read's version is the id and the modified time", async () => {
    const { useCases, login } = demo();
    const token = await login("admin");
    const read = await useCases.getRecord.read({ token, module: "Accounts", id: 3 });
    assert.equal(read.version, "3-20170904092915");
  });

  await t.step("an update or delete on the version read proceeds; on an old one, 412", async () => {
    const { useCases, login, clock } = demo();
    const token = await login("admin");
    const { version } = await useCases.getRecord.read({ token, module: "Accounts", id: 3 });
    clock.advance(5);
    await useCases.updateRecord.execute({
      token,
      module: "Accounts",
      id: 3,
      values: { website: "a.example" },
      ifMatch: [version!],
    });
    await rejectsDomainError(
      useCases.updateRecord.execute({
        token,
        module: "Accounts",
        id: 3,
        values: { website: "b.example" },
        ifMatch: [version!],
      }),
      "PRECONDITION_FAILED",
    );
    await rejectsDomainError(
      useCases.deleteRecord.execute({ token, module: "Accounts", id: 3, ifMatch: [version!] }),
      "PRECONDITION_FAILED",
    );
    const after = await useCases.getRecord.execute({ token, module: "Accounts", id: 3 });
    assert.equal(after.website, "a.example");
    assert.equal(
      await useCases.deleteRecord.execute({
        token,
        module: "Accounts",
        id: 3,
        ifMatch: ["*"],
      }),
      true,
    );
  });

  await t.step("the body of a write on an old version is never read", async () => {
    const { useCases, login } = demo();
    const token = await login("admin");
    let read = false;
    await rejectsDomainError(
      useCases.updateRecord.execute({
        token,
        module: "Accounts",
        id: 3,
        values: () => {
          read = true;
          return Promise.resolve({ website: "x" });
        },
        ifMatch: ["3-20000101000000"],
      }),
      "PRECONDITION_FAILED",
    );
    assert.equal(read, false);
  });

  await t.step("a change between the check and the write is caught on the locked row", async () => {
    const context = demo();
    const token = await context.login("admin");
    const records = context.ports.records;
    const { version } = await context.useCases.getRecord.read({
      token,
      module: "Accounts",
      id: 3,
    });
    // The repository's first findById (the use case's early check) lets another write in.
    let armed = true;
    const racing: RecordRepository = {
      list: (module, query) => records.list(module, query),
      count: (module, query) => records.count(module, query),
      changes: (module, query) => records.changes(module, query),
      createMany: (module, items, write) => records.createMany(module, items, write),
      link: (source, module, ids, write) => records.link(source, module, ids, write),
      unlink: (source, module, ids, write) => records.unlink(source, module, ids, write),
      locate: (id) => records.locate(id),
      create: (module, values, write) => records.create(module, values, write),
      update: (module, id, values, write) => records.update(module, id, values, write),
      delete: (module, id, write) => records.delete(module, id, write),
      findById: async (module, id) => {
        const found = await records.findById(module, id);
        if (armed) {
          armed = false;
          await records.update(module, id, { website: "other.example" }, {
            actorId: 1,
            now: new Date("2018-01-01T00:00:00Z"),
          });
        }
        return found;
      },
    };
    const useCases = createUseCases({ ...context.ports, records: racing });
    await rejectsDomainError(
      useCases.updateRecord.execute({
        token,
        module: "Accounts",
        id: 3,
        values: { website: "mine.example" },
        ifMatch: [version!],
      }),
      "PRECONDITION_FAILED",
    );
    const stored = await records.findById((await context.ports.modules.findModule("Accounts"))!, 3);
    assert.equal(stored?.values.website, "other.example");
  });

  await t.step("a caller who cannot see the modified time has no version to match", () => {
    const module = DEMO_ACCOUNTS;
    const visible = module.fields.filter((field) => field.name !== "modifiedtime");
    const record = { id: 3, ownerId: 1, values: { modifiedtime: "2017-09-04 09:29:15" } };
    assert.equal(recordVersion(visible, record), undefined);
    assert.throws(
      () => checkVersion(module, visible, record, ["3-20170904092915"]),
      (error: unknown) => error instanceof DomainError && error.code === "PRECONDITION_FAILED",
    );
    assert.deepEqual(checkVersion(module, visible, record, ["*"]), ["*"]);
    assert.equal(checkVersion(module, visible, record, undefined), undefined);
  });
});

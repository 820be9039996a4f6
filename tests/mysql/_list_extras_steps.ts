/**
 * Counts, field selection and versions on real Vtiger 7.1.0 and 7.3.0
 * databases: X-Total-Count's number is what SQL counts, a selection reads
 * only its columns, and If-Match guards updates and deletes on the locked row.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { openMysqlPorts } from "../../adapters/mysql/mysql_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { rejectsDomainError } from "../domain/_assert_error.ts";
import { type AdminSession, adminToken, rows, scalar } from "./mysql_support.ts";
import type { WriteInput } from "../../application/write_input.ts";

/** The steps, on one database per Vtiger version shared with the other files' steps. */
export async function listExtrasSteps(t: Deno.TestContext, s: AdminSession): Promise<void> {
  const { database, useCases, token } = s;
  const ids: number[] = [];
  for (const name of ["Alpha", "Beta", "Gamma", "Alpha Two"]) {
    ids.push(
      await useCases.createRecord.execute({
        token,
        module: "Accounts",
        values: { accountname: name, website: `${name.toLowerCase()}.example` },
      }),
    );
  }

  await t.step("count: every live match, as SQL counts it", async () => {
    await useCases.deleteRecord.execute({ token, module: "Accounts", id: ids[1] });
    const page = await useCases.listRecords.page({
      token,
      module: "Accounts",
      criteria: "accountname:like:Alpha%",
      length: 1,
      count: true,
    });
    assert.equal(page.records.length, 1);
    assert.equal(page.total, 2);
    const all = await useCases.listRecords.page({ token, module: "Accounts", count: true });
    const live = await scalar(
      database,
      sql`SELECT COUNT(*) FROM vtiger_crmentity WHERE setype = 'Accounts' AND deleted = 0`,
    );
    assert.equal(all.total, Number(live));
  });

  await t.step("fields: only those values, and only those columns read", async () => {
    const statements: string[] = [];
    const opened = await openMysqlPorts({
      url: database.url,
      onQuery: (text) => statements.push(text),
    });
    try {
      const own = createUseCases(opened.ports);
      const ownToken = await adminToken({ opened, useCases: own, close: () => opened.close() });
      statements.length = 0;
      const records = await own.listRecords.execute({
        token: ownToken,
        module: "Accounts",
        fields: "accountname",
        criteria: "website:gamma.example",
      });
      assert.deepEqual(records.map((record) => Object.keys(record)), [[
        "accountname",
        "record_id",
        "record_module",
        "api_date_now",
      ]]);
      assert.equal(records[0].accountname, "Gamma");
      const page = statements.find((text) =>
        /\blimit\b/i.test(text) && text.includes("accountname")
      );
      assert.ok(page, statements.join("\n"));
      assert.equal(page.includes("`bill_city`"), false);
      assert.equal(page.includes("`annualrevenue`"), false);
    } finally {
      await opened.close();
    }
  });

  await t.step("versions: a stale If-Match changes nothing", async () => {
    const read = await useCases.getRecord.read({ token, module: "Accounts", id: ids[2] });
    const stored = await scalar(
      database,
      sql`SELECT modifiedtime FROM vtiger_crmentity WHERE crmid = ${ids[2]}`,
    );
    assert.equal(read.version, `${ids[2]}-${String(stored).replace(/\D/g, "")}`);
    await sql`UPDATE vtiger_crmentity SET modifiedtime = '2030-01-01 00:00:00'
      WHERE crmid = ${ids[2]}`.execute(database.db);
    await rejectsDomainError(
      useCases.updateRecord.execute({
        token,
        module: "Accounts",
        id: ids[2],
        values: { website: "changed.example" },
        ifMatch: [read.version!],
      }),
      "PRECONDITION_FAILED",
    );
    await rejectsDomainError(
      useCases.deleteRecord.execute({ token, module: "Accounts", id: ids[2], ifMatch: ["x"] }),
      "PRECONDITION_FAILED",
    );
    const website = await scalar(
      database,
      sql`SELECT website FROM vtiger_account WHERE accountid = ${ids[2]}`,
    );
    assert.equal(website, "gamma.example");
    const fresh = await useCases.getRecord.read({ token, module: "Accounts", id: ids[2] });
    assert.equal(fresh.version, `${ids[2]}-20300101000000`);
    await useCases.updateRecord.execute({
      token,
      module: "Accounts",
      id: ids[2],
      values: { website: "changed.example" },
      ifMatch: [fresh.version!],
    });
  });

  await t.step(
    "rate limit: two instances count one token's calls in vtrest_counters",
    async () => {
      const first = await openMysqlPorts({ url: database.url });
      const second = await openMysqlPorts({ url: database.url });
      try {
        const settings = { rateLimitPerMinute: 2 };
        const one = createUseCases({ ...first.ports, counters: first.counters }, settings);
        const two = createUseCases({ ...second.ports, counters: second.counters }, settings);
        const limited = await adminToken({
          opened: first,
          useCases: one,
          close: () => first.close(),
        });
        await one.listTypes.execute({ token: limited });
        await two.listTypes.execute({ token: limited });
        await rejectsDomainError(one.listTypes.execute({ token: limited }), "TOO_MANY_REQUESTS");
        const stored = await scalar(database, sql`SELECT COUNT(*) FROM vtrest_counters`);
        assert.ok(Number(stored) >= 1);
      } finally {
        await first.close();
        await second.close();
      }
    },
  );

  await t.step(
    "related lists: reference fields, crmentityrel and Vtiger's relation tables",
    async () => {
      const account = ids[0];
      const contact = await useCases.createRecord.execute({
        token,
        module: "Contacts",
        values: { lastname: "Related", account_id: String(account) },
      });
      const other = await useCases.createRecord.execute({
        token,
        module: "Contacts",
        values: { lastname: "Elsewhere", account_id: String(ids[2]) },
      });
      // A generic link (vtiger_crmentityrel), as Vtiger's get_related_list reads it.
      await sql`INSERT INTO vtiger_crmentityrel (crmid, module, relcrmid, relmodule)
          VALUES (${account}, 'Accounts', ${other}, 'Contacts')`.execute(database.db);
      const document = await useCases.createRecord.execute({
        token,
        module: "Documents",
        values: { notes_title: "Contract" },
      });
      await sql`INSERT INTO vtiger_senotesrel (crmid, notesid) VALUES (${account}, ${document})`
        .execute(database.db);
      const listed = async (
        module: string,
        source = "Accounts",
        id = account,
      ) => (await useCases.listRecords.page({
        token,
        module,
        relatedTo: { module: source, id },
        count: true,
      }));
      const contacts = await listed("Contacts");
      assert.deepEqual(contacts.records.map((record) => Number(record.record_id)), [
        contact,
        other,
      ]);
      assert.equal(contacts.total, 2);
      assert.deepEqual(
        (await listed("Contacts", "Accounts", ids[2])).records.map((record) =>
          Number(record.record_id)
        ),
        [other],
      );
      assert.deepEqual(
        (await listed("Documents")).records.map((record) => Number(record.record_id)),
        [document],
      );
      // The other way round: the Document's related Accounts (vtiger_relatedlists has it).
      assert.deepEqual(
        (await listed("Accounts", "Documents", document)).records.map((record) =>
          Number(record.record_id)
        ),
        [account],
      );
      await useCases.deleteRecord.execute({ token, module: "Contacts", id: contact });
      assert.equal((await listed("Contacts")).total, 1);
      await rejectsDomainError(
        useCases.listRecords.page({
          token,
          module: "Users",
          relatedTo: { module: "Accounts", id: account },
        }),
        "MODULE_NOT_FOUND",
      );
    },
  );

  await t.step(
    "link and unlink write what Vtiger's add_related wrote (oracle documents.json)",
    async () => {
      const account = ids[2];
      const document = await useCases.createRecord.execute({
        token,
        module: "Documents",
        values: { notes_title: "Linked" },
      });
      const link = (unlink: boolean) =>
        useCases.linkRecords.execute({
          token,
          module: "Accounts",
          id: account,
          related: "Documents",
          values: { ids: String(document) },
          unlink,
        });
      await sql`UPDATE vtiger_crmentity SET modifiedtime = '2001-01-01 00:00:00'
        WHERE crmid = ${account}`.execute(database.db);
      await link(false);
      await link(false);
      const rel = await scalar(
        database,
        sql`SELECT COUNT(*) FROM vtiger_senotesrel WHERE crmid = ${account} AND notesid = ${document}`,
      );
      assert.equal(rel, "1");
      const tracked = await rows<
        { status: number; whodid: number; targetmodule: string; targetid: number }
      >(
        database,
        sql`SELECT b.status, b.whodid, r.targetmodule, r.targetid FROM vtiger_modtracker_basic b
          INNER JOIN vtiger_modtracker_relations r ON r.id = b.id
          WHERE b.crmid = ${account} AND b.module = 'Accounts' ORDER BY b.id`,
      );
      assert.deepEqual(
        tracked.map((
          row,
        ) => [Number(row.status), Number(row.whodid), row.targetmodule, Number(row.targetid)]),
        [
          [4, 1, "Documents", document],
        ],
      );
      const moved = await scalar(
        database,
        sql`SELECT modifiedtime FROM vtiger_crmentity WHERE crmid = ${account}`,
      );
      assert.notEqual(moved, "2001-01-01 00:00:00");
      const related = await useCases.listRecords.execute({
        token,
        module: "Documents",
        relatedTo: { module: "Accounts", id: account },
      });
      assert.deepEqual(related.map((record) => Number(record.record_id)), [document]);
      await link(true);
      assert.equal(
        await scalar(
          database,
          sql`SELECT COUNT(*) FROM vtiger_senotesrel WHERE notesid = ${document}`,
        ),
        "0",
      );
      const statuses = await rows<{ status: number }>(
        database,
        sql`SELECT status FROM vtiger_modtracker_basic WHERE crmid = ${account} AND status IN (4, 5)
          ORDER BY id`,
      );
      assert.deepEqual(statuses.map((row) => Number(row.status)), [4, 5]);
      // A pair without a table of its own goes to vtiger_crmentityrel.
      const contact = await useCases.createRecord.execute({
        token,
        module: "Contacts",
        values: { lastname: "Generic" },
      });
      await useCases.linkRecords.execute({
        token,
        module: "Accounts",
        id: account,
        related: "Contacts",
        values: { ids: String(contact) },
      });
      assert.equal(
        await scalar(
          database,
          sql`SELECT COUNT(*) FROM vtiger_crmentityrel WHERE crmid = ${account} AND module = 'Accounts'
            AND relcrmid = ${contact} AND relmodule = 'Contacts'`,
        ),
        "1",
      );
      // vtiger_seproductsrel names the module of its crmid (setype, NOT NULL); a bundle's part
      // is the crmid, the bundle the productid (oracle recording product_bundle.json).
      const products = await scalar(
        database,
        sql`SELECT COUNT(*) FROM vtiger_tab WHERE name = 'Products' AND presence IN (0, 2)`,
      );
      if (products === "0") return; // switched off in the 7.1.0 dump
      const product = (name: string) =>
        useCases.createRecord.execute({ token, module: "Products", values: { productname: name } });
      const bundle = await product("Bundle");
      const part = await product("Part");
      const linkTo = (module: string, id: number, related: string, target: number) =>
        useCases.linkRecords.execute({
          token,
          module,
          id,
          related,
          values: { ids: String(target) },
        });
      await linkTo("Accounts", account, "Products", bundle);
      await linkTo("Products", bundle, "Products", part);
      const links = await rows<{ crmid: number; productid: number; setype: string }>(
        database,
        sql`SELECT crmid, productid, setype FROM vtiger_seproductsrel
          WHERE productid = ${bundle} ORDER BY crmid`,
      );
      assert.deepEqual(
        links.map((row) => [Number(row.crmid), Number(row.productid), row.setype]),
        [[account, bundle, "Accounts"], [part, bundle, "Products"]],
      );
    },
  );

  await t.step(
    "batch create: in order, one transaction, nothing when a record is bad",
    async () => {
      const seq = () => scalar(database, sql`SELECT id FROM vtiger_crmentity_seq`);
      const before = await seq();
      const created = await useCases.createRecord.executeBatch({
        token,
        module: "Accounts",
        values: () =>
          Promise.resolve([{ values: { accountname: "Bulk 1" } }, {
            values: { accountname: "Bulk 2" },
          }]),
      });
      assert.ok(Array.isArray(created));
      assert.deepEqual(created, [Number(before) + 1, Number(before) + 2]);
      const numbers = await rows<{ account_no: string }>(
        database,
        sql`SELECT account_no FROM vtiger_account WHERE accountid IN (${created[0]}, ${created[1]})
        ORDER BY accountid`,
      );
      assert.notEqual(numbers[0].account_no, numbers[1].account_no);
      const after = await seq();
      await rejectsDomainError(
        useCases.createRecord.executeBatch({
          token,
          module: "Accounts",
          values: () =>
            Promise.resolve<WriteInput[]>([{ values: { accountname: "Bulk 3" } }, {
              values: { rating: "Nope" },
            }]),
        }),
        "INVALID_FIELD_VALUE",
      );
      assert.equal(await seq(), after);
      assert.equal(
        await scalar(
          database,
          sql`SELECT COUNT(*) FROM vtiger_account WHERE accountname = 'Bulk 3'`,
        ),
        "0",
      );
      // A duplicate found in the transaction is named by its index too; an earlier record of
      // the same batch, rolled back with it, by its index rather than its id.
      const duplicate = (names: string[]) =>
        rejectsDomainError(
          useCases.createRecord.executeBatch({
            token,
            module: "Accounts",
            values: () =>
              Promise.resolve(names.map((accountname) => ({ values: { accountname } }))),
          }),
          "DUPLICATE_RECORD",
        );
      assert.equal(
        (await duplicate(["Bulk 4", "Bulk 1"])).message,
        `Record 1 of the batch: Accounts record ${created[0]} already has this accountname, ` +
          "and module Accounts allows no duplicates",
      );
      assert.equal(
        (await duplicate(["Bulk 4", "Bulk 5", "Bulk 4"])).message,
        "Record 2 of the batch: record 0 of the batch has the same accountname, and the module " +
          "allows no duplicates",
      );
      assert.equal(
        await scalar(
          database,
          sql`SELECT COUNT(*) FROM vtiger_account WHERE accountname IN ('Bulk 4', 'Bulk 5')`,
        ),
        "0",
      );
    },
  );
}

/**
 * The README's writing URLs (create, update, delete) against real Vtiger
 * 7.1.0, 7.3.0 and F-RevoCRM 8.0.3 databases, through the HTTP app in both URL styles; after
 * each write the rows are checked directly.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { adminToken, rows, scalar } from "./mysql_support.ts";
import { expectCode, readmeUrlsTest } from "./_readme_urls.ts";

readmeUrlsTest("writing", async (t, { version, database, service, useCases, call }) => {
  const token = await adminToken(service);
  let media3 = 0;
  let mediacrm = 0;

  await t.step("create (POST, both styles), checked in the database", async () => {
    const accountNumber = sql<string>`
      SELECT cur_id FROM vtiger_modentity_num WHERE semodule = 'Accounts' AND active = 1`;
    const numberBefore = Number(await scalar(database, accountNumber));
    const created = await call(
      "POST",
      `Accounts/${token}`,
      "accountname=MEDIA 3%2B&bill_street=34 all%C3%A9e des Fr%C3%AAnes&bill_city=Champs sur Marne&bill_code=77420&bill_country=France",
    );
    assert.equal(created.success, true, JSON.stringify(created));
    media3 = Number(created.result);
    const second = await call(
      "POST",
      `index.php?module=Accounts&token=${token}`,
      "accountname=MEDIACRM&website=www.mediacrm.fr",
    );
    assert.equal(second.success, true, JSON.stringify(second));
    mediacrm = Number(second.result);
    assert.equal(mediacrm, media3 + 1);
    assert.equal(
      await scalar(database, sql`SELECT id FROM vtiger_crmentity_seq`),
      String(mediacrm),
    );
    // Two numbers taken: ACC1 and ACC2 on the stock dumps (next 3), ACC2 and ACC3 on the fork's.
    assert.equal(Number(await scalar(database, accountNumber)), numberBefore + 2);
    if (version !== "frevocrm-8.0.3") assert.equal(numberBefore, 1);
    const [entity] = await rows<Record<string, unknown>>(
      database,
      sql`SELECT * FROM vtiger_crmentity WHERE crmid = ${media3}`,
    );
    assert.equal(entity.setype, "Accounts");
    assert.equal(Number(entity.smcreatorid), 1);
    assert.equal(Number(entity.smownerid), 1);
    assert.equal(Number(entity.modifiedby), 1);
    assert.equal(entity.createdtime, entity.modifiedtime);
    assert.equal(Number(entity.presence), 1);
    assert.equal(Number(entity.deleted), 0);
    assert.equal(Number(entity.smgroupid), 0);
    assert.equal(entity.label, "MEDIA 3+");
    assert.equal(entity.source, "WEBSERVICE");
    assert.equal(entity.description, "");
    for (
      const [table, column] of [
        ["vtiger_account", "accountid"],
        ["vtiger_accountbillads", "accountaddressid"],
        ["vtiger_accountshipads", "accountaddressid"],
        ["vtiger_accountscf", "accountid"],
        ["vtiger_crmentity_user_field", "recordid"],
      ]
    ) {
      const count = await scalar(
        database,
        sql`SELECT COUNT(*) FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${media3}`,
      );
      assert.equal(count, "1", table);
    }
    assert.equal(
      await scalar(
        database,
        sql`SELECT account_no FROM vtiger_account WHERE accountid = ${media3}`,
      ),
      `ACC${numberBefore}`,
    );
    const [basic] = await rows<Record<string, unknown>>(
      database,
      sql`SELECT * FROM vtiger_modtracker_basic WHERE crmid = ${media3}`,
    );
    assert.equal(Number(basic.status), 2);
    assert.equal(Number(basic.whodid), 1);
    assert.equal(basic.module, "Accounts");
    assert.equal(basic.changedon, entity.modifiedtime);
    const details = await rows<
      { fieldname: string; prevalue: string | null; postvalue: string }
    >(
      database,
      sql`SELECT fieldname, prevalue, postvalue FROM vtiger_modtracker_detail WHERE id = ${basic.id}`,
    );
    const byName = new Map(details.map((detail) => [detail.fieldname, detail]));
    assert.equal(details[0].fieldname, "label");
    for (
      const name of [
        "accountname",
        "account_no",
        "assigned_user_id",
        "createdtime",
        "modifiedby",
        "record_id",
        "record_module",
        "source",
      ]
    ) {
      assert.ok(byName.has(name), name);
      assert.equal(byName.get(name)?.prevalue, null);
    }
    assert.equal(byName.get("bill_street")?.postvalue, "34 all&eacute;e des Fr&ecirc;nes");
    assert.equal(byName.get("annual_revenue")?.postvalue, "0.00000000");
    assert.equal(byName.has("modifiedtime"), false);
    assert.equal(byName.has("emailoptout"), false);
    assert.equal(byName.get("record_module")?.postvalue, "Accounts");
  });

  await t.step("update (PUT, both styles), checked in the database", async () => {
    const before = await scalar(
      database,
      sql`SELECT modifiedtime FROM vtiger_crmentity WHERE crmid = ${media3}`,
    );
    const updated = await call(
      "PUT",
      `Accounts/${media3}/${token}`,
      "accountname=MediaToolBox2&email1=contact%40mediatoolbox.fr",
    );
    assert.equal(updated.success, true, JSON.stringify(updated));
    assert.equal(updated.result, media3);
    const viaQuery = await call(
      "PUT",
      `index.php?module=Accounts&id=${mediacrm}&token=${token}`,
      "phone=%2B33656896325",
    );
    assert.equal(viaQuery.result, mediacrm);
    const [entity] = await rows<Record<string, unknown>>(
      database,
      sql`SELECT * FROM vtiger_crmentity WHERE crmid = ${media3}`,
    );
    assert.equal(entity.label, "MediaToolBox2");
    assert.ok(String(entity.modifiedtime) >= String(before));
    const basics = await rows<Record<string, unknown>>(
      database,
      sql`SELECT * FROM vtiger_modtracker_basic WHERE crmid = ${media3} ORDER BY id`,
    );
    assert.deepEqual(basics.map((basic) => Number(basic.status)), [2, 0]);
    const details = await rows<
      { fieldname: string; prevalue: string | null; postvalue: string }
    >(
      database,
      sql`SELECT fieldname, prevalue, postvalue FROM vtiger_modtracker_detail WHERE id = ${
        basics[1].id
      }`,
    );
    const byName = new Map(details.map((detail) => [detail.fieldname, detail]));
    assert.deepEqual(byName.get("accountname"), {
      fieldname: "accountname",
      prevalue: "MEDIA 3+",
      postvalue: "MediaToolBox2",
    });
    assert.deepEqual(byName.get("email1"), {
      fieldname: "email1",
      prevalue: "",
      postvalue: "contact@mediatoolbox.fr",
    });
    assert.equal(byName.get("label")?.postvalue, "MediaToolBox2");
    assert.equal(byName.has("modifiedtime"), false);
    await expectCode(
      useCases.updateRecord.execute({
        token,
        module: "Accounts",
        id: media3,
        values: { rating: "No such rating" },
      }),
      "INVALID_FIELD_VALUE",
    );
    await expectCode(
      useCases.updateRecord.execute({
        token,
        module: "Accounts",
        id: media3,
        values: { account_id: "999999" },
      }),
      "ACCESS_DENIED",
    );
    await expectCode(
      useCases.updateRecord.execute({
        token,
        module: "Accounts",
        id: media3,
        values: { accountname: "x".repeat(101) },
      }),
      "INVALID_FIELD_VALUE",
    );
  });

  await t.step("delete (DELETE, both styles), checked in the database", async () => {
    const deleted = await call("DELETE", `Accounts/${media3}/${token}`);
    assert.deepEqual(deleted, { success: true, result: true });
    const viaQuery = await call(
      "DELETE",
      `index.php?module=Accounts&id=${mediacrm}&token=${token}`,
    );
    assert.equal(viaQuery.result, true);
    assert.equal(
      await scalar(
        database,
        sql`SELECT deleted FROM vtiger_crmentity WHERE crmid = ${media3}`,
      ),
      "1",
    );
    const statuses = await rows<{ status: number }>(
      database,
      sql`SELECT status FROM vtiger_modtracker_basic WHERE crmid = ${media3} ORDER BY id`,
    );
    assert.deepEqual(statuses.map((row) => Number(row.status)), [2, 0, 1]);
    const lastId = await scalar(
      database,
      sql`SELECT MAX(id) FROM vtiger_modtracker_basic WHERE crmid = ${media3}`,
    );
    assert.equal(
      await scalar(
        database,
        sql`SELECT COUNT(*) FROM vtiger_modtracker_detail WHERE id = ${lastId}`,
      ),
      "0",
    );
    const again = await call("GET", `Accounts/${media3}/${token}`);
    assert.equal(again.error?.code, "RECORD_NOT_FOUND");
    assert.deepEqual(await useCases.listRecords.execute({ token, module: "Accounts" }), []);
  });
});

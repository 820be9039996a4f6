/**
 * Every URL of the original README against real Vtiger 7.1.0 and 7.3.0
 * databases, through the use cases and through the HTTP app in both URL
 * styles; after each write the rows are checked directly.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { createApp } from "../../adapters/http/app.ts";
import { DomainError } from "../../domain/errors.ts";
import {
  ADMIN_ACCESS_KEY,
  adminToken,
  openService,
  rows,
  scalar,
  setAdminPassword,
} from "./mysql_support.ts";
import {
  createVtigerDatabase,
  mysqlTestsEnabled,
  VTIGER_VERSIONS,
} from "./vtiger_test_database.ts";

const BASE = "/modules/RestfulApi";

/** The README's rating → accounttype dependency rules. */
const DEPENDENCIES: ReadonlyArray<[string, string[]]> = [
  ["Acquired", [
    "Customer",
    "Integrator",
    "Investor",
    "Partner",
    "Press",
    "Prospect",
    "Reseller",
    "Other",
  ]],
  ["Active", [
    "Analyst",
    "Competitor",
    "Investor",
    "Partner",
    "Press",
    "Prospect",
    "Reseller",
    "Other",
  ]],
];

interface Envelope {
  success: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

function withoutNow(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNow);
  if (typeof value === "object" && value !== null) {
    const { api_date_now: _now, ...rest } = value as Record<string, unknown>;
    return rest;
  }
  return value;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(
    promise,
    (error: unknown) => error instanceof DomainError && error.code === code,
  );
}

for (const version of VTIGER_VERSIONS) {
  Deno.test({
    name: `README URLs against Vtiger ${version}`,
    ignore: !mysqlTestsEnabled,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      await using database = await createVtigerDatabase(version);
      await setAdminPassword(database);
      const service = await openService(database);
      const { useCases } = service;
      const app = createApp(useCases);
      const call = async (method: string, path: string, body?: string): Promise<Envelope> => {
        const response = await app.request(`${BASE}/${path}`, {
          method,
          ...(body === undefined ? {} : {
            body,
            headers: { "content-type": "application/x-www-form-urlencoded" },
          }),
        });
        return await response.json() as Envelope;
      };
      try {
        const tabid = await scalar(
          database,
          sql`SELECT tabid FROM vtiger_tab WHERE name = 'Accounts'`,
        );
        for (const [index, [source, targets]] of DEPENDENCIES.entries()) {
          await sql`INSERT INTO vtiger_picklist_dependency
            (id, tabid, sourcefield, targetfield, sourcevalue, targetvalues, criteria)
            VALUES (${index + 1}, ${tabid}, 'rating', 'accounttype', ${source},
              ${JSON.stringify(targets)}, NULL)`.execute(database.db);
        }
        let token = "";
        let media3 = 0;
        let mediacrm = 0;

        await t.step("login with password and with access key, both styles", async () => {
          token = await adminToken(service);
          assert.match(token, /^[0-9a-f]{32}$/);
          const byKey = await useCases.loginWithAccessKey.execute({
            accessKey: ADMIN_ACCESS_KEY[version],
          });
          assert.match(byKey, /^[0-9a-f]{32}$/);
          for (
            const path of [
              "auth/admin/admin",
              "index.php?module=Auth&login=admin&password=admin",
              `auth/${ADMIN_ACCESS_KEY[version]}`,
              `index.php?module=Auth&key=${ADMIN_ACCESS_KEY[version]}`,
            ]
          ) {
            const answer = await call("GET", path);
            assert.equal(answer.success, true, path);
            assert.match(String(answer.result), /^[0-9a-f]{32}$/);
          }
          const stored = await scalar(database, sql`SELECT COUNT(*) FROM vtrest_sessions`);
          assert.equal(stored, "6");
          await expectCode(
            useCases.loginWithPassword.execute({ userName: "admin", password: "nope" }),
            "AUTH_FAILED",
          );
        });

        await t.step("create (POST, both styles), checked in the database", async () => {
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
          assert.equal(
            await scalar(
              database,
              sql`SELECT cur_id FROM vtiger_modentity_num WHERE semodule = 'Accounts' AND active = 1`,
            ),
            "3",
          );
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
            "ACC1",
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

        await t.step("list, both styles, same as the use case", async () => {
          const listed = await useCases.listRecords.execute({ token, module: "Accounts" });
          assert.deepEqual(listed.map((record) => record.record_id), [
            String(media3),
            String(mediacrm),
          ]);
          assert.equal(listed[0].accountname, "MEDIA 3+");
          assert.equal(listed[0].bill_street, "34 allée des Frênes");
          assert.equal(listed[0].account_id, "0");
          assert.equal(listed[0].campaignrelstatus, "");
          const keys = Object.keys(listed[0]);
          assert.deepEqual(keys.slice(0, 3), ["accountname", "account_no", "phone"]);
          assert.deepEqual(keys.slice(-3), ["record_id", "record_module", "api_date_now"]);
          assert.ok(Object.values(listed[0]).every((value) => typeof value === "string"));
          for (const path of [`Accounts/${token}`, `index.php?module=Accounts&token=${token}`]) {
            const answer = await call("GET", path);
            assert.deepEqual(withoutNow(answer.result), withoutNow(listed), path);
          }
        });

        await t.step("list paged and sorted, both styles", async () => {
          for (
            const path of [
              `Accounts/start/0/length/2/order/vtiger_account.accountname%20DESC/${token}`,
              `index.php?module=Accounts&start=0&length=2&order=vtiger_account.accountname%20DESC&token=${token}`,
            ]
          ) {
            const answer = await call("GET", path);
            const names = (answer.result as Record<string, string>[]).map((record) =>
              record.accountname
            );
            assert.deepEqual(names, ["MEDIACRM", "MEDIA 3+"], path);
          }
          const second = await useCases.listRecords.execute({
            token,
            module: "Accounts",
            start: 1,
            length: 1,
          });
          assert.deepEqual(second.map((record) => record.record_id), [String(mediacrm)]);
        });

        await t.step("list with criteria, both styles", async () => {
          for (
            const path of [
              `Accounts/criteria/vtiger_account.accountname:MEDIACRM;vtiger_account.website:www.mediacrm.fr/${token}`,
              `index.php?module=Accounts&criteria=vtiger_account.accountname:MEDIACRM;vtiger_account.website:www.mediacrm.fr&token=${token}`,
            ]
          ) {
            const answer = await call("GET", path);
            assert.deepEqual(
              (answer.result as Record<string, string>[]).map((record) => record.record_id),
              [String(mediacrm)],
              path,
            );
          }
          const like = await useCases.listRecords.execute({
            token,
            module: "Accounts",
            criteria: "accountname:like:MEDIA%;CE.createdtime:gte:2000-01-01",
          });
          assert.equal(like.length, 2);
          await expectCode(
            useCases.listRecords.execute({
              token,
              module: "Accounts",
              criteria: "vtiger_users.user_password:x",
            }),
            "INVALID_PARAMETER",
          );
        });

        await t.step("one record, both styles", async () => {
          const record = await useCases.getRecord.execute({
            token,
            module: "Accounts",
            id: media3,
          });
          assert.equal(record.account_no, "ACC1");
          for (
            const path of [
              `Accounts/${media3}/${token}`,
              `index.php?module=Accounts&id=${media3}&token=${token}`,
            ]
          ) {
            const answer = await call("GET", path);
            assert.deepEqual(withoutNow(answer.result), withoutNow(record), path);
          }
          await expectCode(
            useCases.getRecord.execute({ token, module: "Contacts", id: media3 }),
            "RECORD_NOT_FOUND",
          );
        });

        await t.step("picklist with and without dependencies, both styles", async () => {
          const plain = await useCases.getPicklist.execute({
            token,
            module: "Accounts",
            field: "rating",
          });
          assert.deepEqual(Object.keys(plain.values), [
            "Acquired",
            "Active",
            "Market Failed",
            "Project Cancelled",
            "Shutdown",
          ]);
          for (
            const path of [
              `Accounts/picklist/rating/${token}`,
              `index.php?module=Accounts&picklist=rating&token=${token}`,
            ]
          ) {
            assert.deepEqual((await call("GET", path)).result, plain, path);
          }
          const withDeps = await useCases.getPicklist.execute({
            token,
            module: "Accounts",
            field: "rating",
            withDependencies: true,
          });
          assert.deepEqual(Object.keys(withDeps.dependencies ?? {}), [
            "Acquired",
            "__DEFAULT__",
            "Active",
          ]);
          assert.deepEqual(withDeps.dependencies?.Acquired, { accounttype: DEPENDENCIES[0][1] });
          for (
            const path of [
              `Accounts/picklist/rating/picklistdep/1/${token}`,
              `index.php?module=Accounts&picklist=rating&picklistdep=1&token=${token}`,
            ]
          ) {
            assert.deepEqual((await call("GET", path)).result, withDeps, path);
          }
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
            "INVALID_FIELD_VALUE",
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

        await t.step("logout revokes the token, both styles", async () => {
          const other = await adminToken(service);
          assert.deepEqual(await call("DELETE", `auth/${token}`), { success: true, result: true });
          assert.deepEqual(await call("DELETE", `index.php?module=Auth&token=${other}`), {
            success: true,
            result: true,
          });
          assert.equal((await call("GET", `Accounts/${token}`)).error?.code, "INVALID_TOKEN");
        });
      } finally {
        await service.close();
      }
    },
  });
}

/**
 * The README's session and reading URLs (login with a password and with an
 * access key; list, paging and order, criteria, one record, picklists with
 * and without dependencies; logout) against real Vtiger 7.1.0, 7.3.0 and F-RevoCRM 8.0.3
 * databases, through the use cases and through the HTTP app in both URL
 * styles, on the README's two accounts; the sessions are checked in the
 * database.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import {
  RATING_VALUES,
  README_ACCOUNT_24,
  README_ACCOUNT_3,
  README_CRITERIA,
  README_RECORD_3,
  readmeResult,
} from "../_fixtures/readme.ts";
import { ADMIN_ACCESS_KEY, adminToken, scalar } from "./mysql_support.ts";
import {
  DEPENDENCIES,
  expectCode,
  insertDependencies,
  readmeUrlsTest,
  withoutNow,
} from "./_readme_urls.ts";

/** Some values of one of the README's accounts, as a client sends them to create it. */
function sent(account: Readonly<Record<string, string>>, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, account[name]]));
}

readmeUrlsTest("sessions and reading", async (t, context) => {
  const { version, database, service, useCases, call } = context;
  await insertDependencies(database);
  let token = "";

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

  // The README's two accounts (the writes themselves are checked in readme_urls_write_test.ts).
  const media3 = await useCases.createRecord.execute({
    token,
    module: "Accounts",
    values: sent(README_ACCOUNT_3, [
      "accountname",
      "bill_street",
      "bill_city",
      "bill_code",
      "bill_country",
    ]),
  });
  const mediacrm = await useCases.createRecord.execute({
    token,
    module: "Accounts",
    values: sent(README_ACCOUNT_24, ["accountname", "website"]),
  });

  await t.step("list, both styles, same as the use case", async () => {
    const listed = await useCases.listRecords.execute({ token, module: "Accounts" });
    assert.deepEqual(listed.map((record) => record.record_id), [
      String(media3),
      String(mediacrm),
    ]);
    for (const name of ["accountname", "bill_street", "account_id", "campaignrelstatus"]) {
      assert.equal(listed[0][name], README_ACCOUNT_3[name], name);
    }
    const keys = Object.keys(listed[0]);
    const readmeKeys = Object.keys(readmeResult<Record<string, string>>(README_RECORD_3));
    assert.deepEqual(keys.slice(0, 3), readmeKeys.slice(0, 3));
    assert.deepEqual(keys.slice(-3), readmeKeys.slice(-3));
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
      const names = (answer.result as Record<string, string>[]).map((record) => record.accountname);
      assert.deepEqual(names, [README_ACCOUNT_24.accountname, README_ACCOUNT_3.accountname], path);
    }
    // The original PHP client's getEntities sorts on CE.createdtime DESC; F-RevoCRM keeps
    // that field on vtiger_account, and the alias still names it.
    for (
      const path of [
        `Accounts/order/CE.createdtime%20DESC/${token}`,
        `index.php?module=Accounts&order=CE.createdtime%20DESC&token=${token}`,
      ]
    ) {
      const answer = await call("GET", path);
      assert.equal(answer.success, true, JSON.stringify(answer));
      const listed = answer.result as Record<string, string>[];
      const times = listed.map((record) => record.createdtime);
      assert.deepEqual(times, times.toSorted().reverse(), path);
      const ids = listed.map((record) => record.record_id);
      assert.ok(ids.includes(String(media3)) && ids.includes(String(mediacrm)), path);
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
        `Accounts/criteria/${README_CRITERIA}/${token}`,
        `index.php?module=Accounts&criteria=${README_CRITERIA}&token=${token}`,
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
    // The fork's dump already holds an Account (ACC1): its first new one is ACC2.
    const stored = await scalar(
      database,
      sql`SELECT account_no FROM vtiger_account WHERE accountid = ${media3}`,
    );
    assert.equal(record.account_no, stored);
    if (version !== "frevocrm-8.0.3") assert.equal(stored, README_ACCOUNT_3.account_no);
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
    assert.deepEqual(Object.keys(plain.values), RATING_VALUES);
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

  await t.step("logout revokes the token, both styles", async () => {
    const other = await adminToken(service);
    assert.deepEqual(await call("DELETE", `auth/${token}`), { success: true, result: true });
    assert.deepEqual(await call("DELETE", `index.php?module=Auth&token=${other}`), {
      success: true,
      result: true,
    });
    assert.equal((await call("GET", `Accounts/${token}`)).error?.code, "INVALID_TOKEN");
  });
});

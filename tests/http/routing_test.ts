/**
 * Every URL of the original README, in both styles, reaches the right use
 * case with the right input; and the Bearer header, `auth` in any case and
 * the methods map as PROTOCOL.md says.
 */

import assert from "node:assert/strict";
import { BASE, expectSuccess, spyApp, TOKEN } from "./helpers.ts";

const Q = `${BASE}/index.php`;
const CRITERIA = "vtiger_account.accountname:MEDIACRM;vtiger_account.website:www.mediacrm.fr";

/** Sends both URLs and checks each made exactly the expected call. */
async function bothStyles(
  urls: readonly string[],
  useCase: string,
  input: Record<string, unknown>,
  init: RequestInit = {},
): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const url of urls) {
    const { app, calls } = spyApp();
    const response = await app.request(url, init);
    results.push(await expectSuccess(response));
    assert.equal(calls.length, 1, url);
    assert.equal(calls[0].useCase, useCase, url);
    assert.deepEqual(calls[0].input, input, url);
  }
  return results;
}

Deno.test("README URLs map to the use cases in both styles", async (t) => {
  await t.step("login with login and password", async () => {
    const results = await bothStyles(
      [`${BASE}/auth/LOGIN/PASSWORD`, `${Q}?module=Auth&login=LOGIN&password=PASSWORD`],
      "loginWithPassword",
      { userName: "LOGIN", password: "PASSWORD" },
    );
    assert.deepEqual(results, [TOKEN, TOKEN]);
  });

  await t.step("login with an access key", async () => {
    await bothStyles(
      [`${BASE}/auth/USER_ACCESS_KEY`, `${Q}?module=Auth&key=USER_ACCESS_KEY`],
      "loginWithAccessKey",
      { accessKey: "USER_ACCESS_KEY" },
    );
  });

  await t.step("list", async () => {
    await bothStyles(
      [`${BASE}/Accounts/${TOKEN}`, `${Q}?module=Accounts&token=${TOKEN}`],
      "listRecords",
      {
        token: TOKEN,
        module: "Accounts",
        start: undefined,
        length: undefined,
        order: undefined,
        criteria: undefined,
      },
    );
  });

  await t.step("list with start, length and order (%20 decoded)", async () => {
    await bothStyles(
      [
        `${BASE}/Accounts/start/0/length/2/order/vtiger_account.accountname%20DESC/${TOKEN}`,
        `${Q}?module=Accounts&start=0&length=2&order=vtiger_account.accountname%20DESC&token=${TOKEN}`,
      ],
      "listRecords",
      {
        token: TOKEN,
        module: "Accounts",
        start: 0,
        length: 2,
        order: "vtiger_account.accountname DESC",
        criteria: undefined,
      },
    );
  });

  await t.step("list with criteria holding ; : and .", async () => {
    await bothStyles(
      [
        `${BASE}/Accounts/criteria/${CRITERIA}/${TOKEN}`,
        `${Q}?module=Accounts&criteria=${CRITERIA}&token=${TOKEN}`,
      ],
      "listRecords",
      {
        token: TOKEN,
        module: "Accounts",
        start: undefined,
        length: undefined,
        order: undefined,
        criteria: CRITERIA,
      },
    );
  });

  await t.step("one record", async () => {
    const results = await bothStyles(
      [`${BASE}/Accounts/3/${TOKEN}`, `${Q}?module=Accounts&id=3&token=${TOKEN}`],
      "getRecord",
      { token: TOKEN, module: "Accounts", id: "3", kind: "read" },
    );
    assert.deepEqual(results[0], { record_id: "3" });
  });

  await t.step("picklist", async () => {
    await bothStyles(
      [
        `${BASE}/Accounts/picklist/rating/${TOKEN}`,
        `${Q}?module=Accounts&picklist=rating&token=${TOKEN}`,
      ],
      "getPicklist",
      {
        kind: "picklist",
        token: TOKEN,
        module: "Accounts",
        field: "rating",
        withDependencies: false,
      },
    );
  });

  await t.step("picklist with dependencies", async () => {
    await bothStyles(
      [
        `${BASE}/Accounts/picklist/rating/picklistdep/1/${TOKEN}`,
        `${Q}?module=Accounts&picklist=rating&picklistdep=1&token=${TOKEN}`,
      ],
      "getPicklist",
      {
        kind: "picklist",
        token: TOKEN,
        module: "Accounts",
        field: "rating",
        withDependencies: true,
      },
    );
  });

  await t.step("create answers 201 with the new id", async () => {
    for (const url of [`${BASE}/Accounts/${TOKEN}`, `${Q}?module=Accounts&token=${TOKEN}`]) {
      const { app, calls } = spyApp();
      const response = await app.request(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "accountname=MediaToolBox",
      });
      assert.equal(await expectSuccess(response, 201), 25);
      assert.equal(calls[0].useCase, "createRecord");
      assert.deepEqual(calls[0].input, {
        kind: "create",
        token: TOKEN,
        module: "Accounts",
        values: { accountname: "MediaToolBox" },
      });
    }
  });

  await t.step("update by PUT and by POST with an id", async () => {
    for (const method of ["PUT", "POST"]) {
      const results = await bothStyles(
        [`${BASE}/Accounts/25/${TOKEN}`, `${Q}?module=Accounts&id=25&token=${TOKEN}`],
        "updateRecord",
        {
          kind: "update",
          token: TOKEN,
          module: "Accounts",
          id: "25",
          values: { accountname: "MediaToolBox2" },
        },
        {
          method,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "accountname=MediaToolBox2",
        },
      );
      assert.deepEqual(results, [25, 25]);
    }
  });

  await t.step("delete", async () => {
    const results = await bothStyles(
      [`${BASE}/Accounts/25/${TOKEN}`, `${Q}?module=Accounts&id=25&token=${TOKEN}`],
      "deleteRecord",
      { kind: "delete", token: TOKEN, module: "Accounts", id: "25" },
      { method: "DELETE" },
    );
    assert.deepEqual(results, [true, true]);
  });

  await t.step("logout", async () => {
    const results = await bothStyles(
      [`${BASE}/auth/${TOKEN}`, `${Q}?module=Auth&token=${TOKEN}`],
      "logout",
      { token: TOKEN },
      { method: "DELETE" },
    );
    assert.deepEqual(results, [true, true]);
  });
});

Deno.test("URL details", async (t) => {
  await t.step("the auth segment and module=Auth are case-insensitive", async () => {
    for (const auth of ["auth", "Auth", "AUTH", "aUtH"]) {
      await bothStyles(
        [`${BASE}/${auth}/admin/admin`, `${Q}?module=${auth}&login=admin&password=admin`],
        "loginWithPassword",
        { userName: "admin", password: "admin" },
      );
    }
  });

  await t.step("the token may come in a Bearer header; the path then ends early", async () => {
    const headers = { Authorization: `Bearer ${TOKEN}` };
    await bothStyles(
      [`${BASE}/Accounts/3`, `${Q}?module=Accounts&id=3`],
      "getRecord",
      { kind: "read", token: TOKEN, module: "Accounts", id: "3" },
      { headers },
    );
    await bothStyles(
      [`${BASE}/Accounts/start/0/length/2`, `${Q}?module=Accounts&start=0&length=2`],
      "listRecords",
      {
        token: TOKEN,
        module: "Accounts",
        start: 0,
        length: 2,
        order: undefined,
        criteria: undefined,
      },
      { headers: { authorization: `bearer ${TOKEN}` } },
    );
    await bothStyles(
      [`${BASE}/auth`, `${Q}?module=Auth`],
      "logout",
      { token: TOKEN },
      { method: "DELETE", headers },
    );
  });

  await t.step("another Authorization scheme (a proxy's Basic auth) is ignored", async () => {
    await bothStyles(
      [`${BASE}/Accounts/3/${TOKEN}`],
      "getRecord",
      { kind: "read", token: TOKEN, module: "Accounts", id: "3" },
      { headers: { Authorization: "Basic YWRtaW46YWRtaW4=" } },
    );
  });

  await t.step("segments are decoded one by one, so %2F stays inside its value", async () => {
    await bothStyles(
      [`${BASE}/Accounts/criteria/website:http%3A%2F%2Fx.fr%2Fa/${TOKEN}`],
      "listRecords",
      {
        token: TOKEN,
        module: "Accounts",
        start: undefined,
        length: undefined,
        order: undefined,
        criteria: "website:http://x.fr/a",
      },
    );
    await bothStyles(
      [`${BASE}/auth/ad%2Fmin/p%40ss%2Fw%20rd`],
      "loginWithPassword",
      { userName: "ad/min", password: "p@ss/w rd" },
    );
  });

  await t.step("a + stays a + in a path but is a space in a query", async () => {
    const criteria = (value: string) => ({
      token: TOKEN,
      module: "Accounts",
      start: undefined,
      length: undefined,
      order: undefined,
      criteria: value,
    });
    await bothStyles(
      [`${BASE}/Accounts/criteria/accountname:MEDIA%203+/${TOKEN}`],
      "listRecords",
      criteria("accountname:MEDIA 3+"),
    );
    await bothStyles(
      [`${Q}?module=Accounts&criteria=accountname:MEDIA+3%2B&token=${TOKEN}`],
      "listRecords",
      criteria("accountname:MEDIA 3+"),
    );
  });

  await t.step("query style also answers at the base path itself and with a slash", async () => {
    await bothStyles(
      [
        `${BASE}?module=Accounts&id=3&token=${TOKEN}`,
        `${BASE}/?module=Accounts&id=3&token=${TOKEN}`,
      ],
      "getRecord",
      { kind: "read", token: TOKEN, module: "Accounts", id: "3" },
    );
  });

  await t.step("a trailing slash and unknown query parameters are ignored", async () => {
    await bothStyles(
      [`${BASE}/Accounts/3/${TOKEN}/`, `${Q}?module=Accounts&id=3&token=${TOKEN}&_=1504512345`],
      "getRecord",
      { kind: "read", token: TOKEN, module: "Accounts", id: "3" },
    );
  });

  await t.step("empty query parameters count as absent, as PHP's empty() did", async () => {
    await bothStyles(
      [`${Q}?module=Accounts&start=&length=&order=&criteria=&token=${TOKEN}`],
      "listRecords",
      {
        token: TOKEN,
        module: "Accounts",
        start: undefined,
        length: undefined,
        order: undefined,
        criteria: undefined,
      },
    );
  });

  await t.step("HEAD is answered like GET", async () => {
    const { app, calls } = spyApp();
    const response = await app.request(`${BASE}/Accounts/3/${TOKEN}`, { method: "HEAD" });
    assert.equal(response.status, 200);
    assert.equal(calls[0].useCase, "getRecord");
  });

  await t.step("a custom base path", async () => {
    const { app, calls } = spyApp({}, { basePath: "/api/" });
    await expectSuccess(await app.request(`/api/Accounts/3/${TOKEN}`));
    await expectSuccess(await app.request(`/api/index.php?module=Accounts&id=3&token=${TOKEN}`));
    assert.equal(calls.length, 2);
    assert.equal((await app.request(`${BASE}/Accounts/3/${TOKEN}`)).status, 404);
  });
});

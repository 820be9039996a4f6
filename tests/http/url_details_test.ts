/**
 * URL details both styles share: the Bearer header, `auth` in any case,
 * per-segment decoding, `+`, trailing slashes, empty parameters, HEAD and a
 * custom base path.
 */

import assert from "node:assert/strict";
import { BASE, bothStyles, expectSuccess, spyApp, TOKEN } from "./helpers.ts";

const Q = `${BASE}/index.php`;

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
      { token: TOKEN, module: "Accounts", id: "3" },
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
      { token: TOKEN, module: "Accounts", id: "3" },
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
      { token: TOKEN, module: "Accounts", id: "3" },
    );
  });

  await t.step("a trailing slash and the cache buster _ are ignored", async () => {
    await bothStyles(
      [`${BASE}/Accounts/3/${TOKEN}/`, `${Q}?module=Accounts&id=3&token=${TOKEN}&_=1504512345`],
      "getRecord",
      { token: TOKEN, module: "Accounts", id: "3" },
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

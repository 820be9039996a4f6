/**
 * The README walked through end to end, in both URL styles, over the real use
 * cases and the in-memory demo dataset: the answers must be the README's.
 */

import type { HttpApp } from "../../adapters/http/app.ts";
import assert from "node:assert/strict";
import { adminToken, BASE, demoApp, envelope, expectFailure, expectSuccess } from "./helpers.ts";
import {
  README_ACCOUNT_24,
  README_ACCOUNT_3,
  README_CREATE_FORM,
  README_CRITERIA,
  README_RATING_PICKLIST,
  README_RATING_WITH_DEPENDENCIES_JSON,
} from "../_fixtures/readme.ts";

const Q = `${BASE}/index.php`;
const NOW = "2017-09-04 09:29:22";
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

function withNow(record: Readonly<Record<string, string>>): Record<string, string> {
  return { ...record, api_date_now: NOW };
}

/** GETs every URL and checks each gives the same expected result. */
async function sameResult(app: HttpApp, urls: readonly string[], expected: unknown): Promise<void> {
  for (const url of urls) {
    assert.deepEqual(await expectSuccess(await app.request(url)), expected, url);
  }
}

Deno.test("the README, end to end", async (t) => {
  const { app } = demoApp();
  let token = "";

  await t.step("login with login and password, both styles", async () => {
    for (const url of [`${BASE}/auth/admin/admin`, `${Q}?module=Auth&login=admin&password=admin`]) {
      const result = await expectSuccess(await app.request(url));
      assert.match(String(result), /^[0-9a-f]{32}$/);
    }
    token = await adminToken(app);
  });

  await t.step("login with an access key, both styles", async () => {
    for (const url of [`${BASE}/auth/DemoAccessKey016`, `${Q}?module=Auth&key=DemoAccessKey016`]) {
      assert.match(String(await expectSuccess(await app.request(url))), /^[0-9a-f]{32}$/);
    }
  });

  await t.step("list: the README's two accounts", async () => {
    await sameResult(
      app,
      [`${BASE}/Accounts/${token}`, `${Q}?module=Accounts&token=${token}`],
      [withNow(README_ACCOUNT_3), withNow(README_ACCOUNT_24)],
    );
  });

  await t.step("paging and order", async () => {
    await sameResult(app, [
      `${BASE}/Accounts/start/0/length/2/order/vtiger_account.accountname%20DESC/${token}`,
      `${Q}?module=Accounts&start=0&length=2&order=vtiger_account.accountname%20DESC&token=${token}`,
    ], [withNow(README_ACCOUNT_24), withNow(README_ACCOUNT_3)]);
    await sameResult(app, [
      `${BASE}/Accounts/start/1/length/1/${token}`,
      `${Q}?module=Accounts&start=1&length=1&token=${token}`,
    ], [withNow(README_ACCOUNT_24)]);
  });

  await t.step("criteria", async () => {
    await sameResult(app, [
      `${BASE}/Accounts/criteria/${README_CRITERIA}/${token}`,
      `${Q}?module=Accounts&criteria=${README_CRITERIA}&token=${token}`,
    ], [withNow(README_ACCOUNT_24)]);
  });

  await t.step("one record", async () => {
    await sameResult(
      app,
      [`${BASE}/Accounts/3/${token}`, `${Q}?module=Accounts&id=3&token=${token}`],
      withNow(README_ACCOUNT_3),
    );
  });

  await t.step("picklist", async () => {
    await sameResult(app, [
      `${BASE}/Accounts/picklist/rating/${token}`,
      `${Q}?module=Accounts&picklist=rating&token=${token}`,
    ], README_RATING_PICKLIST);
  });

  await t.step("picklist with dependencies, in the README's key order", async () => {
    for (
      const url of [
        `${BASE}/Accounts/picklist/rating/picklistdep/1/${token}`,
        `${Q}?module=Accounts&picklist=rating&picklistdep=1&token=${token}`,
      ]
    ) {
      const body = await envelope(await app.request(url));
      assert.equal(JSON.stringify(body.result), README_RATING_WITH_DEPENDENCIES_JSON);
    }
  });

  await t.step("create with the README's form body: 201 and id 25", async () => {
    const response = await app.request(`${BASE}/Accounts/${token}`, {
      method: "POST",
      headers: FORM,
      body: README_CREATE_FORM,
    });
    assert.equal(await expectSuccess(response, 201), 25);
    const created = await expectSuccess(
      await app.request(`${BASE}/Accounts/25/${token}`),
    ) as Record<
      string,
      string
    >;
    assert.equal(created.accountname, "MediaToolBox");
    assert.equal(created.bill_street, "100 street beta test\r\nBat. B");
    assert.equal(created.phone, "33656896325");
    assert.equal(created.account_no, "ACC3");
  });

  await t.step("create in query style", async () => {
    const response = await app.request(`${Q}?module=Accounts&token=${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ accountname: "Query Style Ltd", website: "http:\\/\\/qs.example" }),
    });
    const id = await expectSuccess(response, 201);
    assert.equal(typeof id, "number");
    const record = await expectSuccess(await app.request(`${BASE}/Accounts/${id}/${token}`));
    assert.equal((record as Record<string, string>).website, "http://qs.example");
  });

  await t.step(
    "update with the README's body, PUT in both styles and POST with an id",
    async () => {
      const attempts: Array<[string, string, string]> = [
        ["PUT", `${BASE}/Accounts/25/${token}`, "MediaToolBox2"],
        ["PUT", `${Q}?module=Accounts&id=25&token=${token}`, "MediaToolBox3"],
        ["POST", `${BASE}/Accounts/25/${token}`, "MediaToolBox4"],
      ];
      for (const [method, url, name] of attempts) {
        const response = await app.request(url, {
          method,
          headers: FORM,
          body: `accountname=${name}&email1=contact2@mediatoolbox.fr`,
        });
        assert.equal(await expectSuccess(response), 25);
        const record = await expectSuccess(await app.request(`${BASE}/Accounts/25/${token}`));
        assert.equal((record as Record<string, string>).accountname, name);
      }
    },
  );

  await t.step("delete, then the record is gone", async () => {
    const response = await app.request(`${BASE}/Accounts/25/${token}`, { method: "DELETE" });
    assert.equal(await expectSuccess(response), true);
    await expectFailure(await app.request(`${BASE}/Accounts/25/${token}`), 404, "RECORD_NOT_FOUND");
    const again = await app.request(`${Q}?module=Accounts&id=25&token=${token}`, {
      method: "DELETE",
    });
    await expectFailure(again, 404, "RECORD_NOT_FOUND");
  });

  await t.step("logout, then the token no longer works", async () => {
    const response = await app.request(`${BASE}/auth/${token}`, { method: "DELETE" });
    assert.equal(await expectSuccess(response), true);
    await expectFailure(await app.request(`${BASE}/Accounts/${token}`), 401, "INVALID_TOKEN");
    const other = await adminToken(app);
    const query = await app.request(`${Q}?module=Auth&token=${other}`, { method: "DELETE" });
    assert.equal(await expectSuccess(query), true);
    await expectFailure(await app.request(`${BASE}/Accounts/${other}`), 401, "INVALID_TOKEN");
  });
});

Deno.test("the Bearer header, end to end", async () => {
  const { app } = demoApp();
  const token = await adminToken(app);
  const headers = { Authorization: `Bearer ${token}` };
  assert.deepEqual(
    await expectSuccess(await app.request(`${BASE}/Accounts/3`, { headers })),
    withNow(README_ACCOUNT_3),
  );
  const list = await expectSuccess(
    await app.request(`${BASE}/Accounts/start/0/length/1`, { headers }),
  );
  assert.deepEqual(list, [withNow(README_ACCOUNT_3)]);
  const created = await app.request(`${BASE}/Accounts`, {
    method: "POST",
    headers: { ...headers, ...FORM },
    body: "accountname=Bearer Co",
  });
  const id = await expectSuccess(created, 201);
  const deleted = await app.request(`${BASE}/Accounts/${id}`, { method: "DELETE", headers });
  assert.equal(await expectSuccess(deleted), true);
  assert.equal(
    await expectSuccess(await app.request(`${BASE}/auth`, { method: "DELETE", headers })),
    true,
  );
  await expectFailure(await app.request(`${BASE}/Accounts/3`, { headers }), 401, "INVALID_TOKEN");
});

Deno.test("domain failures through HTTP, end to end", async (t) => {
  const { app } = demoApp();
  const token = await adminToken(app);

  await t.step("AUTH_FAILED: wrong password, unknown key, inactive user", async () => {
    await expectFailure(await app.request(`${BASE}/auth/admin/wrong`), 401, "AUTH_FAILED");
    await expectFailure(await app.request(`${Q}?module=Auth&key=nope`), 401, "AUTH_FAILED");
    await expectFailure(await app.request(`${BASE}/auth/former/former`), 401, "AUTH_FAILED");
  });

  await t.step("TOKEN_NOT_FOUND: no token at all", async () => {
    await expectFailure(await app.request(`${BASE}/Accounts`), 401, "TOKEN_NOT_FOUND");
    await expectFailure(await app.request(`${Q}?module=Accounts`), 401, "TOKEN_NOT_FOUND");
  });

  await t.step("INVALID_TOKEN: malformed or unknown", async () => {
    await expectFailure(await app.request(`${BASE}/Accounts/3`), 401, "INVALID_TOKEN");
    await expectFailure(
      await app.request(`${BASE}/Accounts/${"0".repeat(32)}`),
      401,
      "INVALID_TOKEN",
    );
  });

  await t.step("ACCESS_DENIED: the sales user may not delete accounts", async () => {
    const sales = await expectSuccess(await app.request(`${BASE}/auth/sales/sales`));
    const response = await app.request(`${BASE}/Accounts/24/${sales}`, { method: "DELETE" });
    await expectFailure(response, 403, "ACCESS_DENIED");
  });

  await t.step("MODULE_NOT_FOUND and RECORD_NOT_FOUND", async () => {
    await expectFailure(await app.request(`${BASE}/Leads/${token}`), 404, "MODULE_NOT_FOUND");
    const message = await expectFailure(
      await app.request(`${BASE}/Accounts/999/${token}`),
      404,
      "RECORD_NOT_FOUND",
    );
    assert.equal(message, "Accounts record 999 does not exist");
  });

  await t.step("INVALID_PARAMETER from the domain: criteria, order, length, picklist", async () => {
    for (
      const url of [
        `${BASE}/Accounts/criteria/vtiger_users.user_password:x/${token}`,
        `${BASE}/Accounts/order/accountname%3B%20DROP%20TABLE/${token}`,
        `${BASE}/Accounts/length/5000/${token}`,
        `${BASE}/Accounts/picklist/accountname/${token}`,
      ]
    ) {
      await expectFailure(await app.request(url), 400, "INVALID_PARAMETER");
    }
  });

  await t.step("MANDATORY_FIELDS_MISSING: an empty create body", async () => {
    const response = await app.request(`${BASE}/Accounts/${token}`, { method: "POST" });
    assert.match(
      await expectFailure(response, 422, "MANDATORY_FIELDS_MISSING"),
      /accountname/,
    );
  });

  await t.step("INVALID_FIELD_VALUE: a bad e-mail, an unknown field", async () => {
    for (const body of ["accountname=X&email1=not-an-email", "accountname=X&nosuchfield=1"]) {
      const response = await app.request(`${BASE}/Accounts/${token}`, {
        method: "POST",
        headers: FORM,
        body,
      });
      await expectFailure(response, 422, "INVALID_FIELD_VALUE");
    }
  });

  await t.step("tags stripped before the field check: the value that is stored", async () => {
    const response = await app.request(`${BASE}/Accounts/${token}`, {
      method: "POST",
      headers: FORM,
      body: "accountname=<b>Tagged<\\/b> Inc &description=<script>alert(1)</script>",
    });
    const id = await expectSuccess(response, 201);
    const record = await expectSuccess(await app.request(`${BASE}/Accounts/${id}/${token}`));
    assert.equal((record as Record<string, string>).accountname, "Tagged Inc");
    assert.equal((record as Record<string, string>).description, "alert(1)");
  });
});

/** Related lists over HTTP: both URL styles reach the list with the source record. */

import assert from "node:assert/strict";
import {
  adminToken,
  BASE,
  bothStyles,
  demoApp,
  expectFailure,
  expectSuccess,
  TOKEN,
} from "./helpers.ts";

const Q = `${BASE}/index.php`;

Deno.test("related lists over HTTP", async (t) => {
  await t.step("both styles, with list options", async () => {
    await bothStyles(
      [
        `${BASE}/Accounts/3/related/Contacts/length/5/count/1/${TOKEN}`,
        `${Q}?module=Accounts&id=3&related=Contacts&length=5&count=1&token=${TOKEN}`,
      ],
      "listRecords",
      {
        token: TOKEN,
        module: "Contacts",
        relatedTo: { module: "Accounts", id: "3" },
        start: undefined,
        length: 5,
        order: undefined,
        criteria: undefined,
        count: true,
      },
    );
  });

  await t.step("the demo: an account's contacts, and refusals", async () => {
    const { app } = demoApp();
    const token = await adminToken(app);
    const response = await app.request(`${BASE}/Accounts/3/related/Contacts/count/1/${token}`);
    const total = Number(response.headers.get("X-Total-Count"));
    const records = await expectSuccess(response) as { account_id: string }[];
    assert.equal(records.length, total);
    assert.ok(total > 0 && records.every((record) => record.account_id === "3"));
    await expectFailure(
      await app.request(`${Q}?module=Accounts&related=Contacts&token=${token}`),
      400,
      "INVALID_PARAMETER",
    );
    await expectFailure(
      await app.request(`${BASE}/Contacts/1/related/Accounts/${token}`),
      404,
      "RECORD_NOT_FOUND",
    );
  });

  await t.step("PUT links and DELETE unlinks, in both styles, ids in the body", async () => {
    for (const [method, kind] of [["PUT", false], ["DELETE", true]] as const) {
      await bothStyles(
        [
          `${BASE}/Accounts/3/related/Documents/${TOKEN}`,
          `${Q}?module=Accounts&id=3&related=Documents&token=${TOKEN}`,
        ],
        "linkRecords",
        {
          token: TOKEN,
          module: "Accounts",
          id: "3",
          related: "Documents",
          values: { ids: "12,13" },
          unlink: kind,
        },
        {
          method,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "ids=12,13",
        },
      );
    }
  });

  await t.step("the demo: link, see it in the list, unlink", async () => {
    const { app } = demoApp();
    const token = await adminToken(app);
    const url = `${BASE}/Accounts/24/related/Contacts/${token}`;
    const before = await expectSuccess(await app.request(url)) as { record_id: string }[];
    const all = await expectSuccess(await app.request(`${BASE}/Contacts/${token}`)) as {
      record_id: string;
    }[];
    const outside = all.find((contact) =>
      !before.some((item) => item.record_id === contact.record_id)
    );
    assert.ok(outside);
    const json = { "Content-Type": "application/json" };
    const body = JSON.stringify({ ids: outside.record_id });
    assert.equal(
      await expectSuccess(await app.request(url, { method: "PUT", headers: json, body })),
      true,
    );
    const after = await expectSuccess(await app.request(url)) as { record_id: string }[];
    assert.equal(after.length, before.length + 1);
    await expectSuccess(await app.request(url, { method: "DELETE", headers: json, body }));
    assert.equal((await expectSuccess(await app.request(url)) as unknown[]).length, before.length);
    await expectFailure(
      await app.request(`${BASE}/Accounts/related/Contacts/${token}`, {
        method: "PUT",
        headers: json,
        body,
      }),
      405,
      "METHOD_NOT_ALLOWED",
    );
  });
});

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
});

/** Sync over HTTP: both URL styles reach the use case, and the demo answers pages. */

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

Deno.test("sync over HTTP", async (t) => {
  await t.step("both styles, with a length", async () => {
    await bothStyles(
      [
        `${BASE}/Accounts/sync/2017-09-04%2009:29:15/length/50/${TOKEN}`,
        `${Q}?module=Accounts&sync=2017-09-04%2009:29:15&length=50&token=${TOKEN}`,
      ],
      "syncRecords",
      { token: TOKEN, module: "Accounts", since: "2017-09-04 09:29:15", length: 50 },
    );
  });

  await t.step("the demo's page, and refusals", async () => {
    const { app } = demoApp();
    const token = await adminToken(app);
    const page = await expectSuccess(
      await app.request(`${BASE}/Accounts/sync/2000-01-01%2000:00:00/${token}`),
    ) as { updated: { record_id: string }[]; deleted: string[]; more: boolean };
    assert.deepEqual(page.updated.map((record) => record.record_id), ["24", "3"]);
    assert.deepEqual(page.deleted, []);
    assert.equal(page.more, false);
    await expectFailure(
      await app.request(`${Q}?module=Accounts&sync=soon&token=${token}`),
      400,
      "INVALID_PARAMETER",
    );
    await expectFailure(
      await app.request(`${Q}?module=Accounts&sync=2000-01-01%2000:00:00&id=3&token=${token}`),
      400,
      "INVALID_PARAMETER",
    );
  });
});

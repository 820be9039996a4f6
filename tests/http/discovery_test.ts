/**
 * Discovery over HTTP on the demo: listtypes and describe in both URL styles,
 * with a token in the URL or a Bearer header, and their refusals.
 */

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

Deno.test("discovery URLs reach their use cases in both styles", async (t) => {
  await t.step("listtypes", async () => {
    await bothStyles(
      [
        `${BASE}/listtypes/${TOKEN}`,
        `${BASE}/ListTypes/${TOKEN}`,
        `${Q}?module=listtypes&token=${TOKEN}`,
      ],
      "listTypes",
      { token: TOKEN },
    );
  });

  await t.step("describe", async () => {
    await bothStyles(
      [`${BASE}/Accounts/describe/${TOKEN}`, `${Q}?module=Accounts&describe=1&token=${TOKEN}`],
      "describeModule",
      { token: TOKEN, module: "Accounts" },
    );
  });
});

Deno.test("discovery on the demo over HTTP", async (t) => {
  const { app } = demoApp();
  const token = await adminToken(app);

  await t.step("listtypes answers the same in both styles and with a Bearer token", async () => {
    const byPath = await expectSuccess(await app.request(`${BASE}/listtypes/${token}`));
    const byQuery = await expectSuccess(
      await app.request(`${Q}?module=listtypes&token=${token}`),
    );
    const byBearer = await expectSuccess(
      await app.request(`${BASE}/listtypes`, { headers: { Authorization: `Bearer ${token}` } }),
    );
    assert.deepEqual(byQuery, byPath);
    assert.deepEqual(byBearer, byPath);
    assert.deepEqual((byPath as { name: string }[]).map((type) => type.name), [
      "Accounts",
      "Contacts",
    ]);
  });

  await t.step("describe answers the same in both styles", async () => {
    const byPath = await expectSuccess(await app.request(`${BASE}/Contacts/describe/${token}`));
    const byQuery = await expectSuccess(
      await app.request(`${Q}?module=Contacts&describe=1&token=${token}`),
    );
    assert.deepEqual(byQuery, byPath);
    assert.equal((byPath as { name: string }).name, "Contacts");
  });

  await t.step("describe with a record id or list parameters is refused", async () => {
    await expectFailure(
      await app.request(`${Q}?module=Accounts&describe=1&id=3&token=${token}`),
      400,
      "INVALID_PARAMETER",
    );
    await expectFailure(
      await app.request(`${BASE}/Accounts/describe/describe/${token}`),
      400,
      "INVALID_PARAMETER",
    );
  });

  await t.step("listtypes takes GET only", async () => {
    await expectFailure(
      await app.request(`${BASE}/listtypes/${token}`, { method: "POST" }),
      405,
      "METHOD_NOT_ALLOWED",
    );
  });

  await t.step("support's describe of Accounts is ACCESS_DENIED", async () => {
    const support = await expectSuccess(await app.request(`${BASE}/auth/support/support`));
    await expectFailure(
      await app.request(`${BASE}/Accounts/describe/${support}`),
      403,
      "ACCESS_DENIED",
    );
  });
});

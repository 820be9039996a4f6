/** Batch creates over HTTP: a JSON array body on POST {Module}, both URL styles. */

import assert from "node:assert/strict";
import { adminToken, BASE, demoApp, expectFailure, expectSuccess } from "./helpers.ts";

Deno.test("batch create over HTTP", async (t) => {
  const { app } = demoApp();
  const token = await adminToken(app);
  const json = { "Content-Type": "application/json" };

  await t.step("a JSON array answers 201 with the ids in order, in both styles", async () => {
    const urls = [`${BASE}/Accounts/${token}`, `${BASE}/index.php?module=Accounts&token=${token}`];
    for (const [style, url] of urls.entries()) {
      // Names differ per style: the demo's Accounts, as Vtiger's, allow no duplicates.
      const response = await app.request(url, {
        method: "POST",
        headers: json,
        body: JSON.stringify([{ accountname: `Batch A${style}` }, {
          accountname: `Batch B${style}`,
        }]),
      });
      const ids = await expectSuccess(response, 201) as number[];
      assert.equal(ids.length, 2);
      assert.ok(ids[0] < ids[1]);
    }
  });

  await t.step("a bad record names its index; nothing is created", async () => {
    const before =
      (await expectSuccess(await app.request(`${BASE}/Accounts/${token}`)) as unknown[])
        .length;
    const refused = await app.request(`${BASE}/Accounts/${token}`, {
      method: "POST",
      headers: json,
      body: JSON.stringify([{ accountname: "Fine" }, { accountname: ["not", "text"] }]),
    });
    assert.match(await expectFailure(refused, 400, "INVALID_PARAMETER"), /^Record 1 of the batch/);
    const missing = await app.request(`${BASE}/Accounts/${token}`, {
      method: "POST",
      headers: json,
      body: JSON.stringify([{ accountname: "Fine" }, { website: "x" }]),
    });
    assert.match(
      await expectFailure(missing, 422, "MANDATORY_FIELDS_MISSING"),
      /^Record 1 of the batch/,
    );
    const after = (await expectSuccess(await app.request(`${BASE}/Accounts/${token}`)) as unknown[])
      .length;
    assert.equal(after, before);
  });

  await t.step("an array on PUT is refused", async () => {
    await expectFailure(
      await app.request(`${BASE}/Accounts/3/${token}`, {
        method: "PUT",
        headers: json,
        body: JSON.stringify([{ website: "x" }]),
      }),
      400,
      "INVALID_PARAMETER",
    );
  });
});

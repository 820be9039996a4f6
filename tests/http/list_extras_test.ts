/**
 * Counts, field selection and entity tags over HTTP on the demo, in both URL
 * styles.
 */

import assert from "node:assert/strict";
import { adminToken, BASE, demoApp, envelope, expectFailure, expectSuccess } from "./helpers.ts";

const Q = `${BASE}/index.php`;

Deno.test("count=1 and fields over HTTP", async (t) => {
  const { app } = demoApp();
  const token = await adminToken(app);

  await t.step("X-Total-Count in both styles; the body is the plain page", async () => {
    const byPath = await app.request(`${BASE}/Accounts/length/1/count/1/${token}`);
    const byQuery = await app.request(`${Q}?module=Accounts&length=1&count=1&token=${token}`);
    for (const response of [byPath, byQuery]) {
      assert.equal(response.headers.get("X-Total-Count"), "2");
      const records = await expectSuccess(response) as unknown[];
      assert.equal(records.length, 1);
    }
    const plain = await app.request(`${BASE}/Accounts/${token}`);
    assert.equal(plain.headers.get("X-Total-Count"), null);
    await expectSuccess(plain);
  });

  await t.step("fields in both styles", async () => {
    for (
      const url of [
        `${BASE}/Accounts/fields/accountname,website/${token}`,
        `${Q}?module=Accounts&fields=accountname,website&token=${token}`,
      ]
    ) {
      const records = await expectSuccess(await app.request(url)) as Record<string, string>[];
      assert.deepEqual(Object.keys(records[0]), [
        "accountname",
        "website",
        "record_id",
        "record_module",
        "api_date_now",
      ]);
    }
  });

  await t.step("a malformed fields list or count is INVALID_PARAMETER", async () => {
    for (
      const url of [
        `${Q}?module=Accounts&fields=accountname;phone&token=${token}`,
        `${Q}?module=Accounts&fields=nope&token=${token}`,
        `${Q}?module=Accounts&count=yes&token=${token}`,
        `${Q}?module=Accounts&picklist=rating&count=1&token=${token}`,
      ]
    ) {
      await expectFailure(await app.request(url), 400, "INVALID_PARAMETER");
    }
  });
});

Deno.test("ETag, If-None-Match and If-Match over HTTP", async (t) => {
  const { app } = demoApp();
  const token = await adminToken(app);
  const url = `${BASE}/Accounts/3/${token}`;
  let etag = "";

  await t.step("a record answer carries a weak ETag from its id and modified time", async () => {
    const response = await app.request(url);
    etag = response.headers.get("ETag") ?? "";
    assert.equal(etag, 'W/"3-20170904092915"');
    await expectSuccess(response);
    const byQuery = await app.request(`${Q}?module=Accounts&id=3&token=${token}`);
    assert.equal(byQuery.headers.get("ETag"), etag);
    await byQuery.body?.cancel();
  });

  await t.step("If-None-Match with the current tag: 304 without a body", async () => {
    const response = await app.request(url, { headers: { "If-None-Match": etag } });
    assert.equal(response.status, 304);
    assert.equal(response.headers.get("ETag"), etag);
    assert.equal(await response.text(), "");
    const other = await app.request(url, { headers: { "If-None-Match": '"3-1", W/"9-2"' } });
    await expectSuccess(other);
  });

  await t.step("PUT with an old tag: 412, nothing changed", async () => {
    const changed = await app.request(url, {
      method: "PUT",
      headers: { "If-Match": etag, "Content-Type": "application/json" },
      body: JSON.stringify({ website: "first.example" }),
    });
    assert.equal(await expectSuccess(changed), 3);
    const stale = await app.request(url, {
      method: "PUT",
      headers: { "If-Match": etag, "Content-Type": "application/json" },
      body: JSON.stringify({ website: "second.example" }),
    });
    await expectFailure(stale, 412, "PRECONDITION_FAILED");
    const gone = await app.request(url, { method: "DELETE", headers: { "If-Match": etag } });
    await expectFailure(gone, 412, "PRECONDITION_FAILED");
    const record = await expectSuccess(await app.request(url)) as Record<string, string>;
    assert.equal(record.website, "first.example");
  });

  await t.step("a malformed If-Match is INVALID_PARAMETER", async () => {
    const response = await app.request(url, {
      method: "DELETE",
      headers: { "If-Match": "not-a-tag" },
    });
    const body = await envelope(response);
    assert.equal(body.error?.code, "INVALID_PARAMETER");
  });
});

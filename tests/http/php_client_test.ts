/**
 * The original PHP client (`examples/php` of sardoj/VTRestfulAPI) against the
 * demo: every request it builds, byte for byte as it builds them (query style,
 * unencoded criteria, `urlencode`d order, bodies with `/` escaped as `\/` and
 * a trailing `&`), must keep working, parameters included.
 */

import assert from "node:assert/strict";
import { BASE, demoApp, expectSuccess } from "./helpers.ts";
import { clientBody, FORM } from "../_fixtures/php_client.ts";

const INDEX = `${BASE}/index.php`;

Deno.test("the original PHP client's requests", async (t) => {
  const { app } = demoApp();
  const token = await expectSuccess(
    await app.request(`${INDEX}?module=Auth&key=DemoAccessKey016`),
  ) as string;
  assert.match(token, /^[0-9a-f]{32}$/);
  let id = 0;

  await t.step("signInByLoginPassword", async () => {
    assert.match(
      await expectSuccess(
        await app.request(`${INDEX}?module=Auth&login=admin&password=admin`),
      ) as string,
      /^[0-9a-f]{32}$/,
    );
  });

  await t.step("createEntity: POST with a sanitized body", async () => {
    const response = await app.request(`${INDEX}?module=Accounts&token=${token}`, {
      method: "POST",
      headers: FORM,
      body: clientBody({ accountname: "Slash Co", website: "https://x.example/fr" }),
    });
    id = await expectSuccess(response, 201) as number;
    assert.equal(typeof id, "number");
  });

  await t.step("getEntities with its defaults and a criteria holding \\/", async () => {
    const criteria = "vtiger_account.website:https:\\/\\/x.example\\/fr";
    const url = `${INDEX}?module=Accounts&start=0&length=20&order=CE.createdtime+DESC` +
      `&criteria=${criteria}&token=${token}`;
    const records = await expectSuccess(await app.request(url)) as Record<string, string>[];
    assert.deepEqual(records.map((record) => [record.record_id, record.website]), [
      [String(id), "https://x.example/fr"],
    ]);
  });

  await t.step("getEntities with no criteria sends criteria= empty", async () => {
    const url = `${INDEX}?module=Accounts&start=0&length=20&order=CE.createdtime+DESC` +
      `&criteria=&token=${token}`;
    const records = await expectSuccess(await app.request(url)) as Record<string, string>[];
    assert.equal(records[0].record_id, String(id), "newest first");
  });

  await t.step("updateEntity: PUT with the id in the query", async () => {
    const response = await app.request(`${INDEX}?module=Accounts&id=${id}&token=${token}`, {
      method: "PUT",
      headers: FORM,
      body: clientBody({ accountname: "Slash/Co" }),
    });
    assert.equal(await expectSuccess(response), id);
  });

  await t.step("getEntityById", async () => {
    const record = await expectSuccess(
      await app.request(`${INDEX}?module=Accounts&id=${id}&token=${token}`),
    ) as Record<string, string>;
    assert.equal(record.accountname, "Slash/Co");
  });

  await t.step("getPickListValues, with and without dependencies", async () => {
    const plain = await expectSuccess(
      await app.request(`${INDEX}?module=Accounts&picklist=rating&token=${token}`),
    ) as Record<string, unknown>;
    assert.deepEqual(Object.keys(plain), ["values"]);
    const withDependencies = await expectSuccess(
      await app.request(`${INDEX}?module=Accounts&picklist=rating&picklistdep=1&token=${token}`),
    ) as Record<string, unknown>;
    assert.deepEqual(Object.keys(withDependencies), ["values", "dependencies"]);
    // A field no rule starts from: the original's PHP answered json_encode(array()), `[]`,
    // which the client's json_decode turns into an array `empty()` is true for (`{}` is not).
    const none = await expectSuccess(
      await app.request(
        `${INDEX}?module=Accounts&picklist=accounttype&picklistdep=1&token=${token}`,
      ),
    ) as Record<string, unknown>;
    assert.deepEqual(none.dependencies, []);
  });

  await t.step("deleteEntity: DELETE with the id in the query", async () => {
    const response = await app.request(`${INDEX}?module=Accounts&id=${id}&token=${token}`, {
      method: "DELETE",
    });
    assert.equal(await expectSuccess(response), true);
  });

  await t.step("its tokens work in path style too", async () => {
    assert.ok(Array.isArray(await expectSuccess(await app.request(`${BASE}/Accounts/${token}`))));
  });
});

/**
 * The original module's `items` through HTTP: the PHP client's form body byte
 * for byte, a JSON body (text or array), multipart, an update; refusals that
 * reach no use case; and, on the demo, refusals that write nothing.
 */

import assert from "node:assert/strict";
import { BASE, demoApp, expectFailure, expectSuccess, spyApp, TOKEN } from "./helpers.ts";
import { clientBody, FORM, phpJson } from "../_fixtures/php_client.ts";

const JSON_TYPE = { "Content-Type": "application/json" };

const HEADER = {
  subject: "New Quote",
  quotestage: "Created",
  taxtype: "group",
  discount_percentage_final: "0",
  discount_amount_final: "0",
  shipping_handling_charge: "0",
  tax1_group_percentage: "20",
  tax2_group_percentage: "0",
  tax3_group_percentage: "0",
  shtax1_sh_percent: "0",
  pre_tax_total: "61.56",
  adjustment: "0",
  subtotal: "61.56",
  total: "73.872",
};
const ITEMS = [{
  hdnProductId: "15",
  qty: 3,
  listPrice: "20.52000000",
  comment: "a/b + c",
  discount_amount: 0,
  discount_percentage: 0,
}];
const EXPECTED_VALUES = {
  subject: "New Quote",
  quotestage: "Created",
  hdnTaxType: "group",
  hdnS_H_Amount: "0",
  shtax1_sh_percent: "0",
  txtAdjustment: "0",
};
const EXPECTED_LINES = [
  { productid: "15", quantity: "3", listprice: "20.52000000", comment: "a/b + c", tax1: "20" },
];

async function written(url: string, init: RequestInit, status = 201) {
  const { app, calls } = spyApp();
  const response = await app.request(url, init);
  assert.equal(response.status, status, await response.clone().text());
  assert.equal(calls.length, 1);
  return calls[0].input;
}

Deno.test("the PHP client's Quote body, byte for byte, becomes LineItems", async () => {
  const body = clientBody({ ...HEADER, items: phpJson(ITEMS) });
  assert.ok(body.includes(String.raw`"comment":"a\\/b %2B c"`), body);
  const input = await written(`${BASE}/index.php?module=Quotes&token=${TOKEN}`, {
    method: "POST",
    headers: FORM,
    body,
  });
  assert.deepEqual(input.values, EXPECTED_VALUES);
  assert.deepEqual(input.lineItems, EXPECTED_LINES);
});

Deno.test("items in a JSON body (text or array) and in multipart", async () => {
  for (const items of [ITEMS, JSON.stringify(ITEMS)]) {
    const input = await written(`${BASE}/Quotes/${TOKEN}`, {
      method: "POST",
      headers: JSON_TYPE,
      body: JSON.stringify({ ...HEADER, items }),
    });
    assert.deepEqual(input.values, EXPECTED_VALUES);
    assert.deepEqual(input.lineItems, EXPECTED_LINES);
  }
  const form = new FormData();
  for (const [key, value] of Object.entries(HEADER)) form.set(key, value);
  form.set("items", JSON.stringify(ITEMS));
  const input = await written(`${BASE}/Quotes/${TOKEN}`, { method: "POST", body: form });
  assert.deepEqual(input.lineItems, EXPECTED_LINES);
});

Deno.test("an update with items replaces the lines, as LineItems does", async () => {
  const input = await written(
    `${BASE}/index.php?module=Quotes&id=30&token=${TOKEN}`,
    {
      method: "PUT",
      headers: FORM,
      body: clientBody({ adjustment: "5", adjustmentType: "-", items: phpJson(ITEMS) }),
    },
    200,
  );
  assert.deepEqual(input.values, { txtAdjustment: "-5" });
  assert.deepEqual(input.lineItems, [
    { productid: "15", quantity: "3", listprice: "20.52000000", comment: "a/b + c" },
  ]);
});

Deno.test("bad items reach no use case: INVALID_PARAMETER in the envelope", async () => {
  const cases: Array<[BodyInit, Record<string, string>, RegExp]> = [
    ["items=%5B%7B&subject=x", FORM, /^items must be a JSON array of lines, not '\[\{'$/],
    [
      clientBody({ items: phpJson(ITEMS), LineItems: JSON.stringify([]) }),
      FORM,
      /^The body carries both items and LineItems/,
    ],
    [JSON.stringify({ items: { hdnProductId: 1 } }), JSON_TYPE, /one object per line$/],
    [JSON.stringify({ items: [{ hdnProductId: 1, qty: [3] }] }), JSON_TYPE, /items\[1\]\.qty/],
    [JSON.stringify({ items: ITEMS, total: "lots" }), JSON_TYPE, /^total must be a number/],
    [JSON.stringify({ items: ITEMS, subtotal: { a: 1 } }), JSON_TYPE, /^Field 'subtotal'/],
    [JSON.stringify([{ items: "" }]), JSON_TYPE, /^Record 0 of the batch: items is empty/],
  ];
  for (const [body, headers, expected] of cases) {
    const { app, calls } = spyApp();
    const response = await app.request(`${BASE}/Quotes/${TOKEN}`, {
      method: "POST",
      headers,
      body,
    });
    assert.match(await expectFailure(response, 400, "INVALID_PARAMETER"), expected);
    assert.equal(calls.length, 0);
  }
});

Deno.test("on the demo: items refused on a module without lines, nothing written", async () => {
  const { app } = demoApp();
  const token = await expectSuccess(await app.request(`${BASE}/auth/admin/admin`)) as string;
  const count = async () =>
    (await app.request(`${BASE}/Accounts/count/1/${token}`)).headers.get("X-Total-Count");
  const before = await count();
  const post = (body: string) =>
    app.request(`${BASE}/index.php?module=Accounts&token=${token}`, {
      method: "POST",
      headers: FORM,
      body,
    });
  assert.match(
    await expectFailure(
      await post(clientBody({ accountname: "Items Co", items: phpJson(ITEMS) })),
      422,
      "INVALID_FIELD_VALUE",
    ),
    /Records of module Accounts have no line items/,
  );
  assert.match(
    await expectFailure(
      await post(clientBody({ accountname: "Items Co", items: "[{" })),
      400,
      "INVALID_PARAMETER",
    ),
    /^items must be a JSON array/,
  );
  assert.equal(await count(), before);
  const listed = await expectSuccess(
    await app.request(`${BASE}/Accounts/criteria/accountname:Items%20Co/${token}`),
  ) as unknown[];
  assert.deepEqual(listed, []);
});

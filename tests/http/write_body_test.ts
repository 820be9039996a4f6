/**
 * What create and update bodies carry besides field values: an inventory
 * record's LineItems (a JSON array, or its JSON text in a form), a Documents
 * record's file (multipart/form-data), and the download of that file.
 */

import assert from "node:assert/strict";
import { DomainError } from "../../domain/errors.ts";
import { BASE, expectFailure, spyApp, TOKEN } from "./helpers.ts";

const LINES = [
  {
    productid: "29",
    quantity: 3,
    listprice: "1250.50",
    discount_percent: "10",
    comment: "<b>x</b>",
  },
  { productid: 30, quantity: "5", discount_amount: null, tax4: 8 },
];
const CLEANED_LINES = [
  { productid: "29", quantity: "3", listprice: "1250.50", discount_percent: "10", comment: "x" },
  { productid: "30", quantity: "5", discount_amount: "", tax4: "8" },
];

async function created(body: BodyInit, headers: Record<string, string> = {}) {
  const { app, calls } = spyApp();
  const response = await app.request(`${BASE}/Invoice/${TOKEN}`, { method: "POST", headers, body });
  assert.equal(response.status, 201, await response.clone().text());
  return calls[0].input;
}

async function refused(body: BodyInit, headers: Record<string, string>, status = 400) {
  const { app, calls } = spyApp();
  const response = await app.request(`${BASE}/Invoice/${TOKEN}`, { method: "POST", headers, body });
  const message = await expectFailure(
    response,
    status,
    status === 413 ? "PAYLOAD_TOO_LARGE" : "INVALID_PARAMETER",
  );
  assert.equal(calls.length, 0);
  return message;
}

Deno.test("LineItems in a JSON body: an array of lines, cleaned like field values", async () => {
  const input = await created(
    JSON.stringify({ subject: "Invoice", LineItems: LINES }),
    { "Content-Type": "application/json" },
  );
  assert.deepEqual(input.values, { subject: "Invoice" });
  assert.deepEqual(input.lineItems, CLEANED_LINES);
});

Deno.test("LineItems as JSON text: in a JSON body, a form, and a multipart body", async () => {
  const json = await created(
    JSON.stringify({ subject: "Invoice", LineItems: JSON.stringify(LINES) }),
    { "Content-Type": "application/json" },
  );
  assert.deepEqual(json.lineItems, CLEANED_LINES);
  const form = await created(
    new URLSearchParams({ subject: "Invoice", LineItems: JSON.stringify(LINES) }).toString(),
    { "Content-Type": "application/x-www-form-urlencoded" },
  );
  assert.deepEqual(form.values, { subject: "Invoice" });
  assert.deepEqual(form.lineItems, CLEANED_LINES);
  const multipart = new FormData();
  multipart.set("subject", "Invoice");
  multipart.set("LineItems", JSON.stringify(LINES));
  const parts = await created(multipart);
  assert.deepEqual(parts.lineItems, CLEANED_LINES);
  assert.equal(parts.upload, undefined);
});

Deno.test("malformed LineItems are refused, naming what is wrong", async () => {
  const jsonType = { "Content-Type": "application/json" };
  assert.match(
    await refused(JSON.stringify({ LineItems: { productid: 1 } }), jsonType),
    /^LineItems must be an array of objects, one per line$/,
  );
  assert.match(
    await refused(JSON.stringify({ LineItems: [{ productid: 1, quantity: { n: 1 } }] }), jsonType),
    /^LineItems\[1\]\.quantity must be a string, number, boolean or null$/,
  );
  assert.match(
    await refused("LineItems=%5Bnot+json", { "Content-Type": "application/x-www-form-urlencoded" }),
    /^LineItems must be a JSON array of lines/,
  );
  assert.match(
    await refused(JSON.stringify({ subject: ["a"] }), jsonType),
    /^Field 'subject' must be a string/,
  );
});

Deno.test("a file in multipart/form-data: the part 'filename', with the record's fields", async () => {
  const bytes = new Uint8Array([0, 1, 2, 250, 255]);
  const form = new FormData();
  form.set("notes_title", "Contrat <b>cadre</b>");
  form.set("filename", new File([bytes], "contrat cadre.pdf", { type: "application/pdf" }));
  const { app, calls } = spyApp();
  const response = await app.request(`${BASE}/Documents/${TOKEN}`, { method: "POST", body: form });
  assert.equal(response.status, 201);
  assert.deepEqual(calls[0].input.values, { notes_title: "Contrat cadre" });
  const upload = calls[0].input.upload as { name: string; type: string; bytes: Uint8Array };
  assert.equal(upload.name, "contrat cadre.pdf");
  assert.equal(upload.type, "application/pdf");
  assert.deepEqual([...upload.bytes], [...bytes]);
});

Deno.test("multipart bodies: one file, in the part 'filename', within the upload limit", async () => {
  const file = (size: number) => new File([new Uint8Array(size)], "a.bin");
  const twoFiles = new FormData();
  twoFiles.append("filename", file(1));
  twoFiles.append("filename", file(1));
  assert.match(await refused(twoFiles, {}), /more than one file/);
  const otherPart = new FormData();
  otherPart.set("attachment", file(1));
  assert.match(await refused(otherPart, {}), /^Part 'attachment' carries a file/);
  const { app } = spyApp({}, { maxUploadBytes: 10, maxBodyBytes: 1000 });
  const big = new FormData();
  big.set("filename", file(11));
  const response = await app.request(`${BASE}/Documents/${TOKEN}`, { method: "POST", body: big });
  assert.match(
    await expectFailure(response, 413, "PAYLOAD_TOO_LARGE"),
    /upload limit of 10 bytes/,
  );
  const fits = new FormData();
  fits.set("filename", file(10));
  const ok = await app.request(`${BASE}/Documents/${TOKEN}`, { method: "POST", body: fits });
  assert.equal(ok.status, 201);
});

Deno.test("a plain body keeps its own limit when the upload limit is larger", async () => {
  const { app } = spyApp({}, { maxUploadBytes: 100_000, maxBodyBytes: 100 });
  const response = await app.request(`${BASE}/Accounts/${TOKEN}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `accountname=${"a".repeat(200)}`,
  });
  await expectFailure(response, 413, "PAYLOAD_TOO_LARGE");
});

Deno.test("the download route, in both URL styles, sends the file as an attachment", async () => {
  for (
    const url of [
      `${BASE}/Documents/25/download/${TOKEN}`,
      `${BASE}/index.php?module=Documents&id=25&download=1&token=${TOKEN}`,
    ]
  ) {
    const { app, calls } = spyApp();
    const response = await app.request(url);
    assert.equal(response.status, 200);
    assert.deepEqual(calls[0], {
      useCase: "downloadDocument",
      input: { token: TOKEN, module: "Documents", id: "25" },
    });
    assert.equal(response.headers.get("Content-Type"), "application/pdf");
    assert.equal(response.headers.get("Content-Length"), "3");
    assert.equal(
      response.headers.get("Content-Disposition"),
      `attachment; filename="contrat cadre.pdf"; filename*=UTF-8''contrat%20cadre.pdf`,
    );
    assert.equal(response.headers.get("X-Content-Type-Options"), "nosniff");
    assert.deepEqual([...new Uint8Array(await response.arrayBuffer())], [37, 80, 68]);
  }
});

Deno.test("a download without an id, or with other parameters, is refused; errors stay envelopes", async () => {
  const { app } = spyApp({
    downloadDocument: new DomainError("NOT_FOUND", "Documents record 25 has no file stored"),
  });
  const missing = await app.request(`${BASE}/Documents/25/download/${TOKEN}`);
  await expectFailure(missing, 404, "NOT_FOUND");
  const noId = await app.request(`${BASE}/Documents/download/${TOKEN}`);
  assert.match(await expectFailure(noId, 400, "INVALID_PARAMETER"), /names its document/);
  const withList = await app.request(`${BASE}/Documents/25/download/start/0/${TOKEN}`);
  await expectFailure(withList, 400, "INVALID_PARAMETER");
});

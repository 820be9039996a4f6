/**
 * A body's values are counted before it is parsed: a body of many tiny
 * values within the byte limit (a 1 MiB array of empty objects, a form of
 * 100,000 empty fields, multipart of tiny parts) used to cost seconds of the
 * event loop and hundreds of megabytes before being refused; now it is
 * refused with `PAYLOAD_TOO_LARGE` before any parsing, and the records are
 * never reached.
 */

import assert from "node:assert/strict";
import { holdsMoreValuesThan } from "../../adapters/http/body_values.ts";
import {
  adminToken,
  BASE,
  demoApp,
  expectFailure,
  expectSuccess,
  spyApp,
  TOKEN,
} from "./helpers.ts";

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";
const bytes = (text: string) => new TextEncoder().encode(text);

Deno.test("holdsMoreValuesThan counts form pairs, JSON values outside strings and multipart parts", () => {
  assert.equal(holdsMoreValuesThan(bytes("a=1&b=2&c=3"), FORM_TYPE, FORM_TYPE, 3), false);
  assert.equal(holdsMoreValuesThan(bytes("a=1&b=2&c=3&d"), FORM_TYPE, FORM_TYPE, 3), true);
  // Commas, quotes and escaped quotes inside strings are text, not separators.
  const json = '{"a":"x,y,z","b":"say \\"hi\\", then, go","c":[1,2]}';
  assert.equal(holdsMoreValuesThan(bytes(json), JSON_TYPE, JSON_TYPE, 4), false);
  assert.equal(holdsMoreValuesThan(bytes(json), JSON_TYPE, JSON_TYPE, 3), true);
  const part = (name: string) =>
    `--B1\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nv\r\n`;
  const multipart = part("a") + part("b") + "--B1--\r\n";
  const type = "multipart/form-data; boundary=B1";
  assert.equal(holdsMoreValuesThan(bytes(multipart), "multipart/form-data", type, 2), false);
  assert.equal(holdsMoreValuesThan(bytes(multipart), "multipart/form-data", type, 1), true);
  const quoted = 'multipart/form-data; boundary="B1"';
  assert.equal(holdsMoreValuesThan(bytes(multipart), "multipart/form-data", quoted, 1), true);
});

Deno.test("a body of more values than MAX_BODY_VALUES is refused before it is parsed", async (t) => {
  await t.step(
    "a 1 MiB JSON array of empty objects (was parsed whole: 400 after 0.5 s)",
    async () => {
      const { app, calls } = spyApp();
      const body = `[${Array(349_000).fill("{}").join(",")}]`;
      const response = await app.request(`${BASE}/Accounts/${TOKEN}`, {
        method: "POST",
        headers: { "Content-Type": JSON_TYPE },
        body,
      });
      const message = await expectFailure(response, 413, "PAYLOAD_TOO_LARGE");
      assert.match(message, /more than 10000 values/);
      assert.equal(calls.length, 0);
    },
  );

  await t.step("a form of 100,000 empty fields and multipart of tiny parts", async () => {
    const { app, calls } = spyApp();
    const form = Array.from({ length: 100_000 }, (_, index) => `k${index}=`).join("&");
    const formAnswer = await app.request(`${BASE}/Accounts/${TOKEN}`, {
      method: "POST",
      headers: { "Content-Type": FORM_TYPE },
      body: form,
    });
    await expectFailure(formAnswer, 413, "PAYLOAD_TOO_LARGE");
    const parts = Array.from(
      { length: 20_000 },
      (_, index) => `--B1\r\nContent-Disposition: form-data; name="k${index}"\r\n\r\n\r\n`,
    ).join("") + "--B1--\r\n";
    const multipartAnswer = await app.request(`${BASE}/Accounts/${TOKEN}`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=B1" },
      body: parts,
    });
    await expectFailure(multipartAnswer, 413, "PAYLOAD_TOO_LARGE");
    assert.equal(calls.length, 0);
  });

  await t.step("the limit is a setting; a body within it is read as before", async () => {
    const { app } = demoApp({ maxBodyValues: 3 });
    const token = await adminToken(app);
    const url = `${BASE}/Accounts/${token}`;
    const within = await app.request(url, {
      method: "POST",
      headers: { "Content-Type": JSON_TYPE },
      body: JSON.stringify({ accountname: "Commas, Inc.", website: "a,b,c.example" }),
    });
    assert.equal(typeof await expectSuccess(within, 201), "number");
    const beyond = await app.request(url, {
      method: "POST",
      headers: { "Content-Type": JSON_TYPE },
      body: JSON.stringify([{ accountname: "One" }, { accountname: "Two" }, {}, {}]),
    });
    await expectFailure(beyond, 413, "PAYLOAD_TOO_LARGE");
  });
});

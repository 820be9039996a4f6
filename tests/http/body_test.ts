/**
 * Create and update bodies: form-encoded (what the original PHP client sends)
 * and JSON, with the original's value clean-up.
 */

import assert from "node:assert/strict";
import { cleanFieldValue } from "../../adapters/http/field_value_cleaning.ts";
import { README_CREATE_FORM } from "../_fixtures/readme.ts";
import { BASE, expectFailure, expectSuccess, spyApp, TOKEN } from "./helpers.ts";

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
const JSON_TYPE = { "Content-Type": "application/json" };

/** POSTs (create) a body and returns the values the use case received. */
async function createdValues(
  body: BodyInit,
  headers: Record<string, string>,
  method = "POST",
): Promise<Record<string, unknown>> {
  const { app, calls } = spyApp();
  const url = method === "POST" ? `${BASE}/Accounts/${TOKEN}` : `${BASE}/Accounts/25/${TOKEN}`;
  const response = await app.request(url, { method, headers, body });
  await expectSuccess(response, method === "POST" ? 201 : 200);
  assert.equal(calls.length, 1);
  return calls[0].input.values as Record<string, unknown>;
}

/** Sends a create body that must be refused, and returns the message. */
async function refusedBody(body: BodyInit | null, headers: Record<string, string>) {
  const { app, calls } = spyApp();
  const response = await app.request(`${BASE}/Accounts/${TOKEN}`, {
    method: "POST",
    headers,
    body,
  });
  const message = await expectFailure(response, 400, "INVALID_PARAMETER");
  assert.equal(calls.length, 0);
  return message;
}

Deno.test("form-encoded bodies", async (t) => {
  await t.step("the README's create body, raw spaces and CR LF included", async () => {
    assert.deepEqual(await createdValues(README_CREATE_FORM, FORM), {
      accountname: "MediaToolBox",
      email1: "contact@mediatoolbox.fr",
      // As in PHP: + is a space in form encoding, and values are trimmed.
      phone: "33656896325",
      bill_street: "100 street beta test\r\nBat. B",
      bill_code: "34000",
      bill_city: "Montpellier",
      bill_country: "France",
    });
  });

  await t.step("PUT with a form body, as the PHP client sends updates", async () => {
    const values = await createdValues(
      "accountname=MediaToolBox2&email1=contact2@mediatoolbox.fr",
      FORM,
      "PUT",
    );
    assert.deepEqual(values, {
      accountname: "MediaToolBox2",
      email1: "contact2@mediatoolbox.fr",
    });
  });

  await t.step("percent-encoding, + and a charset in the Content-Type", async () => {
    const values = await createdValues(
      "accountname=Caf%C3%A9+du+Port&description=a%2Bb%26c%3Dd",
      { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" },
    );
    assert.deepEqual(values, { accountname: "Café du Port", description: "a+b&c=d" });
  });

  await t.step("\\/ means /, tags are stripped, values trimmed", async () => {
    const values = await createdValues(
      "website=http:\\/\\/www.mediacrm.fr\\/&description=  <b>Bold<\\/b> <script>x()</script>ok  ",
      FORM,
    );
    assert.deepEqual(values, { website: "http://www.mediacrm.fr/", description: "Bold x()ok" });
  });

  await t.step("a repeated field keeps its last value, as PHP does", async () => {
    assert.deepEqual(await createdValues("accountname=A&accountname=B", FORM), {
      accountname: "B",
    });
  });

  await t.step("an empty body gives no values, for the use case to judge", async () => {
    assert.deepEqual(await createdValues("", FORM), {});
    const { app, calls } = spyApp();
    await app.request(`${BASE}/Accounts/${TOKEN}`, { method: "POST" });
    assert.deepEqual(calls[0].input.values, {});
  });

  await t.step("a field named __proto__ stays a plain field", async () => {
    const values = await createdValues("__proto__=x&accountname=A", FORM);
    assert.equal(Object.getPrototypeOf(values), Object.prototype);
    assert.deepEqual(Object.keys(values).sort(), ["__proto__", "accountname"]);
  });

  await t.step("a value without a field name is refused", async () => {
    assert.match(await refusedBody("=x&accountname=A", FORM), /without a field name/);
  });
});

Deno.test("JSON bodies", async (t) => {
  await t.step("strings, numbers, booleans and null", async () => {
    const values = await createdValues(
      JSON.stringify({
        accountname: " MediaToolBox ",
        employees: 12,
        annual_revenue: 1500.5,
        emailoptout: true,
        notify_owner: false,
        description: null,
      }),
      JSON_TYPE,
    );
    assert.deepEqual(values, {
      accountname: "MediaToolBox",
      employees: "12",
      annual_revenue: "1500.5",
      emailoptout: "1",
      notify_owner: "0",
      description: "",
    });
  });

  await t.step("the same clean-up as forms", async () => {
    const values = await createdValues(
      JSON.stringify({ website: "http:\\/\\/x.fr", description: "<i>hi</i> " }),
      { "Content-Type": "application/json; charset=utf-8" },
      "PUT",
    );
    assert.deepEqual(values, { website: "http://x.fr", description: "hi" });
  });

  await t.step("nested objects and arrays are refused, naming the field", async () => {
    assert.match(
      await refusedBody(JSON.stringify({ accountname: "A", bill: { city: "X" } }), JSON_TYPE),
      /^Field 'bill' must be a string, number, boolean or null/,
    );
    assert.match(
      await refusedBody(JSON.stringify({ tags: ["a"] }), JSON_TYPE),
      /^Field 'tags'/,
    );
  });

  await t.step("a body that is not an object is refused", async () => {
    for (const body of ["[1,2]", '"text"', "42", "null"]) {
      assert.match(await refusedBody(body, JSON_TYPE), /must be an object/);
    }
  });

  await t.step("malformed JSON is refused", async () => {
    assert.match(await refusedBody('{"accountname": ', JSON_TYPE), /not valid JSON/);
  });
});

Deno.test("other bodies", async (t) => {
  await t.step("a missing Content-Type is refused with a clear message", async () => {
    const message = await refusedBody(new Blob(["accountname=A"]), {});
    assert.match(message, /no Content-Type/);
    assert.match(
      message,
      /application\/x-www-form-urlencoded, application\/json or multipart\/form-data/,
    );
  });

  await t.step("another Content-Type is refused, naming it", async () => {
    assert.match(
      await refusedBody("accountname=A", { "Content-Type": "text/plain" }),
      /^Content-Type 'text\/plain' is not supported/,
    );
    assert.match(
      await refusedBody("garbage", { "Content-Type": "multipart/form-data; boundary=x" }),
      /not valid multipart\/form-data/,
    );
  });

  await t.step("bytes that are not UTF-8 are refused", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("accountname="), 0xff, 0xfe]);
    assert.match(await refusedBody(bytes, FORM), /not valid UTF-8/);
  });

  await t.step("a GET or DELETE body is never read", async () => {
    const { app, calls } = spyApp();
    const response = await app.request(`${BASE}/Accounts/25/${TOKEN}`, {
      method: "DELETE",
      headers: { "Content-Type": "text/plain" },
      body: "ignored",
    });
    assert.equal(await expectSuccess(response), true);
    assert.equal(calls[0].useCase, "deleteRecord");
  });
});

Deno.test("cleanFieldValue", async (t) => {
  const cases: Array<[string, string]> = [
    ["  plain  ", "plain"],
    ["a\\/b\\/c", "a/b/c"],
    ["back\\slash", "back\\slash"],
    ["<p>para</p>", "para"],
    ["<<b>script>alert(1)<</b>/script>", "alert(1)"],
    ["<!-- note -->text", "text"],
    ["1 < 2 and 3 > 2", "1 < 2 and 3 > 2"],
    ["<a href=\\/x>link<\\/a>", "link"],
    ["line1\r\nline2", "line1\r\nline2"],
  ];
  for (const [input, output] of cases) {
    await t.step(JSON.stringify(input), () => assert.equal(cleanFieldValue(input), output));
  }
});

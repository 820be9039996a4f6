/**
 * The HTTP layer's own INVALID_PARAMETER answers: malformed parameters, path
 * segments and combinations, always one sentence naming the parameter and
 * never zod's output, and no use case runs.
 */

import assert from "node:assert/strict";
import { PARAM_NAMES } from "../../adapters/http/params_schema.ts";
import { BASE, envelope, expectFailure, expectSuccess, spyApp, TOKEN } from "./helpers.ts";

const Q = `${BASE}/index.php`;

Deno.test("the HTTP layer refuses bad parameters with INVALID_PARAMETER", async (t) => {
  const cases: Array<[string, string, RegExp]> = [
    [`${BASE}/Accounts/start/x/${TOKEN}`, "start in a path", /^Parameter 'start' .* not 'x'$/],
    [`${Q}?module=Accounts&start=-1&token=${TOKEN}`, "negative start", /Parameter 'start'.*'-1'/],
    [`${Q}?module=Accounts&length=2.5&token=${TOKEN}`, "decimal length", /Parameter 'length'/],
    [
      `${Q}?module=Accounts&start=99999999999999999999&token=${TOKEN}`,
      "start beyond any page, quoted as given",
      /^Parameter 'start' must be .*, not '99999999999999999999'$/,
    ],
    [
      `${BASE}/Accounts/length/18446744073709551617/${TOKEN}`,
      "length beyond any page, quoted as given",
      /^Parameter 'length' must be .*, not '18446744073709551617'$/,
    ],
    [`${Q}?module=Accounts&id=3x&token=${TOKEN}`, "id", /^Parameter 'id' .* not '3x'$/],
    [`${Q}?module=Acc-ounts&token=${TOKEN}`, "module", /^Parameter 'module' .*'Acc-ounts'$/],
    [`${BASE}/Acc%20ounts/${TOKEN}`, "module in a path", /Parameter 'module'.*'Acc ounts'/],
    [`${Q}?token=${TOKEN}`, "missing module", /^Parameter 'module' is missing$/],
    [`${BASE}/`, "bare base path", /^Parameter 'module' is missing$/],
    [
      `${Q}?module=Accounts&picklist=rating&picklistdep=2&token=${TOKEN}`,
      "picklistdep",
      /^Parameter 'picklistdep' must be 0 or 1, not '2'$/,
    ],
    [
      `${Q}?module=Accounts&picklist=rat%20ing&token=${TOKEN}`,
      "picklist field",
      /Parameter 'picklist'/,
    ],
    [
      `${Q}?module=Accounts&start=1&start=2&token=${TOKEN}`,
      "a repeated parameter",
      /^Parameter 'start' is given more than once$/,
    ],
    [
      `${Q}?module=Accounts&order=${"x".repeat(5000)}&token=${TOKEN}`,
      "an overlong order",
      /^Parameter 'order' must be at most 4000 characters long, not 'x{60}…'$/,
    ],
    [`${BASE}/Accounts/bogus/1/${TOKEN}`, "unknown path name", /Path segment 'bogus'/],
    [`${BASE}/Accounts/start/${TOKEN}`, "pair without value", /'start' has no value/],
    [`${BASE}/Accounts/start/0/start/1/${TOKEN}`, "repeated pair", /given more than once/],
    [`${BASE}/Accounts/3/4/${TOKEN}`, "two ids", /two record ids/],
    [`${BASE}/Accounts/criteria/%E0%A4%A/${TOKEN}`, "bad encoding", /not valid URL encoding/],
    [`${BASE}/Accounts/3/picklist/rating/${TOKEN}`, "id with picklist", /does not go with/],
    [`${Q}?module=Accounts&id=3&start=0&token=${TOKEN}`, "id with start", /'start' does not go/],
    [`${Q}?module=Accounts&picklistdep=1&token=${TOKEN}`, "picklistdep alone", /'picklistdep'/],
    [`${Q}?module=Accounts&key=abc&token=${TOKEN}`, "key on a module", /'key' does not go/],
    [`${Q}?module=Auth`, "login without credentials", /^A login needs/],
    [`${Q}?module=Auth&login=admin`, "login without password", /'password' is missing/],
    [`${Q}?module=Auth&password=admin`, "password without login", /'login' is missing/],
    [`${BASE}/auth`, "bare auth", /^A login needs/],
    [`${BASE}/auth/a/b/c`, "auth with three segments", /^A login is/],
    [
      `${Q}?module=Accounts&lenght=2&token=${TOKEN}`,
      "a misspelt parameter",
      new RegExp(
        `^Parameter 'lenght' is not a parameter of the protocol \\(${PARAM_NAMES.join(", ")}\\)$`,
      ),
    ],
    [`${Q}?module=Auth&key=abc&user=x`, "an unknown parameter of a login", /'user' is not a/],
    [`${Q}?module=Accounts&action=Delete&id=3&token=${TOKEN}`, "action", /'action' is not/],
    [`${Q}?module=Accounts&Start=2&token=${TOKEN}`, "names are case-sensitive", /'Start' is not/],
  ];
  for (const [url, label, message] of cases) {
    await t.step(label, async () => {
      const { app, calls } = spyApp();
      const text = await expectFailure(await app.request(url), 400, "INVALID_PARAMETER");
      assert.match(text, message);
      assert.equal(calls.length, 0, "no use case runs");
    });
  }

  await t.step("zod's own output never reaches the client", async () => {
    const { app } = spyApp();
    const response = await app.request(`${Q}?module=Accounts&start=abc&token=${TOKEN}`);
    const body = await envelope(response);
    assert.deepEqual(Object.keys(body.error!).sort(), ["code", "message"]);
    assert.ok(!JSON.stringify(body).includes("issues"));
  });

  await t.step("a token both in the header and in the path", async () => {
    const { app } = spyApp();
    const headers = { Authorization: `Bearer ${TOKEN}` };
    const response = await app.request(`${BASE}/Accounts/3/${TOKEN}`, { headers });
    assert.match(await expectFailure(response, 400, "INVALID_PARAMETER"), /both/);
  });

  await t.step("different tokens in the header and the query", async () => {
    const { app } = spyApp();
    const headers = { Authorization: `Bearer ${"a".repeat(32)}` };
    const response = await app.request(`${Q}?module=Accounts&token=${TOKEN}`, { headers });
    assert.match(await expectFailure(response, 400, "INVALID_PARAMETER"), /different/);
  });
});

Deno.test("tokens the HTTP layer looks at", async (t) => {
  await t.step("Bearer without a token is TOKEN_NOT_FOUND", async () => {
    const { app } = spyApp();
    for (const header of ["Bearer", "Bearer   "]) {
      const response = await app.request(`${BASE}/Accounts/3`, {
        headers: { Authorization: header },
      });
      await expectFailure(response, 401, "TOKEN_NOT_FOUND");
    }
  });
});

Deno.test("\\/ means / in every parameter, as the original module read them", async (t) => {
  await t.step("query style: criteria, order, login and password", async () => {
    const { app, calls } = spyApp();
    await app.request(
      `${Q}?module=Accounts&criteria=website:https:\\/\\/x.example\\/fr&order=website&token=${TOKEN}`,
    );
    await app.request(`${Q}?module=Auth&login=a\\/b&password=p\\/w`);
    assert.deepEqual(calls.map((call) => call.input.criteria ?? call.input.password), [
      "website:https://x.example/fr",
      "p/w",
    ]);
    assert.equal(calls[1].input.userName, "a/b");
  });

  await t.step("path style, the backslash and slash percent-encoded", async () => {
    const { app, calls } = spyApp();
    await app.request(`${BASE}/Accounts/criteria/website:https:%5C%2F%5C%2Fx.example/${TOKEN}`);
    assert.equal(calls[0].input.criteria, "website:https://x.example");
  });

  await t.step("the cache buster _ is accepted and ignored", async () => {
    const { app, calls } = spyApp();
    await expectSuccess(await app.request(`${Q}?module=Accounts&id=3&token=${TOKEN}&_=17`));
    assert.equal(calls[0].useCase, "getRecord");
  });
});

/**
 * Every answer is `no-store` and `nosniff`, and no error message quotes a
 * token or a password back, whatever URL carried it.
 */

import assert from "node:assert/strict";
import { adminToken, BASE, demoApp, envelope } from "./helpers.ts";

Deno.test("security headers on every kind of answer", async (t) => {
  const { app } = demoApp();
  const token = await adminToken(app);
  const answers: Array<[string, string, RequestInit?]> = [
    ["login", `${BASE}/auth/admin/admin`],
    ["failed login", `${BASE}/auth/admin/wrong`],
    ["list", `${BASE}/Accounts/${token}`],
    ["record", `${BASE}/index.php?module=Accounts&id=3&token=${token}`],
    ["create", `${BASE}/Accounts/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "accountname=Headers",
    }],
    ["invalid token", `${BASE}/Accounts/${"0".repeat(32)}`],
    ["no route", "/nowhere"],
    ["health", "/healthz"],
  ];
  for (const [what, url, init] of answers) {
    await t.step(what, async () => {
      const response = await app.request(url, init);
      await response.body?.cancel();
      assert.equal(response.headers.get("Cache-Control"), "no-store");
      assert.equal(response.headers.get("X-Content-Type-Options"), "nosniff");
      assert.equal(response.headers.get("X-Frame-Options"), "SAMEORIGIN");
      assert.equal(
        response.headers.get("Content-Security-Policy"),
        "default-src 'none'; frame-ancestors 'none'",
      );
      assert.equal(response.headers.get("Strict-Transport-Security"), null);
    });
  }
});

Deno.test("no error message quotes a token or a password", async (t) => {
  const { app } = demoApp();
  const token = await adminToken(app);
  const password = "Pa55word-Secret";
  const bearer = { headers: { Authorization: `Bearer ${token}` } };
  const mistakes: Array<[string, string, RequestInit?]> = [
    ["a mistyped base path", `/modules/restfulapi/Accounts/${token}`],
    ["no base path", `/Accounts/3/${token}`],
    ["a password login under a wrong base", `/modules/RestfulAPI/auth/admin/${password}`],
    ["a token segment with bad encoding", `${BASE}/Accounts/${token}%zz`],
    ["a password with bad encoding", `${BASE}/auth/admin/${password}%E0%A4%A`],
    ["a near-token in the path as well as a Bearer", `${BASE}/Accounts/${token}x`, bearer],
    ["the token as a criteria value", `${BASE}/Accounts/criteria/${token}`, bearer],
    ["the token as the id", `${BASE}/index.php?module=Accounts&id=${token}`, bearer],
  ];
  for (const [what, url, init] of mistakes) {
    await t.step(what, async () => {
      const body = await envelope(await app.request(url, init));
      assert.equal(body.success, false);
      const message = body.error?.message ?? "";
      assert.ok(!message.includes(token.slice(0, 16)), message);
      assert.ok(!message.includes(password), message);
    });
  }
});

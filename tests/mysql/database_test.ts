/**
 * `parseDatabaseUrl`: what a `mysql://` URL connects to, its defaults, and a
 * TypeError naming what is wrong with a bad one. Needs no database.
 */

import assert from "node:assert/strict";
import { parseDatabaseUrl } from "../../adapters/mysql/database.ts";

function refused(url: string, message: RegExp): void {
  assert.throws(
    () => parseDatabaseUrl(url),
    (error: unknown) => error instanceof TypeError && message.test(error.message),
    url,
  );
}

Deno.test("parseDatabaseUrl", async (t) => {
  await t.step("every part, percent-decoded", () => {
    assert.deepEqual(parseDatabaseUrl("mysql://crm:p%40ss%3Aw0rd@db.example:3307/vtiger%20prod"), {
      host: "db.example",
      port: 3307,
      user: "crm",
      password: "p@ss:w0rd",
      database: "vtiger prod",
    });
  });

  await t.step("defaults: port 3306, user root, no password, no database", () => {
    assert.deepEqual(parseDatabaseUrl("mysql://db.example"), {
      host: "db.example",
      port: 3306,
      user: "root",
      password: "",
      database: "",
    });
    assert.deepEqual(
      parseDatabaseUrl("mysql://db.example/"),
      parseDatabaseUrl("mysql://db.example"),
    );
    assert.equal(parseDatabaseUrl("mysql://vt@db.example/vtiger").user, "vt");
  });

  await t.step("no host is 127.0.0.1; an IPv6 host loses its brackets", () => {
    assert.equal(parseDatabaseUrl("mysql:///vtiger").host, "127.0.0.1");
    assert.equal(parseDatabaseUrl("mysql:///vtiger").database, "vtiger");
    const ipv6 = parseDatabaseUrl("mysql://root@[::1]:3310/vtiger");
    assert.equal(ipv6.host, "::1");
    assert.equal(ipv6.port, 3310);
  });

  await t.step("a query string is not part of the database name", () => {
    assert.equal(parseDatabaseUrl("mysql://db.example/vtiger?ssl=true").database, "vtiger");
  });

  await t.step("not a URL, or not mysql:", () => {
    refused("not a url", /not a valid URL/);
    refused("mysql://db.example:99999/vtiger", /not a valid URL/);
    refused("postgres://db.example/vtiger", /scheme 'postgres:' is not 'mysql:'/);
    refused("https://db.example/vtiger", /scheme 'https:'/);
  });

  await t.step("a database name with '/', written or encoded", () => {
    refused(
      "mysql://db.example/vtiger/extra",
      /database name 'vtiger\/extra' must not contain '\/'/,
    );
    refused("mysql://db.example/a%2Fb", /'a\/b'/);
  });

  await t.step("a malformed percent escape names the part it is in", () => {
    refused("mysql://crm:%zz@db.example/vtiger", /password/);
    refused("mysql://%E0%A4@db.example/vtiger", /user name/);
    refused("mysql://db.example/%E0%A4%A", /database name/);
  });
});

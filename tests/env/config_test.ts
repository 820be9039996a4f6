import assert from "node:assert/strict";
import { ConfigError, readConfig } from "../../adapters/env/config.ts";

function rejects(env: Record<string, string>, message: string): void {
  assert.throws(() => readConfig(env), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.message, message);
    return true;
  });
}

Deno.test("configuration from the environment", async (t) => {
  await t.step("defaults when nothing is set (empty values count as unset)", () => {
    const config = readConfig({ PORT: "", VTIGER_DB_URL: "" });
    assert.equal(config.PORT, 8080);
    assert.equal(config.BASE_PATH, "/modules/RestfulApi");
    assert.equal(config.VTIGER_DB_URL, undefined);
    assert.equal(config.TOKEN_TTL_SECONDS, 3600);
    assert.equal(config.MAX_PAGE_LENGTH, 1000);
    assert.equal(config.CORS_ORIGIN, "*");
  });

  await t.step("reads and converts given values", () => {
    const config = readConfig({
      PORT: "9000",
      BASE_PATH: "/api",
      VTIGER_DB_URL: "mysql://u:p@db:3306/vtiger",
      MAX_PAGE_LENGTH: "50",
    });
    assert.equal(config.PORT, 9000);
    assert.equal(config.BASE_PATH, "/api");
    assert.equal(config.VTIGER_DB_URL, "mysql://u:p@db:3306/vtiger");
    assert.equal(config.MAX_PAGE_LENGTH, 50);
  });

  await t.step("names the variable and quotes the bad value", () => {
    rejects({ PORT: "abc" }, "PORT 'abc' is invalid: must be a whole number");
    rejects({ PORT: "70000" }, "PORT '70000' is invalid: must be 1 to 65535");
    rejects({ TOKEN_TTL_SECONDS: "0" }, "TOKEN_TTL_SECONDS '0' is invalid: must be above 0");
    rejects({ BASE_PATH: "api" }, "BASE_PATH 'api' is invalid: must look like /modules/RestfulApi");
  });

  await t.step("never prints a database password", () => {
    rejects(
      { VTIGER_DB_URL: "postgres://user:TopSecret@host/db" },
      "VTIGER_DB_URL 'postgres://user:***@host/db' is invalid: must be mysql://user:pass@host:3306/db",
    );
  });
});

Deno.test("configuration: VTIGER_TIMEZONE is an IANA zone, UTC by default", () => {
  assert.equal(readConfig({}).VTIGER_TIMEZONE, "UTC");
  assert.equal(readConfig({ VTIGER_TIMEZONE: "Asia/Tokyo" }).VTIGER_TIMEZONE, "Asia/Tokyo");
  rejects(
    { VTIGER_TIMEZONE: "Mars/Olympus" },
    "VTIGER_TIMEZONE 'Mars/Olympus' is invalid: must be an IANA time zone like Asia/Tokyo",
  );
});

Deno.test("configuration: AUTH_CACHE_SECONDS from 0 (off) to 60, POOL_SIZE above 0", () => {
  const defaults = readConfig({});
  assert.equal(defaults.AUTH_CACHE_SECONDS, 5);
  assert.equal(defaults.POOL_SIZE, 10);
  assert.equal(readConfig({ AUTH_CACHE_SECONDS: "0" }).AUTH_CACHE_SECONDS, 0);
  assert.equal(readConfig({ POOL_SIZE: "24" }).POOL_SIZE, 24);
  rejects({ AUTH_CACHE_SECONDS: "61" }, "AUTH_CACHE_SECONDS '61' is invalid: must be at most 60");
  rejects({ AUTH_CACHE_SECONDS: "-1" }, "AUTH_CACHE_SECONDS '-1' is invalid: must be 0 or more");
  rejects({ POOL_SIZE: "0" }, "POOL_SIZE '0' is invalid: must be above 0");
});

Deno.test("configuration: VTIGER_DB_READ_URL needs VTIGER_DB_URL; READ_YOUR_WRITES_SECONDS 5", () => {
  const primary = "mysql://u:p@db:3306/vtiger";
  const replica = "mysql://u:p@replica:3306/vtiger";
  const config = readConfig({ VTIGER_DB_URL: primary, VTIGER_DB_READ_URL: replica });
  assert.equal(config.VTIGER_DB_READ_URL, replica);
  assert.equal(config.READ_YOUR_WRITES_SECONDS, 5);
  assert.equal(readConfig({ READ_YOUR_WRITES_SECONDS: "2" }).READ_YOUR_WRITES_SECONDS, 2);
  rejects(
    { VTIGER_DB_READ_URL: replica },
    "VTIGER_DB_READ_URL is set without VTIGER_DB_URL: a replica needs its primary",
  );
  rejects(
    { VTIGER_DB_URL: primary, VTIGER_DB_READ_URL: "http://user:Secret@replica/db" },
    "VTIGER_DB_READ_URL 'http://user:***@replica/db' is invalid: must be mysql://user:pass@host:3306/db",
  );
  rejects(
    { READ_YOUR_WRITES_SECONDS: "0" },
    "READ_YOUR_WRITES_SECONDS '0' is invalid: must be above 0",
  );
});

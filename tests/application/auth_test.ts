/**
 * Logging in and out, and what a token is worth afterwards.
 */

import assert from "node:assert/strict";
import { createUseCases } from "../../application/use_cases.ts";
import { MemoryUserDirectory } from "../../adapters/memory/memory_user_directory.ts";
import { DEMO_USERS } from "../../adapters/memory/demo/demo_users.ts";
import { demo, rejectsDomainError } from "./_support.ts";

const HEX_TOKEN = /^[0-9a-f]{32}$/;
const UNKNOWN_TOKEN = "0123456789abcdef0123456789abcdef";

Deno.test("login with password", async (t) => {
  await t.step("admin/admin gets a token that works", async () => {
    const { useCases, login } = demo();
    const token = await login("admin", "admin");
    assert.match(token, HEX_TOKEN);
    const accounts = await useCases.listRecords.execute({ token, module: "Accounts" });
    assert.equal(accounts.length, 2);
  });

  await t.step("each login gets its own token; both stay valid", async () => {
    const { useCases, login } = demo();
    const first = await login("admin");
    const second = await login("admin");
    assert.notEqual(first, second);
    for (const token of [first, second]) {
      await useCases.getRecord.execute({ token, module: "Accounts", id: 3 });
    }
  });

  await t.step("users with each crypt type log in (PHP5.3MD5, PHASH)", async () => {
    const { login } = demo();
    assert.match(await login("sales", "sales"), HEX_TOKEN);
    assert.match(await login("support", "support"), HEX_TOKEN);
  });

  await t.step("the session is stored under the token's hash, never the token", async () => {
    const { ports, login } = demo();
    const token = await login("admin");
    assert.equal(await ports.sessions.find(token), undefined);
    const session = await ports.sessions.find(await ports.tokens.hash(token));
    assert.equal(session?.userId, 1);
    assert.deepEqual(session?.createdAt, new Date("2017-09-04T09:29:22Z"));
    assert.deepEqual(session?.expiresAt, new Date("2017-09-04T10:29:22Z"));
  });

  await t.step("wrong password, unknown user, empty password: AUTH_FAILED", async () => {
    const { login } = demo();
    const wrong = await rejectsDomainError(login("admin", "wrong"), "AUTH_FAILED", "'admin'");
    const unknown = await rejectsDomainError(login("nobody", "admin"), "AUTH_FAILED", "'nobody'");
    await rejectsDomainError(login("admin", ""), "AUTH_FAILED");
    await rejectsDomainError(login("", ""), "AUTH_FAILED");
    await rejectsDomainError(login("sales", "admin"), "AUTH_FAILED");
    assert.equal(
      wrong.message.replace("admin", "X"),
      unknown.message.replace("nobody", "X"),
      "the message does not tell which of the two was wrong",
    );
  });

  await t.step("an inactive user with the right password: AUTH_FAILED", async () => {
    const { ports, login } = demo();
    const former = await ports.users.findByUserName("former");
    assert.ok(former !== undefined && !former.active);
    assert.equal(await ports.passwords.verify("former", former), true, "the password is right");
    await rejectsDomainError(login("former", "former"), "AUTH_FAILED", "inactive");
  });

  await t.step("a failed login opens no session", async () => {
    const { ports, useCases } = demo();
    let saved = 0;
    const save = ports.sessions.save.bind(ports.sessions);
    ports.sessions.save = (session) => {
      saved++;
      return save(session);
    };
    await rejectsDomainError(
      useCases.loginWithPassword.execute({ userName: "admin", password: "x" }),
      "AUTH_FAILED",
    );
    assert.equal(saved, 0);
  });
});

Deno.test("login with access key", async (t) => {
  await t.step("the admin's key logs in as the admin", async () => {
    const { useCases } = demo();
    const token = await useCases.loginWithAccessKey.execute({ accessKey: "DemoAccessKey016" });
    assert.match(token, HEX_TOKEN);
    const record = await useCases.getRecord.execute({ token, module: "Accounts", id: 3 });
    assert.equal(record.annual_revenue, "0.00000000", "an admin sees every field");
  });

  await t.step("the sales key logs in as sales, with sales' rights", async () => {
    const { useCases } = demo();
    const token = await useCases.loginWithAccessKey.execute({ accessKey: "DemoSalesKey0005" });
    const record = await useCases.getRecord.execute({ token, module: "Accounts", id: 3 });
    assert.equal(Object.hasOwn(record, "annual_revenue"), false);
  });

  await t.step("surrounding spaces are ignored", async () => {
    const { useCases } = demo();
    const token = await useCases.loginWithAccessKey.execute({ accessKey: " DemoAccessKey016 " });
    assert.match(token, HEX_TOKEN);
  });

  await t.step("a wrong or empty key: AUTH_FAILED", async () => {
    const { useCases } = demo();
    for (const accessKey of ["DemoAccessKey017", "demoaccesskey016", "", "   ", "admin"]) {
      await rejectsDomainError(
        useCases.loginWithAccessKey.execute({ accessKey }),
        "AUTH_FAILED",
        "The access key is wrong or its user is inactive",
      );
    }
  });

  await t.step("an inactive user's key: AUTH_FAILED", async () => {
    const { useCases } = demo();
    await rejectsDomainError(
      useCases.loginWithAccessKey.execute({ accessKey: "DemoFormerKey007" }),
      "AUTH_FAILED",
    );
  });
});

Deno.test("logout", async (t) => {
  await t.step("revokes the token: then INVALID_TOKEN everywhere", async () => {
    const { useCases, login } = demo();
    const token = await login("admin");
    assert.equal(await useCases.logout.execute({ token }), true);
    await rejectsDomainError(
      useCases.listRecords.execute({ token, module: "Accounts" }),
      "INVALID_TOKEN",
    );
    await rejectsDomainError(
      useCases.getRecord.execute({ token, module: "Accounts", id: 3 }),
      "INVALID_TOKEN",
    );
  });

  await t.step("logging out twice: INVALID_TOKEN the second time", async () => {
    const { useCases, login } = demo();
    const token = await login("admin");
    await useCases.logout.execute({ token });
    await rejectsDomainError(
      useCases.logout.execute({ token }),
      "INVALID_TOKEN",
      "The token is unknown, was revoked or has expired",
    );
  });

  await t.step("other sessions of the same user stay open", async () => {
    const { useCases, login } = demo();
    const kept = await login("admin");
    await useCases.logout.execute({ token: await login("admin") });
    assert.equal(
      (await useCases.listRecords.execute({ token: kept, module: "Accounts" })).length,
      2,
    );
  });

  await t.step("no token, malformed, unknown", async () => {
    const { useCases } = demo();
    await rejectsDomainError(useCases.logout.execute({ token: undefined }), "TOKEN_NOT_FOUND");
    await rejectsDomainError(useCases.logout.execute({ token: "" }), "TOKEN_NOT_FOUND");
    await rejectsDomainError(useCases.logout.execute({ token: "abc" }), "INVALID_TOKEN");
    await rejectsDomainError(useCases.logout.execute({ token: UNKNOWN_TOKEN }), "INVALID_TOKEN");
  });
});

Deno.test("tokens on other calls", async (t) => {
  const { useCases } = demo();
  await t.step("no token: TOKEN_NOT_FOUND", async () => {
    await rejectsDomainError(
      useCases.listRecords.execute({ token: undefined, module: "Accounts" }),
      "TOKEN_NOT_FOUND",
    );
  });
  await t.step("malformed token: INVALID_TOKEN", async () => {
    await rejectsDomainError(
      useCases.getRecord.execute({ token: "f7171f3d8e1332676", module: "Accounts", id: 3 }),
      "INVALID_TOKEN",
    );
  });
  await t.step("a well-formed token nobody was given: INVALID_TOKEN", async () => {
    await rejectsDomainError(
      useCases.listRecords.execute({ token: UNKNOWN_TOKEN, module: "Accounts" }),
      "INVALID_TOKEN",
      "unknown or has expired",
    );
  });
  await t.step("a token whose user has since been deactivated: INVALID_TOKEN", async () => {
    const { ports, login } = demo();
    const token = await login("sales");
    const users = new MemoryUserDirectory(
      DEMO_USERS.map((user) => user.userName === "sales" ? { ...user, active: false } : user),
    );
    const later = createUseCases({ ...ports, users });
    await rejectsDomainError(
      later.listRecords.execute({ token, module: "Accounts" }),
      "INVALID_TOKEN",
      "no longer active",
    );
  });

  await t.step("the token is checked before the module", async () => {
    await rejectsDomainError(
      useCases.listRecords.execute({ token: UNKNOWN_TOKEN, module: "Nope" }),
      "INVALID_TOKEN",
    );
  });
});

Deno.test("token expiry", async (t) => {
  await t.step("an unused token dies after the TTL, to the second", async () => {
    const { clock, useCases, login } = demo({ settings: { sessionTtlSeconds: 60 } });
    const token = await login("admin");
    const other = await login("admin");
    clock.advance(59);
    await useCases.listRecords.execute({ token: other, module: "Accounts" });
    clock.advance(1);
    await rejectsDomainError(
      useCases.listRecords.execute({ token, module: "Accounts" }),
      "INVALID_TOKEN",
      "expired",
    );
  });

  await t.step("the default TTL is one hour", async () => {
    const { clock, useCases, login } = demo();
    const token = await login("admin");
    const unused = await login("admin");
    clock.advance(3599);
    await useCases.getRecord.execute({ token, module: "Accounts", id: 3 });
    clock.advance(1);
    await rejectsDomainError(
      useCases.getRecord.execute({ token: unused, module: "Accounts", id: 3 }),
      "INVALID_TOKEN",
    );
  });

  await t.step("each use slides the expiry a full TTL forward", async () => {
    const { clock, ports, useCases, login } = demo({ settings: { sessionTtlSeconds: 60 } });
    const token = await login("admin");
    const hash = await ports.tokens.hash(token);
    const list = () => useCases.listRecords.execute({ token, module: "Accounts" });
    clock.advance(50);
    await list();
    assert.deepEqual(
      (await ports.sessions.find(hash))?.expiresAt,
      new Date(Date.parse("2017-09-04T09:29:22Z") + 110_000),
    );
    clock.advance(50); // 100 s after login, alive only thanks to the slide
    await list();
    clock.advance(59);
    await list();
    clock.advance(60);
    await rejectsDomainError(list(), "INVALID_TOKEN");
  });

  await t.step("a use within a tenth of the TTL does not rewrite the session", async () => {
    const { clock, ports, useCases, login } = demo({ settings: { sessionTtlSeconds: 600 } });
    const token = await login("admin");
    const hash = await ports.tokens.hash(token);
    const before = (await ports.sessions.find(hash))?.expiresAt;
    clock.advance(59);
    await useCases.listRecords.execute({ token, module: "Accounts" });
    assert.deepEqual((await ports.sessions.find(hash))?.expiresAt, before);
    clock.advance(1);
    await useCases.listRecords.execute({ token, module: "Accounts" });
    assert.deepEqual(
      (await ports.sessions.find(hash))?.expiresAt,
      new Date(Date.parse("2017-09-04T09:29:22Z") + 660_000),
    );
  });

  await t.step(
    "logging out an expired token: INVALID_TOKEN, and its session is removed",
    async () => {
      const { clock, ports, useCases, login } = demo({ settings: { sessionTtlSeconds: 60 } });
      const token = await login("admin");
      const hash = await ports.tokens.hash(token);
      clock.advance(60);
      await rejectsDomainError(useCases.logout.execute({ token }), "INVALID_TOKEN", "expired");
      assert.equal(await ports.sessions.find(hash), undefined);
    },
  );

  await t.step("logging out just before expiry works", async () => {
    const { clock, useCases, login } = demo({ settings: { sessionTtlSeconds: 60 } });
    const token = await login("admin");
    clock.advance(59);
    assert.equal(await useCases.logout.execute({ token }), true);
  });
});

/**
 * Sessions: expiry, sliding, and the form of tokens.
 */

import assert from "node:assert/strict";
import {
  isExpired,
  openSession,
  requireWellFormedToken,
  sessionEnd,
  type SessionLifetime,
  sessionStillValid,
  slidExpiry,
  TOKEN_PATTERN,
} from "../../domain/session.ts";
import type { UserAccount } from "../../domain/user.ts";
import { throwsDomainError } from "./_assert_error.ts";

const T0 = new Date("2017-09-04T09:29:22Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const DAY = 86_400;
const lifetime = (ttlSeconds: number, maxAgeSeconds = DAY): SessionLifetime => ({
  ttlSeconds,
  maxAgeSeconds,
});

const USER: UserAccount = {
  id: 5,
  userName: "sales",
  isAdmin: false,
  active: true,
  passwordHash: "$1$sa000000$hash",
  cryptType: "PHP5.3MD5",
  accessKey: "SalesKey",
  credentialFingerprint: "f1",
};

Deno.test("openSession", async (t) => {
  await t.step("expires a sliding lifetime after login, with the user's fingerprint", () => {
    assert.deepEqual(openSession("hash", USER, T0, lifetime(3600)), {
      tokenHash: "hash",
      userId: 5,
      createdAt: T0,
      expiresAt: new Date("2017-09-04T10:29:22Z"),
      credentialFingerprint: "f1",
    });
  });
  await t.step("never past the absolute lifetime", () => {
    assert.deepEqual(openSession("hash", USER, T0, lifetime(3600, 600)).expiresAt, at(600));
  });
});

Deno.test("isExpired", async (t) => {
  const session = openSession("hash", USER, T0, lifetime(60));
  await t.step("alive until the last millisecond before expiry", () => {
    assert.equal(isExpired(session, T0, lifetime(60)), false);
    assert.equal(isExpired(session, at(59.999), lifetime(60)), false);
  });
  await t.step("expired at the expiry instant and after", () => {
    assert.equal(isExpired(session, at(60), lifetime(60)), true);
    assert.equal(isExpired(session, at(3600), lifetime(60)), true);
  });
  await t.step("a lowered absolute lifetime ends older sessions at once", () => {
    const long = openSession("hash", USER, T0, lifetime(DAY, 7 * DAY));
    assert.equal(isExpired(long, at(3600), lifetime(DAY, 7 * DAY)), false);
    assert.equal(isExpired(long, at(3600), lifetime(DAY, 3600)), true);
  });
});

Deno.test("slidExpiry", async (t) => {
  const session = openSession("hash", USER, T0, lifetime(3600));
  await t.step("no write while the expiry moves by less than a tenth of the lifetime", () => {
    assert.equal(slidExpiry(session, T0, lifetime(3600)), undefined);
    assert.equal(slidExpiry(session, at(359), lifetime(3600)), undefined);
  });
  await t.step("a full lifetime from the use once it moves by a tenth or more", () => {
    assert.deepEqual(slidExpiry(session, at(360), lifetime(3600)), at(360 + 3600));
    assert.deepEqual(slidExpiry(session, at(3000), lifetime(3600)), at(3000 + 3600));
  });
  await t.step("short lifetimes slide too", () => {
    const short = openSession("hash", USER, T0, lifetime(60));
    assert.equal(slidExpiry(short, at(5), lifetime(60)), undefined);
    assert.deepEqual(slidExpiry(short, at(6), lifetime(60)), at(66));
  });
  await t.step("never past the absolute lifetime, however often it is used", () => {
    let current = openSession("hash", USER, T0, lifetime(3600, 5000));
    for (let second = 0; second < 5000; second += 600) {
      const next = slidExpiry(current, at(second), lifetime(3600, 5000));
      if (next !== undefined) current = { ...current, expiresAt: next };
    }
    assert.deepEqual(current.expiresAt, at(5000));
    assert.equal(slidExpiry(current, at(4999), lifetime(3600, 5000)), undefined);
  });
});

Deno.test("sessionEnd: the one rule for accepting a session", async (t) => {
  const life = lifetime(3600, DAY);
  const session = openSession("hash", USER, T0, life);

  await t.step("a fresh session of an unchanged active user is valid", () => {
    assert.equal(sessionEnd(session, USER, at(10), life), undefined);
    assert.equal(sessionStillValid(session, USER, at(10), life), true);
  });
  await t.step("expired: by the sliding and by the absolute lifetime", () => {
    assert.equal(sessionEnd(session, USER, at(3600), life), "expired");
    const used = { ...session, expiresAt: at(DAY + 3600) };
    assert.equal(sessionEnd(used, USER, at(DAY), life), "expired");
  });
  await t.step("the user was deleted", () => {
    assert.equal(sessionEnd(session, undefined, at(10), life), "user deleted");
    assert.equal(sessionEnd(session, { ...USER, id: 6 }, at(10), life), "user deleted");
  });
  await t.step("the user was deactivated", () => {
    assert.equal(sessionEnd(session, { ...USER, active: false }, at(10), life), "user inactive");
  });
  await t.step("the password or access key changed", () => {
    const changed = { ...USER, credentialFingerprint: "f2" };
    assert.equal(sessionEnd(session, changed, at(10), life), "credentials changed");
    assert.equal(sessionStillValid(session, changed, at(10), life), false);
  });
});

Deno.test("requireWellFormedToken", async (t) => {
  await t.step("32 letters and digits pass through", () => {
    for (
      const token of [
        "f7171f3d8e13326762a45641c2dd1e39",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
      ]
    ) {
      assert.equal(requireWellFormedToken(token), token);
      assert.equal(TOKEN_PATTERN.test(token), true);
    }
  });

  await t.step("no token at all: TOKEN_NOT_FOUND", () => {
    throwsDomainError(() => requireWellFormedToken(undefined), "TOKEN_NOT_FOUND");
    throwsDomainError(() => requireWellFormedToken(""), "TOKEN_NOT_FOUND", "No token was given");
  });

  await t.step("anything else: INVALID_TOKEN", () => {
    for (
      const token of [
        "f7171f3d8e13326762a45641c2dd1e3",
        "f7171f3d8e13326762a45641c2dd1e399",
        "f7171f3d8e13326762a45641c2dd1e3-",
        "f7171f3d8e13326762a45641c2dd1e3é",
        " f7171f3d8e13326762a45641c2dd1e3",
        "f7171f3d8e13326762a45641c2dd1e39\n",
        "' OR 1=1 -- xxxxxxxxxxxxxxxxxxxx",
        " ",
      ]
    ) {
      throwsDomainError(
        () => requireWellFormedToken(token),
        "INVALID_TOKEN",
        "The token is not 32 letters and digits",
      );
    }
  });
});

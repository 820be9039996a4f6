/**
 * Sessions: expiry, sliding, and the form of tokens.
 */

import assert from "node:assert/strict";
import {
  isExpired,
  openSession,
  requireWellFormedToken,
  slidExpiry,
  TOKEN_PATTERN,
} from "../../domain/session.ts";
import { throwsDomainError } from "./_assert_error.ts";

const T0 = new Date("2017-09-04T09:29:22Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

Deno.test("openSession", () => {
  const session = openSession("hash", 5, T0, 3600);
  assert.deepEqual(session, {
    tokenHash: "hash",
    userId: 5,
    createdAt: T0,
    expiresAt: new Date("2017-09-04T10:29:22Z"),
  });
});

Deno.test("isExpired", async (t) => {
  const session = openSession("hash", 1, T0, 60);
  await t.step("alive until the last millisecond before expiry", () => {
    assert.equal(isExpired(session, T0), false);
    assert.equal(isExpired(session, at(59.999)), false);
  });
  await t.step("expired at the expiry instant and after", () => {
    assert.equal(isExpired(session, at(60)), true);
    assert.equal(isExpired(session, at(3600)), true);
  });
});

Deno.test("slidExpiry", async (t) => {
  const session = openSession("hash", 1, T0, 3600);
  await t.step("no write while the expiry moves by less than a tenth of the lifetime", () => {
    assert.equal(slidExpiry(session, T0, 3600), undefined);
    assert.equal(slidExpiry(session, at(359), 3600), undefined);
  });
  await t.step("a full lifetime from the use once it moves by a tenth or more", () => {
    assert.deepEqual(slidExpiry(session, at(360), 3600), at(360 + 3600));
    assert.deepEqual(slidExpiry(session, at(3000), 3600), at(3000 + 3600));
  });
  await t.step("short lifetimes slide too", () => {
    const short = openSession("hash", 1, T0, 60);
    assert.equal(slidExpiry(short, at(5), 60), undefined);
    assert.deepEqual(slidExpiry(short, at(6), 60), at(66));
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

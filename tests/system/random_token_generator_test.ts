/**
 * Session tokens and the hashes they are stored under.
 */

import assert from "node:assert/strict";
import { RandomTokenGenerator } from "../../adapters/system/random_token_generator.ts";
import { TOKEN_PATTERN } from "../../domain/session.ts";

const tokens = new RandomTokenGenerator();

Deno.test("newToken", async (t) => {
  const made = Array.from({ length: 1000 }, () => tokens.newToken());

  await t.step("32 lowercase hexadecimal characters, a well-formed protocol token", () => {
    for (const token of made) {
      assert.match(token, /^[0-9a-f]{32}$/);
      assert.equal(TOKEN_PATTERN.test(token), true);
    }
  });

  await t.step("1000 tokens are all different", () => {
    assert.equal(new Set(made).size, 1000);
  });

  await t.step("every hex digit shows up (the source is not stuck)", () => {
    assert.equal(new Set(made.join("")).size, 16);
  });
});

Deno.test("hash", async (t) => {
  await t.step("SHA-256 in 64 lowercase hex characters", async () => {
    assert.equal(
      await tokens.hash("abc"),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    assert.match(await tokens.hash(tokens.newToken()), /^[0-9a-f]{64}$/);
  });

  await t.step("deterministic, and different for different tokens", async () => {
    const token = "f7171f3d8e13326762a45641c2dd1e39";
    const first = await tokens.hash(token);
    assert.equal(await tokens.hash(token), first);
    assert.equal(await new RandomTokenGenerator().hash(token), first);
    assert.notEqual(await tokens.hash("f7171f3d8e13326762a45641c2dd1e38"), first);
    assert.notEqual(first, token);
  });
});

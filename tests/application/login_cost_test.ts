/**
 * What a login may cost and reveal: credentials longer than Vtiger could hold
 * are refused before anything is looked up or hashed; every attempt checks
 * exactly one hash (a decoy of the common kind when the name is unknown), so
 * that the time taken does not tell which names exist.
 */

import assert from "node:assert/strict";
import bcrypt from "bcryptjs";
import { MemoryUserDirectory } from "../../adapters/memory/memory_user_directory.ts";
import { VtigerPasswordVerifier } from "../../adapters/system/vtiger_password_verifier.ts";
import { createUseCases } from "../../application/use_cases.ts";
import {
  MAX_ACCESS_KEY_LENGTH,
  MAX_PASSWORD_LENGTH,
  MAX_USER_NAME_LENGTH,
} from "../../domain/credentials.ts";
import { decoyPassword, passwordKind, passwordKinds } from "../../domain/login_decoy.ts";
import type { PasswordVerifier } from "../../domain/ports.ts";
import type { StoredPassword, StoredUser } from "../../domain/user.ts";
import { demo, rejectsDomainError } from "./_support.ts";

/** A verifier that counts its checks and which hashes they were against. */
class CountingVerifier implements PasswordVerifier {
  readonly checked: StoredPassword[] = [];
  readonly #inner = new VtigerPasswordVerifier();

  verify(password: string, stored: StoredPassword): Promise<boolean> {
    this.checked.push(stored);
    return this.#inner.verify(password, stored);
  }
}

function countingDemo() {
  const { ports, clock } = demo();
  const passwords = new CountingVerifier();
  const useCases = createUseCases({ ...ports, passwords });
  const login = (userName: string, password: string) =>
    useCases.loginWithPassword.execute({ userName, password });
  return { ports, clock, passwords, useCases, login };
}

Deno.test("credentials longer than Vtiger could hold: INVALID_PARAMETER, nothing hashed", async (t) => {
  const { passwords, useCases, login } = countingDemo();
  await t.step(`a user name over ${MAX_USER_NAME_LENGTH} characters`, async () => {
    await rejectsDomainError(
      login("a".repeat(MAX_USER_NAME_LENGTH + 1), "admin"),
      "INVALID_PARAMETER",
      `The user name is longer than ${MAX_USER_NAME_LENGTH} characters`,
    );
  });
  await t.step(`a password over ${MAX_PASSWORD_LENGTH} characters, never quoted`, async () => {
    const error = await rejectsDomainError(
      login("admin", "p".repeat(MAX_PASSWORD_LENGTH + 1)),
      "INVALID_PARAMETER",
      `The password is longer than ${MAX_PASSWORD_LENGTH} characters`,
    );
    assert.ok(!error.message.includes("ppp"));
  });
  await t.step(`an access key over ${MAX_ACCESS_KEY_LENGTH} characters`, async () => {
    await rejectsDomainError(
      useCases.loginWithAccessKey.execute({ accessKey: "k".repeat(MAX_ACCESS_KEY_LENGTH + 1) }),
      "INVALID_PARAMETER",
      `The access key is longer than ${MAX_ACCESS_KEY_LENGTH} characters`,
    );
  });
  await t.step("no hash was checked for any of them", () => {
    assert.equal(passwords.checked.length, 0);
  });
  await t.step("at the limits, logins are checked as usual", async () => {
    await rejectsDomainError(login("a".repeat(MAX_USER_NAME_LENGTH), "x"), "AUTH_FAILED");
    await rejectsDomainError(login("admin", "p".repeat(MAX_PASSWORD_LENGTH)), "AUTH_FAILED");
    assert.equal(passwords.checked.length, 2);
  });
});

Deno.test("every password login checks exactly one hash", async (t) => {
  const attempts: Array<[string, string, string, boolean]> = [
    ["the right password", "admin", "admin", true],
    ["a wrong password", "admin", "wrong", false],
    ["an empty password", "admin", "", false],
    ["an unknown user", "nobody", "admin", false],
    ["an unknown user, empty password", "nobody", "", false],
    ["an inactive user, right password", "former", "former", false],
    ["an empty user name", "", "x", false],
  ];
  for (const [what, userName, password, succeeds] of attempts) {
    await t.step(what, async () => {
      const { passwords, login } = countingDemo();
      if (succeeds) await login(userName, password);
      else await rejectsDomainError(login(userName, password), "AUTH_FAILED");
      assert.equal(passwords.checked.length, 1);
    });
  }

  await t.step("an unknown name is checked against a decoy of a kind users have", async () => {
    const { ports, passwords, login } = countingDemo();
    await rejectsDomainError(login("nobody", "x"), "AUTH_FAILED");
    const decoy = await ports.users.decoyPassword("nobody");
    assert.ok(decoy !== undefined);
    assert.deepEqual(passwords.checked, [decoy]);
    // The same name (in any case) always gets the same decoy.
    assert.deepEqual(await ports.users.decoyPassword("NOBODY"), decoy);
  });
});

Deno.test("unknown names spread over the users' kinds of hash as the users do", async () => {
  // The demo's active users: admin and support on MD5-crypt, sales on bcrypt.
  const { ports } = demo();
  const kinds = new Map<string, number>();
  for (let index = 0; index < 600; index++) {
    const decoy = await ports.users.decoyPassword(`unknown${index}`);
    const kind = passwordKind(decoy!);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  assert.deepEqual([...kinds.keys()].sort(), ["PHASH 10", "PHP5.3MD5"]);
  const bcryptShare = kinds.get("PHASH 10")! / 600;
  assert.ok(bcryptShare > 0.25 && bcryptShare < 0.42, `bcrypt share ${bcryptShare}`);
});

Deno.test("decoyPassword and passwordKinds: shares in proportion, stable choice", () => {
  const md5 = (salt: string): StoredPassword => ({
    passwordHash: `$1$${salt}$xxxxxxxxxxxxxxxxxxxxxx`,
    cryptType: "PHP5.3MD5",
  });
  const bcryptOf = (cost: string): StoredPassword => ({
    passwordHash: `$2y$${cost}$abcdefghijklmnopqrstuuxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
    cryptType: "PHASH",
  });
  assert.equal(decoyPassword([], 0.5), undefined);
  const users = [md5("a"), bcryptOf("10"), bcryptOf("10"), md5("b"), bcryptOf("12"), md5("c")];
  assert.deepEqual(passwordKinds(users).map((kind) => [passwordKind(kind.sample), kind.count]), [
    ["PHP5.3MD5", 3],
    ["PHASH 10", 2],
    ["PHASH 12", 1],
  ]);
  assert.deepEqual(decoyPassword(users, 0), md5("a"));
  assert.deepEqual(decoyPassword(users, 0.49), md5("a"));
  assert.deepEqual(decoyPassword(users, 0.5), bcryptOf("10"));
  assert.deepEqual(decoyPassword(users, 0.83), bcryptOf("10"));
  assert.deepEqual(decoyPassword(users, 0.9), bcryptOf("12"));
  assert.equal(passwordKind(bcryptOf("12")), "PHASH 12");
});

/** The median of the times, in milliseconds. */
function median(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Alternates logins by kind of name and returns each kind's median time. */
async function medianTimes(
  login: (userName: string) => Promise<unknown>,
  names: Readonly<Record<string, () => string>>,
  rounds: number,
): Promise<Record<string, number>> {
  const times: Record<string, number[]> = Object.fromEntries(
    Object.keys(names).map((kind) => [kind, []]),
  );
  for (let round = 0; round < rounds; round++) {
    for (const [kind, name] of Object.entries(names)) {
      const start = performance.now();
      await login(name()).catch(() => {});
      times[kind].push(performance.now() - start);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([kind, list]) => [kind, median(list)]));
}

/**
 * Distributions, not single timings: medians over many alternated tries must
 * agree within a generous factor. Before the decoy, an unknown name answered
 * in a fraction of a millisecond and a bcrypt user's wrong password in tens.
 */
const FACTOR = 2.5;

/** How many measurements a comparison gets before it fails. */
const MEASUREMENTS = 3;

/**
 * Measures until every pair's medians agree within {@linkcode FACTOR}, at most
 * {@linkcode MEASUREMENTS} times. A machine busy with other work can skew one
 * measurement; a login that really costs more for one kind of name (the flaw
 * this guards against) skews every one of them.
 */
async function assertCloseMedians(
  measure: () => Promise<Record<string, number>>,
  pairs: ReadonlyArray<readonly [string, string]>,
): Promise<void> {
  const seen: string[] = [];
  for (let attempt = 1; attempt <= MEASUREMENTS; attempt++) {
    const medians = await measure();
    const apart = pairs.filter(([a, b]) => {
      const ratio = medians[a] / medians[b];
      return !(ratio < FACTOR && ratio > 1 / FACTOR);
    });
    if (apart.length === 0) return;
    seen.push(
      apart.map(([a, b]) => `${a} ${medians[a].toFixed(2)} ms vs ${b} ${medians[b].toFixed(2)} ms`)
        .join(", "),
    );
  }
  assert.fail(`medians apart in every measurement: ${seen.join("; ")}`);
}

Deno.test("login time does not tell an unknown name from a bcrypt user's", async () => {
  // An install whose users all have bcrypt hashes of cost 8 (about 20 ms a check).
  const hash = bcrypt.hashSync("secret", 8).replace(/^\$2b\$/, "$2y$");
  const users: StoredUser[] = Array.from({ length: 5 }, (_, index) => ({
    id: index + 1,
    userName: `user${index + 1}`,
    isAdmin: index === 0,
    active: index !== 4,
    passwordHash: hash,
    cryptType: "PHASH",
    accessKey: `Key${index + 1}`.padEnd(16, "0"),
    roleId: "H2",
  }));
  const { ports } = demo();
  const useCases = createUseCases({ ...ports, users: new MemoryUserDirectory(users) });
  let counter = 0;
  await assertCloseMedians(
    () =>
      medianTimes(
        (userName) => useCases.loginWithPassword.execute({ userName, password: "wrong" }),
        {
          unknown: () => `nobody${counter++}`,
          known: () => "user2",
          inactive: () => "user5",
        },
        15,
      ),
    [["unknown", "known"], ["inactive", "known"]],
  );
});

Deno.test("login time does not tell an unknown name from an MD5-crypt user's", async () => {
  const { login } = countingDemo();
  let counter = 0;
  await assertCloseMedians(
    () =>
      medianTimes(
        (userName) => login(userName, "p".repeat(MAX_PASSWORD_LENGTH)),
        { unknown: () => `nobody${counter++}`, known: () => "admin", inactive: () => "former" },
        15,
      ),
    [["unknown", "known"], ["inactive", "known"]],
  );
});

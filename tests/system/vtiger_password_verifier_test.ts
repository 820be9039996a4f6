/**
 * Password checks against real Vtiger hashes, for each crypt type Vtiger uses.
 */

import assert from "node:assert/strict";
import apacheMd5 from "apache-md5";
import bcrypt from "bcryptjs";
import { VtigerPasswordVerifier } from "../../adapters/system/vtiger_password_verifier.ts";
import type { UserAccount } from "../../domain/user.ts";

/** The package's default export is the function itself (see the verifier). */
const md5Crypt = apacheMd5 as unknown as (password: string, salt: string) => string;

const verifier = new VtigerPasswordVerifier();

function account(userName: string, passwordHash: string, cryptType: string): UserAccount {
  return {
    id: 1,
    userName,
    isAdmin: false,
    active: true,
    passwordHash,
    cryptType,
    accessKey: "",
    credentialFingerprint: "",
  };
}

/** Vtiger's default administrator: password `admin`, salt `$1$` + `ad` padded to 9 with 0. */
const ADMIN_HASH = "$1$ad000000$hzXFXvL3XVlnUE/X.1n9t/";

Deno.test("PHP5.3MD5: the stock Vtiger admin hash", async (t) => {
  const admin = account("admin", ADMIN_HASH, "PHP5.3MD5");
  await t.step("verifies the right password", async () => {
    assert.equal(await verifier.verify("admin", admin), true);
  });
  await t.step("refuses wrong ones", async () => {
    for (const wrong of ["Admin", "admin ", "admin1", "", "adm", "$1$ad000000$"]) {
      assert.equal(await verifier.verify(wrong, admin), false, JSON.stringify(wrong));
    }
  });
  await t.step("refuses a tampered hash", async () => {
    const tampered = account("admin", ADMIN_HASH.slice(0, -1) + "0", "PHP5.3MD5");
    assert.equal(await verifier.verify("admin", tampered), false);
  });
  await t.step("refuses a hash that is not MD5-crypt", async () => {
    assert.equal(await verifier.verify("admin", account("admin", "admin", "PHP5.3MD5")), false);
    assert.equal(
      await verifier.verify(
        "admin",
        account("admin", "21232f297a57a5a743894a0e4a801fc3", "PHP5.3MD5"),
      ),
      false,
    );
  });
});

Deno.test("MD5: $1$ + the user name's first two letters + $", async (t) => {
  // Vtiger: crypt($password, '$1$' . substr($user_name, 0, 2) . '$')
  const computed = md5Crypt("s3cret", "$1$jo$");
  await t.step("the package computes the same MD5-crypt as openssl passwd -1", () => {
    assert.equal(computed, "$1$jo$V5vE7jBQdkLJ7Zrh6bcFJ1");
  });
  const john = account("john", computed, "MD5");
  await t.step("verifies the right password", async () => {
    assert.equal(await verifier.verify("s3cret", john), true);
  });
  await t.step("refuses a wrong one", async () => {
    assert.equal(await verifier.verify("s3cret!", john), false);
    assert.equal(await verifier.verify("S3CRET", john), false);
  });
  await t.step(
    "a non-ASCII password is hashed as its UTF-8 bytes, as PHP's crypt() does",
    async () => {
      // openssl passwd -1 -salt fr 'mötdepässe' (in a UTF-8 shell)
      const francois = account("francois", "$1$fr$TRkYd//VGA7QLN155nraf1", "MD5");
      assert.equal(await verifier.verify("mötdepässe", francois), true);
      assert.equal(await verifier.verify("motdepasse", francois), false);
      assert.equal(await verifier.verify("m\u00f6tdep\u00e4sse".normalize("NFD"), francois), false);
    },
  );
});

Deno.test("PHP5.3MD5 for a user name that starts with a non-ASCII letter", async () => {
  // Vtiger: crypt($password, '$1$' . str_pad(substr('Øystein', 0, 2), 9, '0')): the salt's
  // first two bytes are Ø's UTF-8. openssl passwd -1 -salt 'Ø000000' 'Øystein1'.
  const oystein = account("Øystein", "$1$Ø000000$YC64heU36ePNIKnTBxHFT1", "PHP5.3MD5");
  assert.equal(await verifier.verify("Øystein1", oystein), true);
  assert.equal(await verifier.verify("Oystein1", oystein), false);
});

Deno.test("PHASH: PHP's password_hash bcrypt, $2y$", async (t) => {
  const hash = bcrypt.hashSync("correct horse", 4).replace(/^\$2b\$/, "$2y$");
  await t.step("the hash carries PHP's $2y$ prefix", () => {
    assert.match(hash, /^\$2y\$04\$[./A-Za-z0-9]{53}$/);
  });
  const user = account("sales", hash, "PHASH");
  await t.step("verifies the right password", async () => {
    assert.equal(await verifier.verify("correct horse", user), true);
  });
  await t.step("refuses a wrong one", async () => {
    assert.equal(await verifier.verify("correct horse ", user), false);
    assert.equal(await verifier.verify("Correct horse", user), false);
  });
  await t.step("$2b$ hashes verify as well", async () => {
    const b = account("sales", hash.replace("$2y$", "$2b$"), "PHASH");
    assert.equal(await verifier.verify("correct horse", b), true);
  });
  await t.step("hashes made by libxcrypt's crypt_blowfish (PHP's own) verify", async () => {
    // python3 -c "import crypt; print(crypt.crypt(PASSWORD, '$2y$04$abcdefghijklmnopqrstuu'))"
    const horse = account(
      "sales",
      "$2y$04$abcdefghijklmnopqrstuujydOTSfIH/d5oUHpsygqV5X9xJLQc6e",
      "PHASH",
    );
    assert.equal(await verifier.verify("correct horse", horse), true);
    assert.equal(await verifier.verify("correct hors", horse), false);
    const utf8 = account(
      "sales",
      "$2y$04$abcdefghijklmnopqrstuuYUGSesvkVOvNQYF5fF4HVoRmncGZm9O",
      "PHASH",
    );
    assert.equal(await verifier.verify("mötdepässe", utf8), true);
    assert.equal(await verifier.verify("motdepasse", utf8), false);
  });
  await t.step("a PHASH user whose stored hash is not bcrypt never matches", async () => {
    assert.equal(await verifier.verify("admin", account("admin", ADMIN_HASH, "PHASH")), false);
  });
});

Deno.test("unknown crypt types never match, even with a correct hash", async () => {
  for (const cryptType of ["", "BLOWFISH", "SHA256", "md5", "PLAIN"]) {
    assert.equal(
      await verifier.verify("admin", account("admin", ADMIN_HASH, cryptType)),
      false,
      cryptType,
    );
  }
  assert.equal(await verifier.verify("admin", account("admin", "admin", "PLAIN")), false);
});

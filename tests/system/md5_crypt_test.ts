/**
 * The service's own MD5-crypt against npm `apache-md5`, which it replaced in
 * the password check: the same answer for any password and salt.
 */

import assert from "node:assert/strict";
import apacheMd5 from "apache-md5";
import fc from "fast-check";
import { md5Crypt } from "../../adapters/system/md5_crypt.ts";

/** The package's default export is the function itself (see the verifier's test). */
const packageCrypt = apacheMd5 as unknown as (password: string, salt: string) => string;

/** The password as the package was given it: one character per UTF-8 byte. */
function byteString(password: string): string {
  return Array.from(new TextEncoder().encode(password), (byte) => String.fromCharCode(byte))
    .join("");
}

function crypt(password: string, setting: string): string {
  return md5Crypt(new TextEncoder().encode(password), setting);
}

Deno.test("known MD5-crypt hashes (openssl passwd -1, Vtiger's admin)", () => {
  assert.equal(crypt("password", "$1$saltsalt$"), "$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/");
  assert.equal(crypt("s3cret", "$1$jo$"), "$1$jo$V5vE7jBQdkLJ7Zrh6bcFJ1");
  assert.equal(
    crypt("admin", "$1$ad000000$hzXFXvL3XVlnUE/X.1n9t/"),
    "$1$ad000000$hzXFXvL3XVlnUE/X.1n9t/",
  );
  assert.equal(crypt("mötdepässe", "$1$fr$"), "$1$fr$TRkYd//VGA7QLN155nraf1");
});

Deno.test("a salt of non-ASCII characters is hashed as its UTF-8 bytes, as PHP's crypt() does", () => {
  // Vtiger's salt is the user name's first two bytes: a name that starts with a two-byte
  // character (Ø, é, Д) gets a salt holding it whole. These are openssl passwd -1's answers.
  assert.equal(crypt("Øystein1", "$1$Ø000000$"), "$1$Ø000000$YC64heU36ePNIKnTBxHFT1");
  assert.equal(crypt("пароль", "$1$Д000000$"), "$1$Д000000$dpOrWpOejTFsKnd68NzS41");
  assert.equal(crypt("secret", "$1$é$"), "$1$é$PCIjvsbyqoWSkXVD1XRBO0");
});

Deno.test("the same hash as apache-md5 for any password and ASCII salt", () => {
  const text = fc.oneof(
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
  );
  fc.assert(
    fc.property(
      text,
      // apache-md5 hashes a salt's characters as their low bytes: the same as UTF-8 for ASCII.
      fc.string({
        unit: fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
        maxLength: 12,
      }),
      fc.boolean(),
      (password, salt, tail) => {
        const setting = `$1$${salt.replaceAll("$", "")}${tail ? "$rest" : ""}`;
        assert.equal(crypt(password, setting), packageCrypt(byteString(password), setting));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("passwords of one to three MD5 blocks and around the padding boundary", () => {
  for (const length of [0, 1, 15, 16, 17, 47, 48, 55, 56, 63, 64, 65, 119, 120, 200]) {
    const password = "p".repeat(length);
    assert.equal(crypt(password, "$1$ab$"), packageCrypt(password, "$1$ab$"), String(length));
  }
});

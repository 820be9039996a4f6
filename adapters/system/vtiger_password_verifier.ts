/**
 * Checks passwords against the hashes Vtiger stores in `vtiger_users.user_password`.
 *
 * @module
 */

import bcrypt from "bcryptjs";
import apacheMd5 from "apache-md5";
import { timingSafeEqual } from "node:crypto";
import type { PasswordVerifier } from "../../domain/ports.ts";
import type { UserAccount } from "../../domain/user.ts";

/**
 * The package is CommonJS whose export is the function itself; its typings
 * declare an ES default export, which Deno's type view wraps once more.
 */
const md5Crypt = apacheMd5 as unknown as (password: string, salt: string) => string;

/**
 * The password as a string of its UTF-8 bytes, one character per byte: what
 * PHP's crypt() hashes. The package reads each character as one byte.
 */
function utf8Bytes(password: string): string {
  return Array.from(new TextEncoder().encode(password), (byte) => String.fromCharCode(byte))
    .join("");
}

function sameText(left: string, right: string): boolean {
  const a = new TextEncoder().encode(left);
  const b = new TextEncoder().encode(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Vtiger's crypt types: `MD5` and `PHP5.3MD5` are MD5-crypt (`$1$salt$...`,
 * the salt is inside the stored hash), `PHASH` is PHP's bcrypt (`$2y$`).
 */
export class VtigerPasswordVerifier implements PasswordVerifier {
  /** Whether the password matches; unknown crypt types never match. */
  async verify(password: string, account: UserAccount): Promise<boolean> {
    const stored = account.passwordHash;
    switch (account.cryptType) {
      case "MD5":
      case "PHP5.3MD5":
        return stored.startsWith("$1$") && sameText(md5Crypt(utf8Bytes(password), stored), stored);
      case "PHASH":
        return /^\$2[abxy]\$/.test(stored) &&
          await bcrypt.compare(password, stored.replace(/^\$2y\$/, "$2b$"));
      default:
        return false;
    }
  }
}

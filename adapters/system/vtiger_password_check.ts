/**
 * The check of a password against a hash Vtiger stores in
 * `vtiger_users.user_password`: one pure function, run on the event loop by
 * {@linkcode VtigerPasswordVerifier} or in a worker by
 * `WorkerPasswordVerifier`.
 *
 * @module
 */

import bcrypt from "bcryptjs";
import { timingSafeEqual } from "node:crypto";
import type { StoredPassword } from "../../domain/user.ts";
import { md5Crypt } from "./md5_crypt.ts";

function sameText(left: string, right: string): boolean {
  const a = new TextEncoder().encode(left);
  const b = new TextEncoder().encode(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether the password matches the stored hash under its crypt type:
 * `MD5` and `PHP5.3MD5` are MD5-crypt (`$1$salt$...`, the salt is inside the
 * stored hash), `PHASH` is PHP's bcrypt (`$2y$`); unknown crypt types never
 * match. Synchronous: it blocks its thread for the whole hash.
 */
export function checkVtigerPassword(password: string, stored: StoredPassword): boolean {
  const hash = stored.passwordHash;
  switch (stored.cryptType) {
    case "MD5":
    case "PHP5.3MD5":
      return hash.startsWith("$1$") &&
        sameText(md5Crypt(new TextEncoder().encode(password), hash), hash);
    case "PHASH":
      return /^\$2[abxy]\$/.test(hash) &&
        bcrypt.compareSync(password, hash.replace(/^\$2y\$/, "$2b$"));
    default:
      return false;
  }
}

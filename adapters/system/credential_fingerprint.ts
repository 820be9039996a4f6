/**
 * The credential fingerprint user directories give each account: a SHA-256
 * over the stored password hash, its crypt type and the access key, so that a
 * change of any of them ends the sessions opened before it.
 *
 * It is derived from the stored hash, so it is kept only where that hash is
 * (the same database): it tells nothing `vtiger_users` does not.
 *
 * @module
 */

import { createHash } from "node:crypto";
import type { StoredUser, UserAccount } from "../../domain/user.ts";

/** The fingerprint of a user's credentials, 64 hexadecimal characters. */
export function credentialFingerprint(
  user: Pick<StoredUser, "passwordHash" | "cryptType" | "accessKey">,
): string {
  // NUL separates the parts: none of them can hold one, so no two states share a text.
  return createHash("sha256")
    .update([user.passwordHash, user.cryptType, user.accessKey].join("\u0000"))
    .digest("hex");
}

/** The account of a stored user, its fingerprint computed. */
export function withCredentialFingerprint(user: StoredUser): UserAccount {
  return { ...user, credentialFingerprint: credentialFingerprint(user) };
}

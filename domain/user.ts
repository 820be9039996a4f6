/**
 * Vtiger users, as far as logging in and acting go.
 *
 * @module
 */

/** How Vtiger hashed a user's password (`vtiger_users.crypt_type`). */
// `string & {}` keeps the known names suggested while any stored value still fits.
export type CryptType = "MD5" | "PHP5.3MD5" | "PHASH" | (string & Record<never, never>);

/** A Vtiger user account (`vtiger_users`). */
export interface UserAccount {
  /** `vtiger_users.id`. */
  readonly id: number;
  /** `vtiger_users.user_name`. */
  readonly userName: string;
  /** `is_admin = 'on'`. */
  readonly isAdmin: boolean;
  /** `status = 'Active'` and not deleted. */
  readonly active: boolean;
  /** `vtiger_users.user_password`. */
  readonly passwordHash: string;
  /** `vtiger_users.crypt_type`. */
  readonly cryptType: CryptType;
  /** `vtiger_users.accesskey`. */
  readonly accessKey: string;
  /** The user's role (`vtiger_user2role.roleid`), if any. */
  readonly roleId?: string;
  /**
   * A digest of the user's credentials (password hash, crypt type, access
   * key), computed by the user directory: it changes whenever the password or
   * the access key does, and a session opened under another one is over.
   */
  readonly credentialFingerprint: string;
}

/** A stored password: the hash and how it was made, all a password check needs. */
export type StoredPassword = Pick<UserAccount, "passwordHash" | "cryptType">;

/** A user as a directory stores it, before its credential fingerprint is computed. */
export type StoredUser = Omit<UserAccount, "credentialFingerprint">;

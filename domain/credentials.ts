/**
 * How long the credentials of a login may be. Checking a password costs time
 * in proportion to its length (MD5-crypt hashes it a thousand times over), so
 * a login names its length limits before anything is looked up or hashed.
 *
 * @module
 */

import { invalidParameter } from "./errors.ts";

/** `vtiger_users.user_name` is a `varchar(255)`: no longer name can exist. */
export const MAX_USER_NAME_LENGTH = 255;

/**
 * The longest password checked: far beyond any password a person types, and
 * a few milliseconds of MD5-crypt (a 64,000-character one took 1.1 s).
 */
export const MAX_PASSWORD_LENGTH = 1024;

/** `vtiger_users.accesskey` is a `varchar(36)` (Vtiger makes 16 characters). */
export const MAX_ACCESS_KEY_LENGTH = 36;

/** What a login gives, as far as lengths go. */
export interface LoginCredentials {
  /** The user name of a password login. */
  readonly userName?: string;
  /** The password of a password login. */
  readonly password?: string;
  /** The access key of a key login. */
  readonly accessKey?: string;
}

function tooLong(what: string, max: number): never {
  // The value itself is never quoted: it may be a password or a key.
  throw invalidParameter(`The ${what} is longer than ${max} characters`);
}

/** `INVALID_PARAMETER` when a credential is longer than any Vtiger could hold or check. */
export function requireCredentialLengths(credentials: LoginCredentials): void {
  const { userName, password, accessKey } = credentials;
  if (userName !== undefined && userName.length > MAX_USER_NAME_LENGTH) {
    tooLong("user name", MAX_USER_NAME_LENGTH);
  }
  if (password !== undefined && password.length > MAX_PASSWORD_LENGTH) {
    tooLong("password", MAX_PASSWORD_LENGTH);
  }
  if (accessKey !== undefined && accessKey.length > MAX_ACCESS_KEY_LENGTH) {
    tooLong("access key", MAX_ACCESS_KEY_LENGTH);
  }
}

/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

import type { UserAccount } from "../user.ts";

/** Checks a password against a user's stored Vtiger hash. */
export interface PasswordVerifier {
  /** Whether `password` matches the account's hash under its crypt type. */
  verify(password: string, account: UserAccount): Promise<boolean>;
}

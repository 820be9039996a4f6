/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

import type { StoredPassword } from "../user.ts";

/** Checks a password against a user's stored Vtiger hash. */
export interface PasswordVerifier {
  /**
   * Whether `password` matches the stored hash under its crypt type. May
   * throw `SERVICE_UNAVAILABLE` when too many checks are waiting already.
   */
  verify(password: string, stored: StoredPassword): Promise<boolean>;
}

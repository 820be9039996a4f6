/**
 * Checks passwords against the hashes Vtiger stores, on the calling thread:
 * for tests and library use. The service runs them in workers
 * (`WorkerPasswordVerifier`), so that no login slows a read.
 *
 * @module
 */

import type { PasswordVerifier } from "../../domain/ports.ts";
import type { StoredPassword } from "../../domain/user.ts";
import { checkVtigerPassword } from "./vtiger_password_check.ts";

/** Vtiger's crypt types (see {@linkcode checkVtigerPassword}), checked in this thread. */
export class VtigerPasswordVerifier implements PasswordVerifier {
  /** Whether the password matches; unknown crypt types never match. */
  verify(password: string, stored: StoredPassword): Promise<boolean> {
    return Promise.resolve(checkVtigerPassword(password, stored));
  }
}

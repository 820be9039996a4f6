/**
 * Checks passwords against the hashes Vtiger stores, on the calling thread:
 * for tests and library use. The service runs them in workers
 * (`WorkerPasswordVerifier`), so that no login slows a read.
 *
 * @module
 */

import type { PasswordVerifier } from "../../domain/ports.ts";
import type { StoredPassword } from "../../domain/user.ts";
import { onFirstUse } from "./first_use.ts";

/**
 * The check and its hashing packages, imported on the first check: the ports
 * hold this verifier by default, and the service, which replaces it with its
 * workers, then never loads them in its main thread.
 */
const passwordCheck = onFirstUse(() => import("./vtiger_password_check.ts"));

/** Vtiger's crypt types (see `checkVtigerPassword`), checked in this thread. */
export class VtigerPasswordVerifier implements PasswordVerifier {
  /** Whether the password matches; unknown crypt types never match. */
  async verify(password: string, stored: StoredPassword): Promise<boolean> {
    const { checkVtigerPassword } = await passwordCheck();
    return checkVtigerPassword(password, stored);
  }
}

/**
 * A worker that checks Vtiger passwords off the event loop: it receives
 * `{ password, passwordHash, cryptType }` and answers `{ matches }`, one
 * check at a time. Started by `WorkerPasswordVerifier`.
 *
 * @module
 */

/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />

import type { StoredPassword } from "../../domain/user.ts";
import { checkVtigerPassword } from "./vtiger_password_check.ts";

/** What the pool asks. */
export interface PasswordCheckRequest extends StoredPassword {
  /** The password to check. */
  readonly password: string;
}

/** What the worker answers. */
export interface PasswordCheckAnswer {
  /** Whether the password matches. */
  readonly matches: boolean;
}

self.onmessage = (event: MessageEvent<PasswordCheckRequest>) => {
  const { password, passwordHash, cryptType } = event.data;
  const answer: PasswordCheckAnswer = {
    matches: checkVtigerPassword(password, { passwordHash, cryptType }),
  };
  self.postMessage(answer);
};

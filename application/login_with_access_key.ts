/**
 * Use case: log in with a user's Vtiger access key.
 *
 * @module
 */

import { requireCredentialLengths } from "../domain/credentials.ts";
import { DomainError } from "../domain/errors.ts";
import type { UserDirectory } from "../domain/ports.ts";
import { type SessionDeps, startSession } from "./start_session.ts";
import { throttledAccessKeyLogin, type ThrottleDeps } from "./throttled_login.ts";

/** The ports an access-key login needs. */
export interface LoginWithAccessKeyDeps extends SessionDeps, ThrottleDeps {
  /** User lookup. */
  readonly users: UserDirectory;
}

/** Logs a user in with the access key Vtiger generated for them and returns a new token. */
export class LoginWithAccessKey {
  #deps: LoginWithAccessKeyDeps;

  /** Wires the use case to its ports. */
  constructor(deps: LoginWithAccessKeyDeps) {
    this.#deps = deps;
  }

  /**
   * `INVALID_PARAMETER` for a key longer than Vtiger holds; `AUTH_FAILED`
   * for an unknown key or an inactive user; `TOO_MANY_REQUESTS`
   * after too many failures from the client.
   */
  async execute(
    input: { readonly accessKey: string; readonly clientAddress?: string },
  ): Promise<string> {
    requireCredentialLengths({ accessKey: input.accessKey });
    return await throttledAccessKeyLogin(this.#deps, input.clientAddress, () => this.#login(input));
  }

  async #login(input: { readonly accessKey: string }): Promise<string> {
    const key = input.accessKey.trim();
    const user = key === "" ? undefined : await this.#deps.users.findByAccessKey(key);
    if (user === undefined || !user.active) {
      throw new DomainError("AUTH_FAILED", "The access key is wrong or its user is inactive");
    }
    return await startSession(this.#deps, user);
  }
}

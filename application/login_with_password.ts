/**
 * Use case: log in with a user name and password.
 *
 * @module
 */

import { requireCredentialLengths } from "../domain/credentials.ts";
import { DomainError } from "../domain/errors.ts";
import type { PasswordVerifier, UserDirectory } from "../domain/ports.ts";
import type { StoredPassword, UserAccount } from "../domain/user.ts";
import { type SessionDeps, startSession } from "./start_session.ts";
import { type ThrottleDeps, throttledPasswordLogin } from "./throttled_login.ts";
import { excerpt } from "../domain/excerpt.ts";

/** The ports a password login needs. */
export interface LoginWithPasswordDeps extends SessionDeps, ThrottleDeps {
  /** User lookup. */
  readonly users: UserDirectory;
  /** Password checking against Vtiger's hashes. */
  readonly passwords: PasswordVerifier;
}

/** What a password login gives. */
export interface LoginWithPasswordInput {
  /** `vtiger_users.user_name`. */
  readonly userName: string;
  /** The plain password. */
  readonly password: string;
  /** The client's network address, for throttling guesses. */
  readonly clientAddress?: string;
}

/** Logs a user in with their Vtiger password and returns a new token. */
export class LoginWithPassword {
  #deps: LoginWithPasswordDeps;

  /** Wires the use case to its ports. */
  constructor(deps: LoginWithPasswordDeps) {
    this.#deps = deps;
  }

  /**
   * `INVALID_PARAMETER` for a user name or password longer than Vtiger could
   * hold or check; `AUTH_FAILED` for an unknown user, a wrong password or an
   * inactive user; `TOO_MANY_REQUESTS` after too many failures for the user
   * or the client (domain/login_throttling.ts). Every attempt checks exactly one password hash (the
   * user's, or a decoy of a kind users have when the name is unknown), so
   * that its time does not tell which names exist.
   */
  async execute(input: LoginWithPasswordInput): Promise<string> {
    requireCredentialLengths({ userName: input.userName, password: input.password });
    // Vtiger's database finds a user under many spellings (case, accents, trailing
    // spaces): failures count per account found, so a new spelling is no fresh start.
    const [user, decoy] = await Promise.all([
      this.#deps.users.findByUserName(input.userName),
      this.#deps.users.decoyPassword(input.userName),
    ]);
    return await throttledPasswordLogin(
      this.#deps,
      user?.userName ?? input.userName,
      input.clientAddress,
      () => this.#login(input, user, decoy),
    );
  }

  async #login(
    input: LoginWithPasswordInput,
    user: UserAccount | undefined,
    decoy: StoredPassword | undefined,
  ): Promise<string> {
    const stored = user ?? decoy;
    const matches = stored !== undefined &&
      await this.#deps.passwords.verify(input.password, stored);
    if (user === undefined || !matches || !user.active || input.password === "") {
      throw new DomainError(
        "AUTH_FAILED",
        `Login '${excerpt(input.userName)}' failed: wrong login or password, or inactive user`,
      );
    }
    return await startSession(this.#deps, user);
  }
}

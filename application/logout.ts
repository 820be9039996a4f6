/**
 * Use case: revoke a token.
 *
 * @module
 */

import { DomainError } from "../domain/errors.ts";
import type { SessionStore, TokenGenerator } from "../domain/ports.ts";
import { requireWellFormedToken } from "../domain/session.ts";

/** The ports a logout needs. */
export interface LogoutDeps {
  /** Session storage. */
  readonly sessions: SessionStore;
  /** Token hashing. */
  readonly tokens: TokenGenerator;
}

/** Revokes a session so that its token no longer works. */
export class Logout {
  #deps: LogoutDeps;

  /** Wires the use case to its ports. */
  constructor(deps: LogoutDeps) {
    this.#deps = deps;
  }

  /** Returns `true`; `INVALID_TOKEN` when the token was not a live session. */
  async execute(input: { readonly token: string | undefined }): Promise<true> {
    const token = requireWellFormedToken(input.token);
    const revoked = await this.#deps.sessions.revoke(await this.#deps.tokens.hash(token));
    if (!revoked) throw new DomainError("INVALID_TOKEN", "The token is unknown or was revoked");
    return true;
  }
}

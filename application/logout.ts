/**
 * Use case: revoke a token.
 *
 * @module
 */

import { DomainError } from "../domain/errors.ts";
import type { Clock, SessionStore, TokenGenerator } from "../domain/ports.ts";
import { isExpired, requireWellFormedToken } from "../domain/session.ts";
import type { SessionCache } from "./session_cache.ts";
import { lifetimeOf, type SessionLifetimeSettings } from "./start_session.ts";

/** The ports a logout needs. */
export interface LogoutDeps extends SessionLifetimeSettings {
  /** Session storage. */
  readonly sessions: SessionStore;
  /** Token hashing. */
  readonly tokens: TokenGenerator;
  /** Time, to tell an expired session from a live one. */
  readonly clock: Clock;
  /** Accepted sessions this instance remembers: a logout forgets its session at once. */
  readonly sessionCache?: SessionCache;
}

/** Revokes a session so that its token no longer works. */
export class Logout {
  #deps: LogoutDeps;

  /** Wires the use case to its ports. */
  constructor(deps: LogoutDeps) {
    this.#deps = deps;
  }

  /**
   * Returns `true`; `INVALID_TOKEN` when the token was not a live session
   * (unknown, revoked or expired; an expired one is removed all the same).
   */
  async execute(input: { readonly token: string | undefined }): Promise<true> {
    const token = requireWellFormedToken(input.token);
    const tokenHash = await this.#deps.tokens.hash(token);
    this.#deps.sessionCache?.forget(tokenHash);
    const session = await this.#deps.sessions.find(tokenHash);
    const revoked = await this.#deps.sessions.revoke(tokenHash);
    if (
      !revoked || session === undefined ||
      isExpired(session, this.#deps.clock.now(), lifetimeOf(this.#deps))
    ) {
      throw new DomainError("INVALID_TOKEN", "The token is unknown, was revoked or has expired");
    }
    return true;
  }
}

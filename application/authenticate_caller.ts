/**
 * Turns a token into the calling user and their privileges: the first step of
 * every use case that needs a login.
 *
 * @module
 */

import { DomainError } from "../domain/errors.ts";
import type {
  AccessPolicy,
  Clock,
  SessionStore,
  TokenGenerator,
  UserDirectory,
} from "../domain/ports.ts";
import type { Privileges } from "../domain/privileges.ts";
import { isExpired, requireWellFormedToken, slidExpiry } from "../domain/session.ts";
import type { UserAccount } from "../domain/user.ts";

/** The ports and settings needed to authenticate a caller. */
export interface CallerDeps {
  /** Session storage. */
  readonly sessions: SessionStore;
  /** User lookup. */
  readonly users: UserDirectory;
  /** Token hashing. */
  readonly tokens: TokenGenerator;
  /** Time. */
  readonly clock: Clock;
  /** Privileges lookup. */
  readonly policy: AccessPolicy;
  /** Sliding session lifetime in seconds. */
  readonly sessionTtlSeconds: number;
}

/** An authenticated caller. */
export interface Caller {
  /** The user the token belongs to. */
  readonly user: UserAccount;
  /** What that user may do. */
  readonly privileges: Privileges;
}

/**
 * Checks the token and loads its user: `TOKEN_NOT_FOUND` without one,
 * `INVALID_TOKEN` when it is malformed, unknown, expired or its user is no
 * longer active. A use slides the session's expiry forward.
 */
export async function authenticateCaller(
  deps: CallerDeps,
  token: string | undefined,
): Promise<Caller> {
  const wellFormed = requireWellFormedToken(token);
  const tokenHash = await deps.tokens.hash(wellFormed);
  const session = await deps.sessions.find(tokenHash);
  const now = deps.clock.now();
  if (session === undefined || isExpired(session, now)) {
    throw new DomainError("INVALID_TOKEN", "The token is unknown or has expired");
  }
  const user = await deps.users.findById(session.userId);
  if (user === undefined || !user.active) {
    throw new DomainError("INVALID_TOKEN", "The token's user is no longer active");
  }
  const expiresAt = slidExpiry(session, now, deps.sessionTtlSeconds);
  if (expiresAt !== undefined) await deps.sessions.touch(tokenHash, expiresAt);
  return { user, privileges: await deps.policy.privilegesFor(user) };
}

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
import {
  requireWellFormedToken,
  type SessionEnd,
  sessionEnd,
  slidExpiry,
} from "../domain/session.ts";
import type { UserAccount } from "../domain/user.ts";
import { countCall, type RateLimitDeps } from "./rate_limit.ts";
import { lifetimeOf, type SessionLifetimeSettings } from "./start_session.ts";

/** The ports and settings needed to authenticate a caller. */
export interface CallerDeps extends SessionLifetimeSettings, RateLimitDeps {
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
}

/** An authenticated caller. */
export interface Caller {
  /** The user the token belongs to. */
  readonly user: UserAccount;
  /** What that user may do. */
  readonly privileges: Privileges;
}

const END_MESSAGES: Readonly<Record<SessionEnd, string>> = {
  "expired": "The token is unknown or has expired",
  "user deleted": "The token's user is no longer active",
  "user inactive": "The token's user is no longer active",
  "credentials changed": "The token was revoked: its user's password or access key changed",
};

/**
 * Checks the token and loads its user: `TOKEN_NOT_FOUND` without one,
 * `INVALID_TOKEN` when it is malformed or unknown, or when
 * {@linkcode sessionEnd} ends its session (expired, user deleted or inactive,
 * password or access key changed), which is then revoked. A use slides the
 * session's expiry forward, never past its absolute lifetime, and counts
 * against the token's rate limit (`TOO_MANY_REQUESTS` once it is spent).
 */
export async function authenticateCaller(
  deps: CallerDeps,
  token: string | undefined,
): Promise<Caller> {
  const wellFormed = requireWellFormedToken(token);
  const tokenHash = await deps.tokens.hash(wellFormed);
  const session = await deps.sessions.find(tokenHash);
  if (session === undefined) throw new DomainError("INVALID_TOKEN", END_MESSAGES.expired);
  const now = deps.clock.now();
  const lifetime = lifetimeOf(deps);
  const user = await deps.users.findById(session.userId);
  const end = sessionEnd(session, user, now, lifetime);
  if (end !== undefined || user === undefined) {
    await deps.sessions.revoke(tokenHash);
    throw new DomainError("INVALID_TOKEN", END_MESSAGES[end ?? "user deleted"]);
  }
  await countCall(deps, tokenHash);
  const expiresAt = slidExpiry(session, now, lifetime);
  if (expiresAt !== undefined) await deps.sessions.touch(tokenHash, expiresAt);
  return { user, privileges: await deps.policy.privilegesFor(user) };
}

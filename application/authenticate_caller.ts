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
  type Session,
  type SessionEnd,
  sessionEnd,
  type SessionLifetime,
  slidExpiry,
} from "../domain/session.ts";
import type { UserAccount } from "../domain/user.ts";
import type { SessionCache } from "./session_cache.ts";
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
  /** Sessions accepted in the last seconds, shared with logins and logouts; none: always read. */
  readonly sessionCache?: SessionCache;
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
 *
 * With a {@linkcode SessionCache}, a session and user read in the last few
 * seconds are used again without reading them; `sessionEnd` still judges
 * them at every use, and a session it would end is read again before it is
 * refused, so that the cache can delay an end decided elsewhere (for its
 * lifetime) but never cause one.
 */
export async function authenticateCaller(
  deps: CallerDeps,
  token: string | undefined,
): Promise<Caller> {
  const wellFormed = requireWellFormedToken(token);
  const tokenHash = await deps.tokens.hash(wellFormed);
  const now = deps.clock.now();
  const lifetime = lifetimeOf(deps);
  const cached = deps.sessionCache?.get(tokenHash, now);
  if (
    cached !== undefined && sessionEnd(cached.session, cached.user, now, lifetime) === undefined
  ) {
    return await admit(deps, cached.session, cached.user, now, lifetime);
  }
  const session = await deps.sessions.find(tokenHash);
  if (session === undefined) {
    deps.sessionCache?.forget(tokenHash);
    throw new DomainError("INVALID_TOKEN", END_MESSAGES.expired);
  }
  const user = await deps.users.findById(session.userId);
  const end = sessionEnd(session, user, now, lifetime);
  if (end !== undefined || user === undefined) {
    deps.sessionCache?.forget(tokenHash);
    await deps.sessions.revoke(tokenHash);
    throw new DomainError("INVALID_TOKEN", END_MESSAGES[end ?? "user deleted"]);
  }
  deps.sessionCache?.remember(session, user, now);
  return await admit(deps, session, user, now, lifetime);
}

/**
 * Lets the caller in: counts the call against the rate limit, slides the
 * session's expiry when due, and finds the user's privileges.
 */
async function admit(
  deps: CallerDeps,
  session: Session,
  user: UserAccount,
  now: Date,
  lifetime: SessionLifetime,
): Promise<Caller> {
  await countCall(deps, session.tokenHash);
  const expiresAt = slidExpiry(session, now, lifetime);
  if (expiresAt !== undefined) {
    await deps.sessions.touch(session.tokenHash, expiresAt);
    deps.sessionCache?.slide({ ...session, expiresAt });
  }
  return { user, privileges: await deps.policy.privilegesFor(user) };
}

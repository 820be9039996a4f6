/**
 * Opens a session for a user who proved who they are.
 *
 * @module
 */

import type { Clock, SessionStore, TokenGenerator } from "../domain/ports.ts";
import { openSession, type SessionLifetime } from "../domain/session.ts";
import type { UserAccount } from "../domain/user.ts";
import type { SessionCache } from "./session_cache.ts";

/** How long sessions live, as the use cases are configured. */
export interface SessionLifetimeSettings {
  /** Sliding session lifetime in seconds. */
  readonly sessionTtlSeconds: number;
  /** Absolute session lifetime in seconds, from login. */
  readonly sessionMaxAgeSeconds: number;
}

/** The domain's lifetime from the settings. */
export function lifetimeOf(settings: SessionLifetimeSettings): SessionLifetime {
  return { ttlSeconds: settings.sessionTtlSeconds, maxAgeSeconds: settings.sessionMaxAgeSeconds };
}

/** The ports and settings needed to open a session. */
export interface SessionDeps extends SessionLifetimeSettings {
  /** Session storage. */
  readonly sessions: SessionStore;
  /** Token making and hashing. */
  readonly tokens: TokenGenerator;
  /** Time. */
  readonly clock: Clock;
  /** The most live sessions a user may have; a new login revokes the oldest beyond it. */
  readonly maxSessionsPerUser: number;
  /** Accepted sessions this instance remembers: those a login revokes are forgotten at once. */
  readonly sessionCache?: SessionCache;
}

/**
 * Stores a new session for the user and returns its token, which is stored
 * only hashed; the user's oldest sessions beyond `maxSessionsPerUser` are
 * revoked.
 */
export async function startSession(deps: SessionDeps, user: UserAccount): Promise<string> {
  const token = deps.tokens.newToken();
  const session = openSession(
    await deps.tokens.hash(token),
    user,
    deps.clock.now(),
    lifetimeOf(deps),
  );
  await deps.sessions.save(session);
  await deps.sessions.keepNewest(user.id, deps.maxSessionsPerUser);
  // keepNewest may have revoked sessions this instance remembers: they are read again.
  deps.sessionCache?.forgetUser(user.id);
  return token;
}

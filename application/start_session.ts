/**
 * Opens a session for a user who proved who they are.
 *
 * @module
 */

import type { Clock, SessionStore, TokenGenerator } from "../domain/ports.ts";
import { openSession } from "../domain/session.ts";
import type { UserAccount } from "../domain/user.ts";

/** The ports and settings needed to open a session. */
export interface SessionDeps {
  /** Session storage. */
  readonly sessions: SessionStore;
  /** Token making and hashing. */
  readonly tokens: TokenGenerator;
  /** Time. */
  readonly clock: Clock;
  /** Sliding session lifetime in seconds. */
  readonly sessionTtlSeconds: number;
}

/** Stores a new session for the user and returns its token, which is stored only hashed. */
export async function startSession(deps: SessionDeps, user: UserAccount): Promise<string> {
  const token = deps.tokens.newToken();
  const session = openSession(
    await deps.tokens.hash(token),
    user.id,
    deps.clock.now(),
    deps.sessionTtlSeconds,
  );
  await deps.sessions.save(session);
  return token;
}

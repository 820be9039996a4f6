/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

import type { Session } from "../session.ts";

/** Storage of sessions, shared by every instance of the service. */
export interface SessionStore {
  /** Stores a new session. */
  save(session: Session): Promise<void>;
  /** The session with that token hash, expired or not. */
  find(tokenHash: string): Promise<Session | undefined>;
  /** Moves a session's expiry. */
  touch(tokenHash: string, expiresAt: Date): Promise<void>;
  /** Removes a session; returns whether there was one. */
  revoke(tokenHash: string): Promise<boolean>;
  /**
   * Revokes the user's sessions but the `count` newest (by opening time, the
   * token hash breaking ties); returns how many were revoked.
   */
  keepNewest(userId: number, count: number): Promise<number>;
}

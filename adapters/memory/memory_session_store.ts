/**
 * Sessions held in memory: they vanish when the process stops.
 *
 * @module
 */

import type { SessionStore } from "../../domain/ports.ts";
import type { Session } from "../../domain/session.ts";

/** A session store in a map. */
export class MemorySessionStore implements SessionStore {
  #sessions = new Map<string, Session>();

  /** Stores a session. */
  save(session: Session): Promise<void> {
    this.#sessions.set(session.tokenHash, session);
    return Promise.resolve();
  }

  /** The session with that hash. */
  find(tokenHash: string): Promise<Session | undefined> {
    return Promise.resolve(this.#sessions.get(tokenHash));
  }

  /** Moves a session's expiry. */
  touch(tokenHash: string, expiresAt: Date): Promise<void> {
    const session = this.#sessions.get(tokenHash);
    if (session !== undefined) this.#sessions.set(tokenHash, { ...session, expiresAt });
    return Promise.resolve();
  }

  /** Removes a session. */
  revoke(tokenHash: string): Promise<boolean> {
    return Promise.resolve(this.#sessions.delete(tokenHash));
  }
}

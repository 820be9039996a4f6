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

  /** Revokes the user's sessions but the `count` newest; how many were revoked. */
  keepNewest(userId: number, count: number): Promise<number> {
    const surplus = [...this.#sessions.values()]
      .filter((session) => session.userId === userId)
      .sort((a, b) =>
        b.createdAt.getTime() - a.createdAt.getTime() || (a.tokenHash < b.tokenHash ? 1 : -1)
      )
      .slice(count);
    for (const session of surplus) this.#sessions.delete(session.tokenHash);
    return Promise.resolve(surplus.length);
  }
}

/**
 * A short, bounded, in-process memory of the sessions this instance has just
 * accepted, with their users, so that a token used again within a few
 * seconds costs no database round trip.
 *
 * What it may hide, and for how long: a logout, a deactivation, a password
 * or access key change made elsewhere (another instance, Vtiger itself)
 * shows here at most `ttlSeconds` after this instance last read the session
 * and its user. A logout or revocation made by this instance shows at once:
 * it forgets the session, or all of the user's sessions. The domain's rule
 * (`sessionEnd`) is still applied to every use; only a session it lets in is
 * answered from here, never one it would end.
 *
 * @module
 */

import type { Session } from "../domain/session.ts";
import type { UserAccount } from "../domain/user.ts";

/** A session accepted recently, its user as read then, and when they were read. */
export interface CachedSession {
  /** The session (its expiry as last slid by this instance). */
  readonly session: Session;
  /** Its user, as the directory had them at `readAt`. */
  readonly user: UserAccount;
  /** When session and user were read from storage, in epoch milliseconds. */
  readonly readAt: number;
}

/** The default number of sessions remembered. */
export const DEFAULT_SESSION_CACHE_ENTRIES = 10_000;

/** Remembers accepted sessions by token hash for a few seconds. */
export class SessionCache {
  #entries = new Map<string, CachedSession>();
  #byUser = new Map<number, Set<string>>();
  #ttlMs: number;
  #maxEntries: number;

  /** Entries live `ttlSeconds` from their read; at most `maxEntries` are kept, oldest evicted. */
  constructor(ttlSeconds: number, maxEntries = DEFAULT_SESSION_CACHE_ENTRIES) {
    if (!(ttlSeconds > 0) || !Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError("A session cache needs a lifetime above 0 s and room for 1 entry");
    }
    this.#ttlMs = ttlSeconds * 1000;
    this.#maxEntries = maxEntries;
  }

  /** How many sessions are remembered. */
  get size(): number {
    return this.#entries.size;
  }

  /** The session remembered for the token hash, unless read more than the lifetime before `now`. */
  get(tokenHash: string, now: Date): CachedSession | undefined {
    const entry = this.#entries.get(tokenHash);
    if (entry === undefined) return undefined;
    if (now.getTime() - entry.readAt >= this.#ttlMs || now.getTime() < entry.readAt) {
      this.forget(tokenHash);
      return undefined;
    }
    return entry;
  }

  /** Remembers a session and its user, just read from storage at `now`. */
  remember(session: Session, user: UserAccount, now: Date): void {
    this.forget(session.tokenHash);
    this.#entries.set(session.tokenHash, { session, user, readAt: now.getTime() });
    let hashes = this.#byUser.get(user.id);
    if (hashes === undefined) {
      hashes = new Set();
      this.#byUser.set(user.id, hashes);
    }
    hashes.add(session.tokenHash);
    while (this.#entries.size > this.#maxEntries) {
      this.forget(this.#entries.keys().next().value as string);
    }
  }

  /** Replaces a remembered session (its expiry slid), keeping when its user was read. */
  slide(session: Session): void {
    const entry = this.#entries.get(session.tokenHash);
    if (entry !== undefined) this.#entries.set(session.tokenHash, { ...entry, session });
  }

  /** Forgets one session (logged out or ended here). */
  forget(tokenHash: string): void {
    const entry = this.#entries.get(tokenHash);
    if (entry === undefined) return;
    this.#entries.delete(tokenHash);
    const hashes = this.#byUser.get(entry.user.id);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.#byUser.delete(entry.user.id);
  }

  /** Forgets every session of a user (some may have been revoked here). */
  forgetUser(userId: number): void {
    for (const tokenHash of [...this.#byUser.get(userId) ?? []]) this.forget(tokenHash);
  }
}

/**
 * Login sessions: a token handed to the client, kept only as a hash, and the
 * one rule that says whether a stored session still lets its bearer in.
 *
 * @module
 */

import { DomainError } from "./errors.ts";
import type { UserAccount } from "./user.ts";

/** A token is 32 characters of `[A-Za-z0-9]`. */
export const TOKEN_PATTERN: RegExp = /^[A-Za-z0-9]{32}$/;

/** A live session, keyed by the hash of its token. */
export interface Session {
  /** Hash of the token; the token itself is never stored. */
  readonly tokenHash: string;
  /** The user the token acts for. */
  readonly userId: number;
  /** When the session was opened. */
  readonly createdAt: Date;
  /** When the session ends unless used again (never after its absolute limit). */
  readonly expiresAt: Date;
  /** The user's {@linkcode UserAccount.credentialFingerprint} when the session was opened. */
  readonly credentialFingerprint: string;
}

/** How long sessions live. */
export interface SessionLifetime {
  /** Seconds a session lives without use (sliding: each use extends it). */
  readonly ttlSeconds: number;
  /** Seconds a session lives at most from its login, used or not. */
  readonly maxAgeSeconds: number;
}

/** Why a stored session no longer lets its bearer in. */
export type SessionEnd =
  | "expired"
  | "user deleted"
  | "user inactive"
  | "credentials changed";

/** The instant a session opened at `createdAt` ends at the latest. */
function absoluteEnd(createdAt: Date, lifetime: SessionLifetime): number {
  return createdAt.getTime() + lifetime.maxAgeSeconds * 1000;
}

/** Opens a session for a user, ending after `ttlSeconds` without use or `maxAgeSeconds` in all. */
export function openSession(
  tokenHash: string,
  user: Pick<UserAccount, "id" | "credentialFingerprint">,
  now: Date,
  lifetime: SessionLifetime,
): Session {
  const expires = Math.min(now.getTime() + lifetime.ttlSeconds * 1000, absoluteEnd(now, lifetime));
  return {
    tokenHash,
    userId: user.id,
    createdAt: now,
    expiresAt: new Date(expires),
    credentialFingerprint: user.credentialFingerprint,
  };
}

/**
 * Whether the session has run out at `now`: its sliding expiry has passed, or
 * its absolute limit (checked on its own too, so that a lowered
 * `maxAgeSeconds` ends older sessions at once).
 */
export function isExpired(session: Session, now: Date, lifetime: SessionLifetime): boolean {
  const time = now.getTime();
  return session.expiresAt.getTime() <= time || absoluteEnd(session.createdAt, lifetime) <= time;
}

/**
 * Why the session no longer lets its bearer in at `now`, or `undefined` while
 * it does. `user` is the session's user as the directory has it now
 * (`undefined` when deleted). This is the one rule for every place that
 * accepts a session, a cache of sessions or users included: a password or
 * access key change, a deactivation or a deletion ends every session of the
 * user, and no session outlives its sliding or absolute lifetime.
 */
export function sessionEnd(
  session: Session,
  user: UserAccount | undefined,
  now: Date,
  lifetime: SessionLifetime,
): SessionEnd | undefined {
  if (isExpired(session, now, lifetime)) return "expired";
  if (user === undefined || user.id !== session.userId) return "user deleted";
  if (!user.active) return "user inactive";
  if (user.credentialFingerprint !== session.credentialFingerprint) return "credentials changed";
  return undefined;
}

/** Whether the session still lets its bearer in: {@linkcode sessionEnd} finds no reason to end it. */
export function sessionStillValid(
  session: Session,
  user: UserAccount | undefined,
  now: Date,
  lifetime: SessionLifetime,
): boolean {
  return sessionEnd(session, user, now, lifetime) === undefined;
}

/**
 * The new expiry after a use at `now` (a full `ttlSeconds` later, but never
 * past the absolute limit), or `undefined` when the stored one is still fresh
 * enough (it would move by less than a tenth of the lifetime, and not up to
 * the absolute limit) to spare a write.
 */
export function slidExpiry(
  session: Session,
  now: Date,
  lifetime: SessionLifetime,
): Date | undefined {
  const limit = absoluteEnd(session.createdAt, lifetime);
  const next = Math.min(now.getTime() + lifetime.ttlSeconds * 1000, limit);
  const moved = next - session.expiresAt.getTime();
  // The last step up to the absolute limit is written even when short.
  return moved >= lifetime.ttlSeconds * 100 || (next === limit && moved > 0)
    ? new Date(next)
    : undefined;
}

/** Checks a token's presence and form: `TOKEN_NOT_FOUND` or `INVALID_TOKEN` otherwise. */
export function requireWellFormedToken(token: string | undefined): string {
  if (token === undefined || token === "") {
    throw new DomainError("TOKEN_NOT_FOUND", "No token was given");
  }
  if (!TOKEN_PATTERN.test(token)) {
    throw new DomainError("INVALID_TOKEN", "The token is not 32 letters and digits");
  }
  return token;
}

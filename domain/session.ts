/**
 * Login sessions: a token handed to the client, kept only as a hash.
 *
 * @module
 */

import { DomainError } from "./errors.ts";

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
  /** When the session ends unless used again. */
  readonly expiresAt: Date;
}

/** Opens a session for a user with a sliding lifetime of `ttlSeconds`. */
export function openSession(
  tokenHash: string,
  userId: number,
  now: Date,
  ttlSeconds: number,
): Session {
  return {
    tokenHash,
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
  };
}

/** Whether the session has run out at `now`. */
export function isExpired(session: Session, now: Date): boolean {
  return session.expiresAt.getTime() <= now.getTime();
}

/**
 * The new expiry after a use at `now`, or `undefined` when the stored one is
 * still fresh enough (within a tenth of the lifetime) to spare a write.
 */
export function slidExpiry(session: Session, now: Date, ttlSeconds: number): Date | undefined {
  const next = now.getTime() + ttlSeconds * 1000;
  return next - session.expiresAt.getTime() >= ttlSeconds * 100 ? new Date(next) : undefined;
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

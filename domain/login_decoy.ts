/**
 * The decoy a password login checks against when the name is unknown, so
 * that the time a login takes does not tell which names exist: a hash of
 * the kind most users have, as costly to check as theirs.
 *
 * @module
 */

import type { StoredPassword } from "./user.ts";

/**
 * What makes one hash as costly to check as another: its crypt type, and for
 * bcrypt its cost (`$2y$10$` → `PHASH 10`); MD5-crypt always runs 1000 rounds.
 */
export function passwordKind(stored: StoredPassword): string {
  const cost = /^\$2[abxy]\$(\d\d)\$/.exec(stored.passwordHash)?.[1];
  return cost === undefined ? stored.cryptType : `${stored.cryptType} ${cost}`;
}

/**
 * A stored password of the most common kind among `passwords` (the first one
 * of that kind, so that the choice is stable), or `undefined` when there are
 * none. A mixed install, with some users on MD5-crypt and others on bcrypt,
 * still tells the less common kind apart: that is the best a decoy can do.
 */
export function mostCommonPassword(
  passwords: readonly StoredPassword[],
): StoredPassword | undefined {
  const byKind = new Map<string, { first: StoredPassword; count: number }>();
  for (const stored of passwords) {
    const kind = passwordKind(stored);
    const entry = byKind.get(kind);
    if (entry === undefined) byKind.set(kind, { first: stored, count: 1 });
    else entry.count++;
  }
  let best: { first: StoredPassword; count: number } | undefined;
  for (const entry of byKind.values()) {
    if (best === undefined || entry.count > best.count) best = entry;
  }
  return best === undefined
    ? undefined
    : { passwordHash: best.first.passwordHash, cryptType: best.first.cryptType };
}

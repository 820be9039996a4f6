/**
 * The decoy a password login checks against when the name is unknown, so
 * that the time a login takes does not tell which names exist. An install
 * may hold several kinds of hash (MD5-crypt for old users, bcrypt for new
 * ones); each unknown name gets a decoy of one of the kinds the users have,
 * in proportion to how many users have it, always the same for the same
 * name. A name then looks like a user of some kind whether it exists or not.
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

/** One kind of hash among the users': a hash of that kind, and how many users have it. */
export interface PasswordKindShare {
  /** A stored password of that kind (the first found, so that the choice is stable). */
  readonly sample: StoredPassword;
  /** How many of the passwords are of that kind. */
  readonly count: number;
}

/** The kinds of the passwords, most common first (ties in the order first seen). */
export function passwordKinds(passwords: readonly StoredPassword[]): PasswordKindShare[] {
  const byKind = new Map<string, { sample: StoredPassword; count: number }>();
  for (const stored of passwords) {
    const kind = passwordKind(stored);
    const entry = byKind.get(kind);
    if (entry === undefined) {
      byKind.set(kind, {
        sample: { passwordHash: stored.passwordHash, cryptType: stored.cryptType },
        count: 1,
      });
    } else entry.count++;
  }
  return [...byKind.values()].sort((a, b) => b.count - a.count);
}

/**
 * The decoy at `fraction` (from 0 to 1, excluded) of the users: the kinds
 * take shares of [0, 1) in proportion to their counts. Given a fraction
 * drawn from the name by a keyed hash, a name always gets the same kind and
 * the names spread over the kinds as the users do. `undefined` without
 * passwords.
 */
export function decoyPassword(
  passwords: readonly StoredPassword[],
  fraction: number,
): StoredPassword | undefined {
  const kinds = passwordKinds(passwords);
  const total = kinds.reduce((sum, kind) => sum + kind.count, 0);
  let bound = 0;
  for (const kind of kinds) {
    bound += kind.count / total;
    if (fraction < bound) return kind.sample;
  }
  return kinds.at(-1)?.sample;
}

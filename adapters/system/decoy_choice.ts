/**
 * Where in the users an unknown name's decoy falls (domain/login_decoy.ts):
 * a keyed hash of the name, so that the same name always gets the same kind
 * of hash, and an attacker, who does not know the key, cannot compute which
 * kind an unknown name gets and compare it with what a login shows.
 *
 * The key is made of the active users' stored hashes: secret to clients,
 * the same for every instance of the service, changed when a hash changes.
 *
 * @module
 */

import { createHash, createHmac } from "node:crypto";
import { decoyPassword } from "../../domain/login_decoy.ts";
import type { StoredPassword } from "../../domain/user.ts";

/** Chooses the decoys of unknown names among a set of stored passwords. */
export class DecoyChooser {
  readonly #passwords: readonly StoredPassword[];
  readonly #key: Buffer;

  /** Chooses among `passwords` (the active users'), keyed by them. */
  constructor(passwords: readonly StoredPassword[]) {
    this.#passwords = passwords;
    const hash = createHash("sha256");
    for (const stored of passwords) {
      hash.update(`${stored.cryptType}\u0000${stored.passwordHash}\n`);
    }
    this.#key = hash.digest();
  }

  /** A number from 0 to 1 (excluded) drawn from the name by HMAC-SHA-256. */
  fraction(userName: string): number {
    const digest = createHmac("sha256", this.#key).update(userName.toLowerCase()).digest();
    return digest.readUIntBE(0, 6) / 2 ** 48;
  }

  /** The decoy of a name, or `undefined` without passwords. */
  decoyFor(userName: string): StoredPassword | undefined {
    return decoyPassword(this.#passwords, this.fraction(userName));
  }
}

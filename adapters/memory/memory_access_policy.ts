/**
 * Privileges fabricated in memory: administrators get everything, every other
 * user what the given table says.
 *
 * @module
 */

import type { AccessPolicy } from "../../domain/ports.ts";
import { adminPrivileges, type Privileges } from "../../domain/privileges.ts";
import type { UserAccount } from "../../domain/user.ts";

/** Builds a non-administrator's privileges. */
export type PrivilegesFactory = (user: UserAccount) => Privileges;

/** An access policy over a factory for non-administrators. */
export class MemoryAccessPolicy implements AccessPolicy {
  #factory: PrivilegesFactory;

  /** Uses the factory for every user who is not an administrator. */
  constructor(factory: PrivilegesFactory) {
    this.#factory = factory;
  }

  /** The user's privileges. */
  privilegesFor(user: UserAccount): Promise<Privileges> {
    return Promise.resolve(user.isAdmin ? adminPrivileges(user.id) : this.#factory(user));
  }
}

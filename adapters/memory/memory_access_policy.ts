/**
 * Privileges in memory: each user's {@linkcode PrivilegeFacts} are given up
 * front, and the privileges are computed from them by the same domain rules
 * the MySQL adapter uses.
 *
 * @module
 */

import type { AccessPolicy, ModuleCatalog } from "../../domain/ports.ts";
import {
  computePrivileges,
  factsWithoutRole,
  type PrivilegeFacts,
} from "../../domain/privilege_facts.ts";
import { adminPrivileges, type Privileges } from "../../domain/privileges.ts";
import type { UserAccount } from "../../domain/user.ts";

/** An access policy over fixed facts per user. */
export class MemoryAccessPolicy implements AccessPolicy {
  #facts: ReadonlyMap<number, PrivilegeFacts>;
  #catalog: ModuleCatalog;

  /**
   * Holds the facts by user id; privileges are computed over the catalog's
   * modules. Administrators (`UserAccount.isAdmin`) need no facts; a user
   * without facts may do nothing.
   */
  constructor(facts: Iterable<PrivilegeFacts>, catalog: ModuleCatalog) {
    this.#facts = new Map([...facts].map((entry) => [entry.userId, entry]));
    this.#catalog = catalog;
  }

  /** The user's privileges, computed afresh from their facts. */
  async privilegesFor(user: UserAccount): Promise<Privileges> {
    if (user.isAdmin) return adminPrivileges(user.id);
    const facts = this.#facts.get(user.id) ?? factsWithoutRole(user.id);
    return computePrivileges(facts, await this.#catalog.listModules());
  }
}

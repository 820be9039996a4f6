/**
 * The access policy used until Vtiger's profiles and sharing rules are read:
 * administrators may do everything, every other user nothing. Safe by
 * default; `openMysqlPorts` accepts a real policy in its place.
 *
 * @module
 */

import type { AccessPolicy } from "../../domain/ports.ts";
import { adminPrivileges, type Privileges } from "../../domain/privileges.ts";
import type { UserAccount } from "../../domain/user.ts";

/** Grants administrators everything and other users no module at all. */
export class AdminOnlyAccessPolicy implements AccessPolicy {
  /** Full privileges for an administrator; none for anyone else. */
  privilegesFor(user: UserAccount): Promise<Privileges> {
    return Promise.resolve(
      user.isAdmin
        ? adminPrivileges(user.id)
        : { userId: user.id, isAdmin: false, ownIds: new Set([user.id]), modules: new Map() },
    );
  }
}

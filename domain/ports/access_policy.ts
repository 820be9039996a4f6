/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

import type { Privileges } from "../privileges.ts";
import type { UserAccount } from "../user.ts";

/** Loads what a user may do. */
export interface AccessPolicy {
  /** The user's privileges, as Vtiger computes them. */
  privilegesFor(user: UserAccount): Promise<Privileges>;
}

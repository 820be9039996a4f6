/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

import type { StoredPassword, UserAccount } from "../user.ts";

/** Where users and groups are looked up. */
export interface UserDirectory {
  /** The (non-deleted) user with that exact user name, active or not. */
  findByUserName(userName: string): Promise<UserAccount | undefined>;
  /** The (non-deleted) user with that access key, active or not. */
  findByAccessKey(accessKey: string): Promise<UserAccount | undefined>;
  /** The (non-deleted) user with that id. */
  findById(id: number): Promise<UserAccount | undefined>;
  /** Whether an active user or a group has that id: a valid owner for a record. */
  ownerExists(id: number): Promise<boolean>;
  /** Whether an active user has that id. */
  userExists(id: number): Promise<boolean>;
  /**
   * The stored password a login for an unknown name checks against, so that
   * its time does not tell the name apart: one of the kinds of hash active
   * users have (crypt type, bcrypt cost), chosen per name in proportion to
   * how many users have each kind, always the same for the same name, and
   * not computable by a client (domain/login_decoy.ts).
   */
  decoyPassword(userName: string): Promise<StoredPassword | undefined>;
}

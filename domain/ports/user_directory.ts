/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

import type { UserAccount } from "../user.ts";

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
}

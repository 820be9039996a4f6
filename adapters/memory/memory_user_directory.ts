/**
 * Users and groups held in memory.
 *
 * @module
 */

import type { UserDirectory } from "../../domain/ports.ts";
import type { StoredPassword, StoredUser, UserAccount } from "../../domain/user.ts";
import { withCredentialFingerprint } from "../system/credential_fingerprint.ts";
import { DecoyChooser } from "../system/decoy_choice.ts";

/** A user directory over a list of users and fixed group ids. */
export class MemoryUserDirectory implements UserDirectory {
  #users: UserAccount[];
  #groupIds: ReadonlySet<number>;

  /** Holds the given users (their credential fingerprints computed) and groups. */
  constructor(users: readonly StoredUser[], groupIds: readonly number[] = []) {
    this.#users = users.map(withCredentialFingerprint);
    this.#groupIds = new Set(groupIds);
  }

  /** Adds a user, or replaces the one with its id (a new password, a deactivation). */
  put(user: StoredUser): void {
    this.remove(user.id);
    this.#users.push(withCredentialFingerprint(user));
  }

  /** Removes the user with that id, as a deletion in Vtiger does. */
  remove(id: number): void {
    this.#users = this.#users.filter((user) => user.id !== id);
  }

  /** The user with that user name. */
  findByUserName(userName: string): Promise<UserAccount | undefined> {
    return Promise.resolve(this.#users.find((user) => user.userName === userName));
  }

  /** The user with that access key. */
  findByAccessKey(accessKey: string): Promise<UserAccount | undefined> {
    return Promise.resolve(this.#users.find((user) => user.accessKey === accessKey));
  }

  /** The user with that id. */
  findById(id: number): Promise<UserAccount | undefined> {
    return Promise.resolve(this.#users.find((user) => user.id === id));
  }

  /** Whether an active user or a group has that id. */
  async ownerExists(id: number): Promise<boolean> {
    return this.#groupIds.has(id) || await this.userExists(id);
  }

  /** Whether an active user has that id. */
  userExists(id: number): Promise<boolean> {
    return Promise.resolve(this.#users.some((user) => user.id === id && user.active));
  }

  /** The decoy of an unknown name among the active users' kinds of hash. */
  decoyPassword(userName: string): Promise<StoredPassword | undefined> {
    const chooser = new DecoyChooser(this.#users.filter((user) => user.active));
    return Promise.resolve(chooser.decoyFor(userName));
  }
}

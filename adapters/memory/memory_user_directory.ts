/**
 * Users and groups held in memory.
 *
 * @module
 */

import type { UserDirectory } from "../../domain/ports.ts";
import type { UserAccount } from "../../domain/user.ts";

/** A user directory over fixed lists of users and group ids. */
export class MemoryUserDirectory implements UserDirectory {
  #users: readonly UserAccount[];
  #groupIds: ReadonlySet<number>;

  /** Holds the given users and groups. */
  constructor(users: readonly UserAccount[], groupIds: readonly number[] = []) {
    this.#users = users;
    this.#groupIds = new Set(groupIds);
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
}

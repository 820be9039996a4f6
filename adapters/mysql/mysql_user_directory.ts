/**
 * Users and groups of a Vtiger database (`vtiger_users`, `vtiger_user2role`,
 * `vtiger_groups`). Deleted users are never found; inactive ones are found but
 * marked inactive, so that logins fail with the right error.
 *
 * @module
 */

import type { UserDirectory } from "../../domain/ports.ts";
import type { StoredPassword, UserAccount } from "../../domain/user.ts";
import { withCredentialFingerprint } from "../system/credential_fingerprint.ts";
import { DecoyChooser } from "../system/decoy_choice.ts";
import { comparableText, type VtigerDb } from "./database.ts";
import { guarded } from "./driver_errors.ts";
import type { UsersTable, UserToRoleTable } from "./schema_types.ts";

/** A user's columns as a login reads them, with the role of the left-joined `vtiger_user2role`. */
type UserRow =
  & Pick<
    UsersTable,
    "id" | "user_name" | "user_password" | "crypt_type" | "accesskey" | "status" | "is_admin"
  >
  & { roleid: UserToRoleTable["roleid"] | null };

function toAccount(row: UserRow): UserAccount {
  return withCredentialFingerprint({
    id: Number(row.id),
    userName: row.user_name ?? "",
    isAdmin: row.is_admin === "on",
    active: row.status === "Active",
    passwordHash: row.user_password ?? "",
    cryptType: row.crypt_type,
    accessKey: row.accesskey ?? "",
    ...(row.roleid === null ? {} : { roleId: row.roleid }),
  });
}

/** How long the users' kinds of hash are remembered for decoys, in milliseconds. */
const DECOY_TTL_MS = 10 * 60 * 1000;

/** The user directory over `vtiger_users`. */
export class MysqlUserDirectory implements UserDirectory {
  #db: VtigerDb;
  #decoys: { readonly at: number; readonly value: Promise<DecoyChooser> } | undefined;

  /** Reads through `db`. */
  constructor(db: VtigerDb) {
    this.#db = db;
  }

  /**
   * The decoy of an unknown name among the active users' kinds of hash. The
   * users' hashes are read again every ten minutes; every password login
   * asks, so that an unknown name costs the same queries as a known one.
   */
  async decoyPassword(userName: string): Promise<StoredPassword | undefined> {
    return (await this.#decoyChooser()).decoyFor(userName);
  }

  #decoyChooser(): Promise<DecoyChooser> {
    const now = Date.now();
    if (this.#decoys === undefined || now - this.#decoys.at > DECOY_TTL_MS) {
      const value = guarded(() =>
        this.#db.selectFrom("vtiger_users").select(["user_password", "crypt_type"])
          .where("deleted", "=", 0).where("status", "=", "Active").orderBy("id").execute()
      ).then((rows) =>
        new DecoyChooser(
          rows.map((row) => ({ passwordHash: row.user_password ?? "", cryptType: row.crypt_type })),
        )
      );
      this.#decoys = { at: now, value };
      value.catch(() => {
        if (this.#decoys?.value === value) this.#decoys = undefined;
      });
    }
    return this.#decoys.value;
  }

  #users() {
    return this.#db.selectFrom("vtiger_users")
      .leftJoin("vtiger_user2role", "vtiger_user2role.userid", "vtiger_users.id")
      .select([
        "vtiger_users.id",
        "vtiger_users.user_name",
        "vtiger_users.user_password",
        "vtiger_users.crypt_type",
        "vtiger_users.accesskey",
        "vtiger_users.status",
        "vtiger_users.is_admin",
        "vtiger_user2role.roleid",
      ])
      .where("vtiger_users.deleted", "=", 0);
  }

  /** The non-deleted user with that user name (compared as Vtiger's login does). */
  async findByUserName(userName: string): Promise<UserAccount | undefined> {
    if (userName === "") return undefined;
    const row = await guarded(() =>
      this.#users().where("vtiger_users.user_name", "=", comparableText(userName))
        .orderBy("vtiger_users.id").executeTakeFirst()
    );
    return row === undefined ? undefined : toAccount(row);
  }

  /** The non-deleted user with exactly that access key (case-sensitive). */
  async findByAccessKey(accessKey: string): Promise<UserAccount | undefined> {
    if (accessKey === "") return undefined;
    const rows = await guarded(() =>
      this.#users().where("vtiger_users.accesskey", "=", comparableText(accessKey)).execute()
    );
    const row = rows.find((candidate) => candidate.accesskey === accessKey);
    return row === undefined ? undefined : toAccount(row);
  }

  /** The non-deleted user with that id. */
  async findById(id: number): Promise<UserAccount | undefined> {
    const row = await guarded(() =>
      this.#users().where("vtiger_users.id", "=", id).executeTakeFirst()
    );
    return row === undefined ? undefined : toAccount(row);
  }

  /** Whether an active user or a group (`vtiger_groups`) has that id. */
  async ownerExists(id: number): Promise<boolean> {
    if (await this.userExists(id)) return true;
    const group = await guarded(() =>
      this.#db.selectFrom("vtiger_groups").select("groupid").where("groupid", "=", id)
        .executeTakeFirst()
    );
    return group !== undefined;
  }

  /** Whether an active, non-deleted user has that id. */
  async userExists(id: number): Promise<boolean> {
    const row = await guarded(() =>
      this.#db.selectFrom("vtiger_users").select("id").where("id", "=", id)
        .where("deleted", "=", 0).where("status", "=", "Active").executeTakeFirst()
    );
    return row !== undefined;
  }
}

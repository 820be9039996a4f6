/**
 * Helpers the MySQL tests share: ports and use cases on a test database, an
 * admin token, direct row checks.
 *
 * @module
 */

import bcrypt from "bcryptjs";
import type { RawBuilder } from "kysely";
import { type MysqlPorts, openMysqlPorts } from "../../adapters/mysql/mysql_ports.ts";
import { createUseCases, type UseCases } from "../../application/use_cases.ts";
import {
  createVtigerDatabase,
  mysqlTestsEnabled,
  VTIGER_VERSIONS,
  type VtigerTestDatabase,
  type VtigerVersion,
} from "./vtiger_test_database.ts";

/** The password the tests give the admin user of each dump. */
export const ADMIN_PASSWORD = "admin";

/** The admin's access key in each dump. */
export const ADMIN_ACCESS_KEY: Readonly<Record<string, string>> = {
  "7.1.0": "75Kf5cQoV6KWxlNg",
  "7.3.0": "F1P63yVFncqYsrN",
  "frevocrm-8.0.3": "PqllmJsVZ0Kv5ICx",
};

/** Ports and use cases on a test database. */
export interface Service {
  /** The opened ports. */
  readonly opened: MysqlPorts;
  /** The use cases on them. */
  readonly useCases: UseCases;
  /** Closes the pool. */
  close(): Promise<void>;
}

/** Opens the MySQL ports (migrations applied) and builds the use cases. */
export async function openService(database: VtigerTestDatabase): Promise<Service> {
  const opened = await openMysqlPorts({ url: database.url, metadataTtlSeconds: 300 });
  return { opened, useCases: createUseCases(opened.ports), close: () => opened.close() };
}

/**
 * Gives the 7.3 and F-RevoCRM 8.0.3 admins (whose passwords differ) a PHASH hash of
 * {@linkcode ADMIN_PASSWORD}; the 7.1 admin already has it as PHP5.3MD5.
 */
export async function setAdminPassword(database: VtigerTestDatabase): Promise<void> {
  // 7.1.0's admin already has "admin" (MD5 crypt); 7.3.0 and the fork store PHASH (bcrypt).
  if (database.version === "7.1.0") return;
  const hash = bcrypt.hashSync(ADMIN_PASSWORD, 10).replace(/^\$2b\$/, "$2y$");
  await database.db.updateTable("vtiger_users").set({ user_password: hash, crypt_type: "PHASH" })
    .where("id", "=", 1).execute();
}

/** Logs the admin in with the password. */
export async function adminToken(service: Service): Promise<string> {
  return await service.useCases.loginWithPassword.execute({
    userName: "admin",
    password: ADMIN_PASSWORD,
  });
}

/** Rows of a raw query, for direct checks. */
export async function rows<T>(
  database: VtigerTestDatabase,
  query: RawBuilder<T>,
): Promise<T[]> {
  return (await query.execute(database.db)).rows;
}

/** The one value of a one-row, one-column query, as text. */
export async function scalar(
  database: VtigerTestDatabase,
  query: RawBuilder<unknown>,
): Promise<string | null> {
  const row = (await query.execute(database.db)).rows[0] as Record<string, unknown> | undefined;
  if (row === undefined) return null;
  const value = Object.values(row)[0];
  return value === null || value === undefined ? null : String(value);
}

/** What a test registered by {@linkcode testPerVersion} works with. */
export interface VersionSession {
  /** The fresh test database. */
  readonly database: VtigerTestDatabase;
  /** The MySQL ports and the use cases on them. */
  readonly service: Service;
  /** Shorthand for `service.useCases`. */
  readonly useCases: UseCases;
}

/** What a test registered by {@linkcode adminTestPerVersion} works with. */
export interface AdminSession extends VersionSession {
  /** The admin's token. */
  readonly token: string;
}

/**
 * Registers a test once per Vtiger version, each on a fresh database (the
 * admin's password set) that is dropped afterwards, with the service open and
 * closed after; visibly ignored without `VTIGER_TEST_DB_URL`.
 */
export function testPerVersion(
  name: (version: VtigerVersion) => string,
  fn: (t: Deno.TestContext, session: VersionSession) => Promise<void>,
  versions: readonly VtigerVersion[] = VTIGER_VERSIONS,
): void {
  for (const version of versions) {
    Deno.test({
      name: name(version),
      ignore: !mysqlTestsEnabled,
      sanitizeResources: false,
      sanitizeOps: false,
      fn: async (t) => {
        await using database = await createVtigerDatabase(version);
        await setAdminPassword(database);
        const service = await openService(database);
        try {
          await fn(t, { database, service, useCases: service.useCases });
        } finally {
          await service.close();
        }
      },
    });
  }
}

/** {@linkcode testPerVersion} with the admin logged in. */
export function adminTestPerVersion(
  name: (version: VtigerVersion) => string,
  fn: (t: Deno.TestContext, session: AdminSession) => Promise<void>,
): void {
  testPerVersion(name, async (t, session) => {
    await fn(t, { ...session, token: await adminToken(session.service) });
  });
}

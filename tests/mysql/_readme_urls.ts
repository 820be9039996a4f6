/**
 * What the README URL tests against real Vtiger databases share: one test per
 * Vtiger version, each on a fresh database with the admin's password set, the
 * service open and the HTTP app on it; a caller of the app's URLs; and the
 * README's first rating dependency rules, loaded into the database.
 *
 * @module
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { createApp } from "../../adapters/http/app.ts";
import type { UseCases } from "../../application/use_cases.ts";
import { DomainError } from "../../domain/errors.ts";
import { README_RATING_DEPENDENCIES } from "../_fixtures/readme.ts";
import { scalar, type Service, testPerVersion } from "./mysql_support.ts";
import {
  ALL_VTIGER_VERSIONS,
  type VtigerTestDatabase,
  type VtigerVersion,
} from "./vtiger_test_database.ts";

/** The default base path. */
export const BASE = "/modules/RestfulApi";

/** The README's first two `rating` → `accounttype` rules (Acquired, Active), as these tests load them. */
export const DEPENDENCIES: ReadonlyArray<readonly [string, readonly string[]]> =
  README_RATING_DEPENDENCIES.slice(0, 2);

/** A parsed envelope. */
export interface Envelope {
  success: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

/** A record, or each record of a list, without `api_date_now` (the server's time). */
export function withoutNow(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNow);
  if (typeof value === "object" && value !== null) {
    const { api_date_now: _now, ...rest } = value as Record<string, unknown>;
    return rest;
  }
  return value;
}

/** Checks that the promise rejects with a DomainError of that code. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(
    promise,
    (error: unknown) => error instanceof DomainError && error.code === code,
  );
}

/** Stores {@linkcode DEPENDENCIES} in `vtiger_picklist_dependency`, as Vtiger's editor does. */
export async function insertDependencies(database: VtigerTestDatabase): Promise<void> {
  const tabid = await scalar(
    database,
    sql`SELECT tabid FROM vtiger_tab WHERE name = 'Accounts'`,
  );
  for (const [index, [source, targets]] of DEPENDENCIES.entries()) {
    await sql`INSERT INTO vtiger_picklist_dependency
      (id, tabid, sourcefield, targetfield, sourcevalue, targetvalues, criteria)
      VALUES (${index + 1}, ${tabid}, 'rating', 'accounttype', ${source},
        ${JSON.stringify(targets)}, NULL)`.execute(database.db);
  }
}

/** One version's database, service and app, as a README URL test gets them. */
export interface ReadmeUrls {
  /** The Vtiger version of the dump. */
  readonly version: VtigerVersion;
  /** The fresh database. */
  readonly database: VtigerTestDatabase;
  /** The service open on it. */
  readonly service: Service;
  /** Its use cases. */
  readonly useCases: UseCases;
  /** Sends a request to the HTTP app (a form body if given) and parses the envelope. */
  call(method: string, path: string, body?: string): Promise<Envelope>;
}

/**
 * Registers `README URLs against Vtiger <version>: <what>` for each version,
 * on a fresh database that is dropped afterwards, the service closed first.
 */
export function readmeUrlsTest(
  what: string,
  fn: (t: Deno.TestContext, context: ReadmeUrls) => Promise<void>,
): void {
  testPerVersion(
    (version) => `README URLs against Vtiger ${version}: ${what}`,
    async (t, { database, service, useCases }) => {
      const app = createApp(useCases);
      const call = async (method: string, path: string, body?: string): Promise<Envelope> => {
        const response = await app.request(`${BASE}/${path}`, {
          method,
          ...(body === undefined ? {} : {
            body,
            headers: { "content-type": "application/x-www-form-urlencoded" },
          }),
        });
        return await response.json() as Envelope;
      };
      await fn(t, { version: database.version, database, service, useCases, call });
    },
    ALL_VTIGER_VERSIONS,
  );
}

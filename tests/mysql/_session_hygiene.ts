/**
 * Session hygiene on a real Vtiger database: a password or access key
 * change, a deactivation or a deletion in `vtiger_users` ends the user's
 * sessions; a user's live sessions are bounded, the oldest revoked first;
 * migration 0003 left sessions opened before it without a fingerprint.
 * Steps of tests/mysql/hostile_client_test.ts.
 *
 * @module
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { createUseCases } from "../../application/use_cases.ts";
import { rejectsDomainError } from "../domain/_assert_error.ts";
import { ADMIN_PASSWORD, rows, type Service } from "./mysql_support.ts";
import type { VtigerTestDatabase } from "./vtiger_test_database.ts";

/** Registers the session steps; the database's admin is user 1 with {@linkcode ADMIN_PASSWORD}. */
export async function sessionHygieneSteps(
  t: Deno.TestContext,
  database: VtigerTestDatabase,
  service: Service,
): Promise<void> {
  const useCases = createUseCases(service.opened.ports, { maxSessionsPerUser: 3 });
  const login = () =>
    useCases.loginWithPassword.execute({ userName: "admin", password: ADMIN_PASSWORD });
  const list = (token: string) => useCases.listRecords.execute({ token, module: "Accounts" });
  const users = (set: string) =>
    sql.raw(`UPDATE vtiger_users SET ${set} WHERE id = 1`).execute(database.db);
  const sessionCount = async () =>
    Number(
      (await rows(database, sql<{ n: number }>`SELECT COUNT(*) AS n FROM vtrest_sessions`))[0]
        .n,
    );

  await t.step("a new password hash ends the session, and its row", async () => {
    const token = await login();
    await list(token);
    const before = await sessionCount();
    await users("user_password = CONCAT(user_password, 'x')");
    await rejectsDomainError(list(token), "INVALID_TOKEN", "password or access key changed");
    assert.equal(await sessionCount(), before - 1);
    await users("user_password = LEFT(user_password, CHAR_LENGTH(user_password) - 1)");
  });

  await t.step("a new access key ends the session", async () => {
    const token = await login();
    await users("accesskey = 'ChangedAccessKey'");
    await rejectsDomainError(list(token), "INVALID_TOKEN", "password or access key changed");
    await users("accesskey = '75Kf5cQoV6KWxlNg'");
  });

  await t.step("a deactivation and a deletion end the session", async () => {
    const token = await login();
    await users("status = 'Inactive'");
    await rejectsDomainError(list(token), "INVALID_TOKEN", "no longer active");
    await users("status = 'Active'");
    const again = await login();
    await users("deleted = 1");
    await rejectsDomainError(list(again), "INVALID_TOKEN", "no longer active");
    await users("deleted = 0");
  });

  await t.step("at most three live sessions: the oldest are revoked", async () => {
    await sql`DELETE FROM vtrest_sessions`.execute(database.db);
    const tokens: string[] = [];
    for (let index = 0; index < 5; index++) {
      tokens.push(await login());
      await new Promise((resolve) => setTimeout(resolve, 3)); // distinct opening times
    }
    assert.equal(await sessionCount(), 3);
    for (const token of tokens.slice(0, 2)) {
      await rejectsDomainError(list(token), "INVALID_TOKEN");
    }
    for (const token of tokens.slice(2)) await list(token);
  });

  await t.step("a session from before migration 0003 (no fingerprint) is over", async () => {
    const token = await login();
    await sql`UPDATE vtrest_sessions SET credential_fingerprint = ''`.execute(database.db);
    await rejectsDomainError(list(token), "INVALID_TOKEN");
  });
}

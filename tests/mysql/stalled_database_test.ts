/**
 * A database that stops answering (here: a table locked by another session,
 * as a hung server or a silent network partition would leave it) makes
 * requests answer SERVICE_UNAVAILABLE after the query timeout instead of
 * waiting forever; a write caught that way leaves nothing behind, and the
 * service answers again once the database does.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { migrateToLatest } from "../../adapters/mysql/migrations/migrator.ts";
import { openMysqlPorts } from "../../adapters/mysql/mysql_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { rejectsDomainError } from "../domain/_assert_error.ts";
import { ADMIN_PASSWORD, scalar } from "./mysql_support.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

/** The query timeout of the service under test. */
const TIMEOUT_SECONDS = 3;

/** How long a call may take before the test calls it hung. */
const HUNG_AFTER_MS = 10_000;

/** The call's outcome, or a failure if it is still pending after {@linkcode HUNG_AFTER_MS}. */
async function settled<T>(promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the call hung")), HUNG_AFTER_MS);
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test({
  name: "a stalled database answers SERVICE_UNAVAILABLE instead of hanging",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using database = await createVtigerDatabase("7.1.0");
    // Set up before the short timeout applies: DDL on a busy test server can take seconds.
    await migrateToLatest(database.db);
    const opened = await openMysqlPorts({
      url: database.url,
      queryTimeoutSeconds: TIMEOUT_SECONDS,
    });
    const useCases = createUseCases(opened.ports);
    try {
      const token = await useCases.loginWithPassword.execute({
        userName: "admin",
        password: ADMIN_PASSWORD,
      });
      await useCases.listRecords.execute({ token, module: "Accounts" });
      const seqBefore = await scalar(database, sql`SELECT id FROM vtiger_crmentity_seq`);

      await database.db.connection().execute(async (locker) => {
        await sql`LOCK TABLES vtiger_account WRITE`.execute(locker);
        try {
          await rejectsDomainError(
            settled(useCases.listRecords.execute({ token, module: "Accounts" })),
            "SERVICE_UNAVAILABLE",
          );
          await rejectsDomainError(
            settled(useCases.createRecord.execute({
              token,
              module: "Accounts",
              values: { accountname: "Caught in the stall" },
            })),
            "SERVICE_UNAVAILABLE",
          );
        } finally {
          await sql`UNLOCK TABLES`.execute(locker);
        }
      });

      const id = await settled(useCases.createRecord.execute({
        token,
        module: "Accounts",
        values: { accountname: "After the stall" },
      }));
      assert.equal(id, Number(seqBefore) + 1);
      const names = await useCases.listRecords.execute({ token, module: "Accounts" });
      assert.deepEqual(names.map((record) => record.accountname), ["After the stall"]);
    } finally {
      await opened.close();
    }
  },
});

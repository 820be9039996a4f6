/**
 * Which statements go prepared: only the texts marked so (the read of a
 * record by id); everything else as text. A fake mysql2 pool records the
 * calls; the values the binary protocol gives back are held to the text
 * protocol's by the MySQL suites, which read every module by id.
 */

import assert from "node:assert/strict";
import type { Pool } from "mysql2";
import { withStatementGuards } from "../../adapters/mysql/query_timeout.ts";
import { isSentPrepared, sendPrepared } from "../../adapters/mysql/prepared_statements.ts";
import type { QueryKiller } from "../../adapters/mysql/query_killer.ts";

type Callback = (error: unknown, rows?: unknown) => void;

function fakePool(calls: string[]): Pool {
  const connection = {
    threadId: 1,
    config: {},
    query(options: string | { sql: string }, callback: Callback) {
      const text = typeof options === "string" ? options : options.sql;
      if (text.startsWith("SELECT VERSION()")) {
        queueMicrotask(() => callback(null, [{ version: "10.11.19-MariaDB" }]));
        return;
      }
      calls.push(`query ${text}`);
      queueMicrotask(() => callback(null, []));
    },
    execute(options: { sql: string }, callback: Callback) {
      calls.push(`execute ${options.sql}`);
      queueMicrotask(() => callback(null, []));
    },
    release() {},
    destroy() {},
  };
  return {
    getConnection: (callback: (error: unknown, connection: unknown) => void) =>
      queueMicrotask(() => callback(null, connection)),
    end: () => {},
  } as unknown as Pool;
}

async function run(pool: Pool, sqlText: string): Promise<void> {
  const guarded = withStatementGuards(pool, {
    timeoutMs: 1000,
    killer: { kill() {} } as unknown as QueryKiller,
  });
  const connection = await new Promise<
    Parameters<Parameters<typeof guarded.getConnection>[0]>[1]
  >((resolve, reject) =>
    guarded.getConnection((error, connection) => error ? reject(error) : resolve(connection))
  );
  await new Promise<void>((resolve, reject) =>
    connection.query(sqlText, [7], (error) => error ? reject(error) : resolve())
  );
  connection.release();
}

Deno.test("only the texts marked prepared go through execute", async () => {
  const calls: string[] = [];
  const pool = fakePool(calls);
  const byId = "select `accountname` from `vtiger_account` where `accountid` = ? limit 1";
  const other = "select count(*) from `vtiger_account` where `accountid` > ?";
  assert.equal(isSentPrepared(byId), false);
  sendPrepared(byId);
  assert.equal(isSentPrepared(byId), true);
  await run(pool, byId);
  await run(pool, other);
  assert.equal(calls.length, 2);
  assert.match(calls[0], /^execute SET STATEMENT max_statement_time = 1 FOR select `accountname`/);
  assert.match(calls[1], /^query SET STATEMENT max_statement_time = 1 FOR select count/);
});

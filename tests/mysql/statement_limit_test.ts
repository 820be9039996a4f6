/**
 * The server-side time limit put on each statement: which servers take
 * which form, and which statements get it. Needs no database.
 */

import assert from "node:assert/strict";
import { limitStatement, serverFlavour } from "../../adapters/mysql/statement_limit.ts";

Deno.test("serverFlavour: from what SELECT VERSION() answers", () => {
  const cases: [string, string][] = [
    ["10.11.19-MariaDB-0+deb12u1", "mariadb"],
    ["10.1.2-MariaDB", "mariadb"],
    ["5.5.5-10.6.12-MariaDB-log", "mariadb"],
    ["10.0.38-MariaDB", "none"],
    ["8.0.36", "mysql"],
    ["5.7.8-log", "mysql"],
    ["5.7.7-rc", "none"],
    ["5.6.51", "none"],
    ["", "none"],
  ];
  for (const [version, flavour] of cases) assert.equal(serverFlavour(version), flavour, version);
});

Deno.test("limitStatement", async (t) => {
  await t.step("MariaDB: SET STATEMENT max_statement_time in seconds, on reads and writes", () => {
    assert.equal(
      limitStatement("select `a` from `t` where `b` = ?", "mariadb", 30_000),
      "SET STATEMENT max_statement_time = 30 FOR select `a` from `t` where `b` = ?",
    );
    assert.equal(
      limitStatement("\n    SELECT 1", "mariadb", 1_500),
      "SET STATEMENT max_statement_time = 1.5 FOR SELECT 1",
    );
    for (const statement of ["insert into t values (?)", "UPDATE t SET a = 1", "delete from t"]) {
      assert.match(limitStatement(statement, "mariadb", 1000), /^SET STATEMENT max_statement_time/);
    }
    assert.equal(
      limitStatement("/* note */ with x as (select 1) select * from x", "mariadb", 2000),
      "SET STATEMENT max_statement_time = 2 FOR with x as (select 1) select * from x",
    );
  });

  await t.step("MySQL: the MAX_EXECUTION_TIME hint in ms, on SELECT only", () => {
    assert.equal(
      limitStatement("select `a` from `t`", "mysql", 30_000),
      "select /*+ MAX_EXECUTION_TIME(30000) */ `a` from `t`",
    );
    assert.equal(
      limitStatement("  SELECT 1", "mysql", 500),
      "SELECT /*+ MAX_EXECUTION_TIME(500) */ 1",
    );
    assert.equal(limitStatement("update t set a = 1", "mysql", 500), "update t set a = 1");
  });

  await t.step("transactions, locks, DDL and old servers get no limit", () => {
    for (
      const statement of [
        "begin",
        "commit",
        "rollback",
        "LOCK TABLES t WRITE",
        "create table t (a int)",
        "DO SLEEP(1)",
        "SET NAMES utf8mb4",
      ]
    ) {
      assert.equal(limitStatement(statement, "mariadb", 1000), statement);
      assert.equal(limitStatement(statement, "mysql", 1000), statement);
    }
    assert.equal(limitStatement("select 1", "none", 1000), "select 1");
  });
});

/**
 * A `VTIGER_DB_URL` naming a database that is not a Vtiger install (an empty
 * one, MySQL's own `mysql` schema) stops start-up with a clear message, and
 * vtrest adds none of its tables there.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { openDatabase } from "../../adapters/mysql/database.ts";
import { openMysqlPorts } from "../../adapters/mysql/mysql_ports.ts";
import { databaseUrl, mysqlTestsEnabled, runOnServer } from "./vtiger_test_database.ts";

Deno.test({
  name: "a database without Vtiger's tables is refused at start-up, untouched",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const name = `vtrest_test_empty_${Date.now().toString(36)}`;
    await runOnServer(`CREATE DATABASE \`${name}\``);
    const database = openDatabase(databaseUrl(name), { connectionLimit: 1 });
    try {
      await assert.rejects(
        openMysqlPorts({ url: databaseUrl(name) }),
        new RegExp(`Database '${name}' is not a Vtiger database: it has no vtiger_tab table`),
      );
      const tables = await sql<{ name: string }>`
        SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${name}`
        .execute(database.db);
      assert.deepEqual(tables.rows, []);
    } finally {
      await database.close();
      await runOnServer(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  },
});

/**
 * vtrest's migrations on a fresh Vtiger database: every one applies and is
 * recorded, a second run has nothing to do, and neither reads the column
 * metadata of Vtiger's hundreds of tables (what made first starts slow).
 */

import assert from "node:assert/strict";
import { openDatabase } from "../../adapters/mysql/database.ts";
import { migrateToLatest, MIGRATIONS } from "../../adapters/mysql/migrations/migrator.ts";
import { TableNamesIntrospector } from "../../adapters/mysql/table_names_dialect.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

Deno.test({
  name: "migrations on a fresh Vtiger 7.1.0 database list table names only",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using database = await createVtigerDatabase("7.1.0");
    const statements: string[] = [];
    const opened = openDatabase(database.url, {
      connectionLimit: 1,
      onQuery: (text) => statements.push(text),
    });
    try {
      const applied = await migrateToLatest(opened.db);
      assert.deepEqual(applied.map((result) => result.status), applied.map(() => "Success"));
      assert.deepEqual(applied.map((result) => result.migrationName), Object.keys(MIGRATIONS));
      assert.deepEqual(await migrateToLatest(opened.db), []);

      const introspection = statements.filter((text) => /information_schema/i.test(text));
      assert.ok(introspection.length > 0, "the migrator asked which tables exist");
      assert.deepEqual(
        introspection.filter((text) => /information_schema\.columns/i.test(text)),
        [],
      );

      const tables = await opened.db.introspection.getTables({ withInternalKyselyTables: true });
      assert.ok(opened.db.introspection instanceof TableNamesIntrospector);
      const names = tables.map((table) => table.name);
      assert.ok(names.includes("vtrest_migrations") && names.includes("vtiger_crmentity"));
      assert.ok(tables.every((table) => table.columns.length === 0 && !table.isView));
    } finally {
      await opened.close();
    }
  },
});

import assert from "node:assert/strict";
import { sql } from "kysely";
import { mysqlTestsEnabled, VTIGER_VERSIONS, withVtigerDatabase } from "./vtiger_test_database.ts";

for (const version of VTIGER_VERSIONS) {
  Deno.test({
    name: `harness: a Vtiger ${version} dump loads into a database of its own and is dropped`,
    ignore: !mysqlTestsEnabled,
    fn: async () => {
      let name = "";
      await withVtigerDatabase(version, async (database) => {
        name = database.name;
        const admin = await database.db.selectFrom("vtiger_users").select(["user_name"])
          .where("id", "=", 1).executeTakeFirstOrThrow();
        assert.equal(admin.user_name, "admin");
      });
      await withVtigerDatabase(version, async (other) => {
        const found = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM information_schema.schemata
          WHERE schema_name = ${name}`.execute(other.db);
        assert.equal(Number(found.rows[0].n), 0);
      });
    },
  });
}

/**
 * Picklist values are read once per module and field for the metadata
 * lifetime, not on every create, update or dependency lookup.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { MysqlModuleCatalog } from "../../adapters/mysql/mysql_module_catalog.ts";
import { MysqlPicklistRepository } from "../../adapters/mysql/mysql_picklist_repository.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

Deno.test({
  name: "picklist values of Vtiger 7.3.0 are cached for the metadata lifetime",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using database = await createVtigerDatabase("7.3.0");
    const clock = new FixedClock("2024-01-01T00:00:00Z");
    const catalog = new MysqlModuleCatalog(database.db, { ttlSeconds: 60 });
    const picklists = new MysqlPicklistRepository(database.db, { ttlSeconds: 60, clock });
    const accounts = (await catalog.findModule("Accounts"))!;
    const before = await picklists.values(accounts, "rating");
    assert.ok(before.length > 0);
    assert.ok(!before.includes("Cached"));
    await sql`INSERT INTO vtiger_rating (rating, presence, picklist_valueid, sortorderid)
      VALUES ('Cached', 1, 9990, 99)`.execute(database.db);
    clock.advance(59);
    assert.deepEqual(await picklists.values(accounts, "rating"), before);
    clock.advance(1);
    assert.deepEqual(await picklists.values(accounts, "rating"), [...before, "Cached"]);
    assert.deepEqual(await picklists.values(accounts, "accountname"), [], "not a picklist");
  },
});

/**
 * Metadata changes made in Vtiger show within seconds: the watch reads a
 * fingerprint of the metadata tables at most once per interval, tells its
 * listeners only when it changed, and the catalog then reloads in the
 * background long before its lifetime ends.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { MetadataWatch } from "../../adapters/mysql/metadata_watch.ts";
import { MysqlModuleCatalog } from "../../adapters/mysql/mysql_module_catalog.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

Deno.test({
  name: "metadata watch on Vtiger 7.1.0: a new custom field shows within the check interval",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using database = await createVtigerDatabase("7.1.0");
    let now = 0;
    const watch = new MetadataWatch(database.db, { intervalSeconds: 5, now: () => now });
    let changes = 0;
    watch.onChange(() => changes++);
    const catalog = new MysqlModuleCatalog(database.db, {
      ttlSeconds: 3600,
      now: () => 0,
      watch,
    });
    watch.onChange(() => catalog.expire());
    const hasField = async (name: string): Promise<boolean> =>
      (await catalog.findModule("Accounts"))!.fields.some((field) => field.name === name);

    await t.step("unchanged metadata: a check every interval, no change reported", async () => {
      assert.equal(await hasField("cf_902"), false);
      await watch.poll();
      now = 6_000;
      await hasField("cf_902");
      await watch.poll();
      assert.equal(changes, 0);
    });

    await t.step("a field added: nothing before the interval, then reloaded", async () => {
      await sql`ALTER TABLE vtiger_accountscf ADD COLUMN cf_902 VARCHAR(20) DEFAULT NULL`
        .execute(database.db);
      await sql`INSERT INTO vtiger_field (tabid, fieldid, columnname, tablename, generatedtype,
          uitype, fieldname, fieldlabel, readonly, presence, typeofdata, displaytype, sequence)
        VALUES (6, 9902, 'cf_902', 'vtiger_accountscf', 2, '1', 'cf_902', 'Region', 1, 2,
          'V~O~LE~20', 1, 1)`.execute(database.db);
      now = 9_000;
      assert.equal(await hasField("cf_902"), false, "within the interval: no check yet");
      await watch.poll();
      assert.equal(changes, 0);
      now = 12_000;
      await hasField("cf_902");
      await watch.poll();
      assert.equal(changes, 1);
      let found = false;
      for (let tries = 0; !found && tries < 400; tries++) {
        found = await hasField("cf_902");
        if (!found) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.ok(found, "the field shows once the background reload is done");
    });

    await t.step("a field switched off (presence 1) is a change too", async () => {
      await sql`UPDATE vtiger_field SET presence = 1 WHERE fieldid = 9902`.execute(database.db);
      now = 18_000;
      await hasField("cf_902");
      await watch.poll();
      assert.equal(changes, 2);
    });
  },
});

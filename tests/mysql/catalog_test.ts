/**
 * Modules come from the database, not from code: a custom field or a custom
 * (vtlib) module added to the database shows up once the metadata cache
 * expires, and is read and written like any other. Also: the catalog fills
 * every FieldDefinition detail the write checks rely on.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { STANDARD_TAB_NAME_INDEX } from "../../adapters/mysql/catalog/standard_tables.ts";
import { MysqlModuleCatalog } from "../../adapters/mysql/mysql_module_catalog.ts";
import type { FieldDefinition } from "../../domain/field.ts";
import { adminToken, openService, scalar, setAdminPassword } from "./mysql_support.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

// The shared facts live beside the dumps, which only the MySQL tests need.
Deno.test({
  name: "the built-in tab_name_index is the shared tab_name_index.json",
  ignore: !mysqlTestsEnabled,
  fn: async () => {
    const shared = JSON.parse(
      await Deno.readTextFile(
        new URL("../../../shared/vtiger/tab_name_index.json", import.meta.url),
      ),
    );
    assert.deepEqual(STANDARD_TAB_NAME_INDEX, shared);
  },
});

Deno.test({
  name: "catalog of Vtiger 7.3.0: metadata, cache lifetime, custom fields and modules",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using database = await createVtigerDatabase("7.3.0");
    await setAdminPassword(database);
    const service = await openService(database);
    try {
      const token = await adminToken(service);
      let now = 0;
      const catalog = new MysqlModuleCatalog(database.db, { ttlSeconds: 60, now: () => now });

      await t.step(
        "fields carry lengths, picklist kinds, reference targets, record-table flags",
        async () => {
          const accounts = (await catalog.findModule("Accounts"))!;
          const field = (name: string) =>
            accounts.fields.find((candidate) => candidate.name === name)!;
          assert.equal(field("accountname").maxLength, 100);
          assert.equal(field("accountname").mandatory, true);
          assert.equal(field("rating").picklist, "role");
          assert.deepEqual(field("account_id").referenceModules, ["Accounts"]);
          assert.equal(field("campaignrelstatus").onRecordTable, false);
          assert.equal(field("starred").onRecordTable, false);
          assert.deepEqual(
            accounts.fields.map((f) => f.id),
            [...accounts.fields.map((f) => f.id)].sort((a, b) => a - b),
          );
          const calendar = (await catalog.findModule("Calendar"))!;
          assert.deepEqual(
            calendar.fields.find((f) => f.name === "parent_id")?.referenceModules?.includes(
              "Accounts",
            ),
            true,
          );
          const assets = (await catalog.findModule("Assets"))!;
          assert.deepEqual(assets.fields.find((f) => f.name === "product")?.referenceModules, [
            "Products",
          ]);
          const contacts = (await catalog.findModule("Contacts"))!;
          assert.deepEqual(contacts.labelFields, ["firstname", "lastname"]);
          assert.equal(contacts.fields.find((f) => f.name === "salutationtype")?.picklist, "role");
          assert.equal(await catalog.findModule("Users"), undefined);
          assert.equal((await catalog.findModule("Invoice"))!.writeRefusal, undefined);
          assert.match((await catalog.findModule("Emails"))!.writeRefusal ?? "", /mail composer/);
          assert.equal((await catalog.findModule("Events"))!.writeRefusal, undefined);
          const events = (await catalog.findModule("Events"))!;
          assert.equal(events.fields.find((f) => f.name === "duration_hours")?.derived, true);
          assert.equal(events.fields.find((f) => f.name === "time_start")?.displayType, 3);
        },
      );

      await t.step("a custom field appears only after the cache lifetime", async () => {
        await sql`ALTER TABLE vtiger_accountscf ADD COLUMN cf_901 VARCHAR(20) DEFAULT NULL`
          .execute(database.db);
        await sql`INSERT INTO vtiger_field (tabid, fieldid, columnname, tablename, generatedtype, uitype,
            fieldname, fieldlabel, readonly, presence, typeofdata, displaytype, sequence)
          VALUES (6, 9901, 'cf_901', 'vtiger_accountscf', 2, '1', 'cf_901', 'Loyalty code', 1, 2,
            'V~O~LE~20', 1, 1)`.execute(database.db);
        now = 59_000;
        assert.equal(
          (await catalog.findModule("Accounts"))!.fields.some((f) => f.name === "cf_901"),
          false,
        );
        now = 61_000;
        assert.equal(
          (await catalog.findModule("Accounts"))!.fields.some((f) => f.name === "cf_901"),
          false,
          "once expired, the old metadata is served while it is read again",
        );
        let field: FieldDefinition | undefined;
        for (let tries = 0; field === undefined && tries < 400; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          field = (await catalog.findModule("Accounts"))!.fields.find((f) => f.name === "cf_901");
        }
        assert.equal(field?.maxLength, 20);
        assert.equal(field?.onRecordTable, true);
        service.opened.catalog.invalidate();
        const id = await service.useCases.createRecord.execute({
          token,
          module: "Accounts",
          values: { accountname: "Custom", cf_901: "GOLD" },
        });
        const record = await service.useCases.getRecord.execute({ token, module: "Accounts", id });
        assert.equal(record.cf_901, "GOLD");
        assert.equal(Object.keys(record).indexOf("cf_901"), Object.keys(record).length - 4);
      });

      await t.step("a custom vtlib module is served without a code change", async () => {
        await sql`CREATE TABLE vtiger_widgets (widgetsid INT NOT NULL PRIMARY KEY,
          widgetname VARCHAR(80) NOT NULL, widget_no VARCHAR(100) NOT NULL, weight DECIMAL(10,2))`
          .execute(database.db);
        await sql`CREATE TABLE vtiger_widgetscf (widgetsid INT NOT NULL PRIMARY KEY)`.execute(
          database.db,
        );
        await sql`INSERT INTO vtiger_tab (tabid, name, presence, tabsequence, tablabel, customized, ownedby,
          isentitytype, parent) VALUES (90, 'Widgets', 0, -1, 'Widgets', 1, 0, 1, 'Tools')`.execute(
          database.db,
        );
        await sql`INSERT INTO vtiger_entityname (tabid, modulename, tablename, fieldname, entityidfield, entityidcolumn)
          VALUES (90, 'Widgets', 'vtiger_widgets', 'widgetname', 'widgetsid', 'widgetsid')`.execute(
          database.db,
        );
        await sql`INSERT INTO vtiger_field (tabid, fieldid, columnname, tablename, generatedtype, uitype,
            fieldname, fieldlabel, readonly, presence, typeofdata, displaytype, sequence) VALUES
          (90, 9910, 'widgetname', 'vtiger_widgets', 1, '2', 'widgetname', 'Name', 1, 0, 'V~M', 1, 1),
          (90, 9911, 'widget_no', 'vtiger_widgets', 1, '4', 'widget_no', 'Number', 1, 0, 'V~O', 1, 2),
          (90, 9912, 'smownerid', 'vtiger_crmentity', 1, '53', 'assigned_user_id', 'Assigned To', 1, 0, 'V~M', 1, 3),
          (90, 9913, 'weight', 'vtiger_widgets', 1, '7', 'weight', 'Weight', 1, 2, 'N~O', 1, 4)`
          .execute(database.db);
        await sql`INSERT INTO vtiger_modentity_num (num_id, semodule, prefix, start_id, cur_id, active)
          VALUES (90, 'Widgets', 'WID', '1', '0007', '1')`.execute(database.db);
        await sql`INSERT INTO vtiger_modtracker_tabs (tabid, visible) VALUES (90, 1)`.execute(
          database.db,
        );
        service.opened.catalog.invalidate();
        const { useCases } = service;
        const id = await useCases.createRecord.execute({
          token,
          module: "Widgets",
          values: { widgetname: "Gear" },
        });
        const record = await useCases.getRecord.execute({ token, module: "Widgets", id });
        assert.equal(record.widget_no, "WID0007");
        assert.equal(record.weight, "0.00");
        assert.equal(
          await scalar(database, sql`SELECT cur_id FROM vtiger_modentity_num WHERE num_id = 90`),
          "0008",
        );
        assert.equal(
          await scalar(
            database,
            sql`SELECT COUNT(*) FROM vtiger_widgetscf WHERE widgetsid = ${id}`,
          ),
          "1",
        );
        assert.equal(
          await scalar(database, sql`SELECT label FROM vtiger_crmentity WHERE crmid = ${id}`),
          "Gear",
        );
        await useCases.updateRecord.execute({
          token,
          module: "Widgets",
          id,
          values: { weight: "2.5" },
        });
        const listed = await useCases.listRecords.execute({
          token,
          module: "Widgets",
          criteria: "weight:gt:2",
        });
        assert.deepEqual(listed.map((found) => found.record_id), [String(id)]);
        assert.equal(
          await scalar(
            database,
            sql`SELECT COUNT(*) FROM vtiger_modtracker_basic WHERE crmid = ${id}`,
          ),
          "2",
        );
      });
    } finally {
      await service.close();
    }
  },
});

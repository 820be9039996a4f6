/**
 * A value its field holds but ModTracker's TEXT columns do not (a long
 * `description`, a MEDIUMTEXT): the record is written whole, and the history
 * keeps as much of the HTML-encoded value as `vtiger_modtracker_detail`
 * holds, cut at a character, as MySQL outside strict mode (which Vtiger's
 * installer requires) stores it for Vtiger.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { adminTestPerVersion, scalar } from "./mysql_support.ts";

/** What a TEXT column holds, in bytes. */
const TEXT_BYTES = 65_535;

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

adminTestPerVersion(
  (version) => `a value longer than ModTracker's columns on Vtiger ${version}`,
  async (t, { database, useCases, token }) => {
    const detail = async (id: number, column: "prevalue" | "postvalue") =>
      await scalar(
        database,
        sql`SELECT d.${sql.ref(column)} FROM vtiger_modtracker_detail d
              JOIN vtiger_modtracker_basic b ON b.id = d.id
              WHERE b.crmid = ${id} AND d.fieldname = 'description' ORDER BY b.id DESC LIMIT 1`,
      ) ?? "";
    const stored = async (id: number) =>
      await scalar(database, sql`SELECT description FROM vtiger_crmentity WHERE crmid = ${id}`);

    await t.step("a create keeps the whole value and as much history as fits", async () => {
      const description = "x".repeat(70_000);
      const id = await useCases.createRecord.execute({
        token,
        module: "Accounts",
        values: { accountname: "Long", description },
      });
      assert.equal(await stored(id), description);
      assert.equal(await detail(id, "postvalue"), "x".repeat(TEXT_BYTES));
    });

    await t.step("HTML-encoded history is cut at a character boundary", async () => {
      const description = "é".repeat(30_000);
      const id = await useCases.createRecord.execute({
        token,
        module: "Accounts",
        values: { accountname: "Accents", description },
      });
      assert.equal(await stored(id), description);
      const postvalue = await detail(id, "postvalue");
      assert.ok(utf8Length(postvalue) <= TEXT_BYTES);
      assert.ok("&eacute;".repeat(30_000).startsWith(postvalue));
      assert.ok(postvalue.length > TEXT_BYTES - "&eacute;".length);

      const changed = "ü".repeat(30_000);
      await useCases.updateRecord.execute({
        token,
        module: "Accounts",
        id,
        values: { description: changed },
      });
      assert.equal(await stored(id), changed);
      assert.equal(await detail(id, "prevalue"), postvalue);
      assert.ok("&uuml;".repeat(30_000).startsWith(await detail(id, "postvalue")));
    });
  },
);

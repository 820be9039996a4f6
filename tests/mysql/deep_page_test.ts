/**
 * Deep pages in creation order are found through the narrow index of
 * `vtiger_crmentity` and answer exactly what the plain record SELECT with
 * LIMIT/OFFSET answers; other pages do not use it.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { createConnection } from "mysql2/promise";
import { dynamic } from "../../adapters/mysql/database.ts";
import { DEEP_PAGE_START, listStatement } from "../../adapters/mysql/records/record_list.ts";
import { findPageScanIndex } from "../../adapters/mysql/records/scan_index.ts";
import { parseOrder } from "../../domain/criteria.ts";
import type { ListQuery } from "../../domain/ports.ts";
import { ALL_OWNERS } from "../../domain/privileges.ts";
import { accountRows, OWNERS } from "../../bench/seed/dataset.ts";
import { openService } from "./mysql_support.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

/** Accounts enough for one page beyond DEEP_PAGE_START. */
const ACCOUNTS = DEEP_PAGE_START + 150;

Deno.test({
  name: "deep pages go through the narrow index and match LIMIT/OFFSET on Vtiger 7.1.0",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using database = await createVtigerDatabase("7.1.0");
    const url = new URL(database.url);
    const connection = await createConnection({
      host: url.hostname,
      port: url.port === "" ? 3306 : Number(url.port),
      user: decodeURIComponent(url.username) || "root",
      password: decodeURIComponent(url.password),
      database: database.name,
    });
    try {
      for (let from = 1; from <= ACCOUNTS; from += 2000) {
        for (const part of accountRows(from, Math.min(ACCOUNTS, from + 1999))) {
          const columns = part.columns.map((column) => `\`${column}\``).join(", ");
          await connection.query(`INSERT INTO \`${part.table}\` (${columns}) VALUES ?`, [
            part.rows,
          ]);
        }
      }
    } finally {
      await connection.end();
    }
    const service = await openService(database);
    try {
      const { records, modules } = service.opened.ports;
      const accounts = (await modules.findModule("Accounts"))!;
      const storage = (await service.opened.catalog.storageOf("Accounts"))!;
      const index = await findPageScanIndex(database.db);
      const page = (query: Partial<ListQuery>): ListQuery => ({
        conditions: [],
        order: [],
        start: DEEP_PAGE_START + 20,
        length: 100,
        scope: ALL_OWNERS,
        ...query,
      });

      await t.step("Vtiger's crm_ownerid_del_setype_idx is the index", () => {
        assert.equal(index, "crm_ownerid_del_setype_idx");
      });

      await t.step("a deep page is the same page as the plain SELECT's", async () => {
        const listed = await records.list(accounts, page({}));
        const expected = await sql<{ crmid: number }>`SELECT crmid FROM vtiger_crmentity
          INNER JOIN vtiger_account ON vtiger_account.accountid = vtiger_crmentity.crmid
          WHERE deleted = 0 AND setype = 'Accounts'
          ORDER BY crmid LIMIT 100 OFFSET ${DEEP_PAGE_START + 20}`.execute(database.db);
        assert.deepEqual(
          listed.map((record) => record.id),
          expected.rows.map((row) => Number(row.crmid)),
        );
        // Every owner named: the scoped path through the index finds the same page.
        const everyOwner = { all: false as const, ownerIds: new Set(OWNERS) };
        const scoped = await records.list(accounts, page({ scope: everyOwner }));
        assert.deepEqual(scoped.map((record) => record.id), listed.map((record) => record.id));
      });

      await t.step("only deep pages in creation order use the index", () => {
        const db = dynamic(database.db);
        const uses = (query: Partial<ListQuery>) =>
          listStatement(db, storage, page(query), { pageScanIndex: index }).sql
            .includes("force index");
        assert.ok(uses({}));
        assert.ok(!uses({ start: 0 }));
        assert.ok(!uses({ order: parseOrder(accounts, accounts.fields, "accountname") }));
        assert.ok(!uses({ ids: [2, 3] }));
      });
    } finally {
      await service.close();
    }
  },
});

/**
 * The owner scope an update or delete carries is checked on the row the
 * MySQL repository locks inside its transaction: outside it, ACCESS_DENIED
 * and the record, its tables and its history stay as they were.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import type { OwnerScope } from "../../domain/privileges.ts";
import { rejectsDomainError } from "../domain/_assert_error.ts";
import { adminTestPerVersion, rows } from "./mysql_support.ts";
import type { VtigerTestDatabase } from "./vtiger_test_database.ts";

const NOBODY: OwnerScope = { all: false, ownerIds: new Set([999_999]) };

/** Everything an update or delete of the account could change. */
async function snapshot(database: VtigerTestDatabase, id: number): Promise<unknown> {
  return {
    crmentity: await rows(database, sql`SELECT * FROM vtiger_crmentity WHERE crmid = ${id}`),
    account: await rows(database, sql`SELECT * FROM vtiger_account WHERE accountid = ${id}`),
    history: await rows(
      database,
      sql`SELECT * FROM vtiger_modtracker_basic WHERE crmid = ${id} ORDER BY id`,
    ),
  };
}

adminTestPerVersion(
  (version) => `write scope checked on the locked row on Vtiger ${version}`,
  async (t, { database, service, token }) => {
    const id = await service.useCases.createRecord.execute({
      token,
      module: "Accounts",
      values: { accountname: "Scoped" },
    });
    const { records, modules } = service.opened.ports;
    const module = await modules.findModule("Accounts");
    assert.ok(module !== undefined);
    const context = (scope: OwnerScope) => ({ actorId: 1, now: new Date(), scope });

    await t.step("update outside the scope: ACCESS_DENIED, nothing written", async () => {
      const before = await snapshot(database, id);
      await rejectsDomainError(
        records.update(module, id, { accountname: "Taken" }, context(NOBODY)),
        "ACCESS_DENIED",
        `Permission to update Accounts record ${id} is denied`,
      );
      assert.deepEqual(await snapshot(database, id), before);
    });

    await t.step("delete outside the scope: ACCESS_DENIED, nothing written", async () => {
      const before = await snapshot(database, id);
      await rejectsDomainError(
        records.delete(module, id, context(NOBODY)),
        "ACCESS_DENIED",
        `Permission to delete Accounts record ${id} is denied`,
      );
      assert.deepEqual(await snapshot(database, id), before);
    });

    await t.step("inside the scope (the owner) the update happens", async () => {
      assert.equal((await records.findById(module, id))?.ownerId, 1);
      const scope: OwnerScope = { all: false, ownerIds: new Set([1]) };
      await records.update(module, id, { accountname: "Renamed" }, context(scope));
      assert.equal((await records.findById(module, id))?.values.accountname, "Renamed");
    });
  },
);

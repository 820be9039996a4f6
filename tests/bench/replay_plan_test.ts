/**
 * How the baseline recognizes statements of a recorded call.
 */

import assert from "node:assert/strict";
import { advancedSequence, isTransactionControl } from "../../bench/replay_plan.ts";

Deno.test("sequence updates define the crmid or the history id", () => {
  assert.equal(
    advancedSequence("update `vtiger_crmentity_seq` set `id` = LAST_INSERT_ID(id + 1)"),
    "crmid",
  );
  assert.equal(
    advancedSequence("UPDATE vtiger_modtracker_basic_seq SET id = LAST_INSERT_ID(id+1)"),
    "historyId",
  );
  assert.equal(advancedSequence("SELECT LAST_INSERT_ID() AS id"), undefined);
  assert.equal(advancedSequence("update `vtiger_account` set `accountname` = ?"), undefined);
});

Deno.test("transaction control is told apart from statements", () => {
  assert.ok(isTransactionControl("start transaction"));
  assert.ok(isTransactionControl("COMMIT"));
  assert.ok(isTransactionControl("rollback"));
  assert.ok(!isTransactionControl("select `begin_date` from x"));
});

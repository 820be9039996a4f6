/** Sync pages end on a modified time, as Vtiger's sync cuts them. */

import assert from "node:assert/strict";
import { cutSyncPage, parseSyncTime } from "../../domain/sync.ts";
import { throwsDomainError } from "./_assert_error.ts";

const change = (id: number, second: number) => ({
  id,
  modifiedTime: `2024-01-01 00:00:${String(second).padStart(2, "0")}`,
  deleted: false,
});

Deno.test("cutSyncPage", async (t) => {
  await t.step("fewer changes than the length: all of them", () => {
    const changes = [change(1, 1), change(2, 2)];
    assert.deepEqual(cutSyncPage(changes, 5), changes);
  });

  await t.step("the next change is later: the first length changes", () => {
    const changes = [change(1, 1), change(2, 2), change(3, 3)];
    assert.deepEqual(cutSyncPage(changes, 2), changes.slice(0, 2));
  });

  await t.step("the next change shares the last second: that second goes whole to the next", () => {
    const changes = [change(1, 1), change(2, 2), change(3, 2)];
    assert.deepEqual(cutSyncPage(changes, 2), [change(1, 1)]);
  });

  await t.step("one second holds more than the length: undefined (read it whole)", () => {
    const changes = [change(1, 2), change(2, 2), change(3, 2)];
    assert.equal(cutSyncPage(changes, 2), undefined);
  });
});

Deno.test("parseSyncTime", async (t) => {
  await t.step("a real date and time passes", () => {
    assert.equal(parseSyncTime("2017-09-04 09:29:15"), "2017-09-04 09:29:15");
    assert.equal(parseSyncTime("2016-02-29 23:59:59"), "2016-02-29 23:59:59");
  });

  await t.step("anything else is INVALID_PARAMETER", () => {
    for (
      const text of [
        "2017-09-04",
        "2017-02-30 00:00:00",
        "2017-09-04T09:29:15",
        "2017-09-04 24:00:00",
        "' OR 1=1",
      ]
    ) {
      throwsDomainError(() => parseSyncTime(text), "INVALID_PARAMETER");
    }
  });
});

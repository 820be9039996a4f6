/**
 * Vtiger's record rules as pure functions: the organisation sharing level of
 * a module, and its sharing rules, decide whose records a user may read,
 * edit and delete.
 */

import assert from "node:assert/strict";
import { DEMO_CONTACTS } from "../../adapters/memory/demo/demo_modules.ts";
import { activeTab } from "../../adapters/memory/memory_privilege_facts.ts";
import type { ModuleDefinition } from "../../domain/module.ts";
import { SHARING_LEVEL } from "../../domain/permissions/record_scopes.ts";
import { computePrivileges } from "../../domain/privilege_facts.ts";
import { compute, facts, grant, ids, profile, scopesAt } from "./_privilege_facts.ts";

Deno.test("record scopes follow the organisation sharing level", async (t) => {
  const mine = [10, 11, 30];

  await t.step("0 public read only: everyone reads; only mine are edited and deleted", () => {
    assert.deepEqual(scopesAt(SHARING_LEVEL.publicReadOnly), {
      read: "all",
      write: mine,
      remove: mine,
    });
  });

  await t.step("a module without a level behaves as level 0", () => {
    assert.deepEqual(scopesAt(undefined), scopesAt(0));
  });

  await t.step("1 public read/create/edit: only mine are deleted", () => {
    assert.deepEqual(scopesAt(SHARING_LEVEL.publicReadWrite), {
      read: "all",
      write: "all",
      remove: mine,
    });
  });

  await t.step("2 public read/create/edit/delete: everything", () => {
    assert.deepEqual(scopesAt(SHARING_LEVEL.publicReadWriteDelete), {
      read: "all",
      write: "all",
      remove: "all",
    });
  });

  await t.step("3 private: me, my subordinates' users and my groups", () => {
    assert.deepEqual(scopesAt(SHARING_LEVEL.private), { read: mine, write: mine, remove: mine });
  });

  await t.step("an unknown level allows everything, as isPermitted does", () => {
    assert.deepEqual(scopesAt(5), { read: "all", write: "all", remove: "all" });
  });

  await t.step("a module with ownedby = 1 has no record rules", () => {
    const privileges = compute(facts({
      tabs: new Map([[6, { active: true, ownedBy: 1, sharingLevel: 3 }]]),
    }));
    assert.equal(grant(privileges).read.all && grant(privileges).remove.all, true);
  });

  await t.step("View all reads every record of a private module; Edit all edits them", () => {
    const viewAll = { profiles: [profile(2, undefined, { viewAll: true })] };
    assert.deepEqual(scopesAt(3, viewAll), { read: "all", write: mine, remove: mine });
    const editAll = { profiles: [profile(2, undefined, { editAll: true })] };
    assert.deepEqual(scopesAt(3, editAll), { read: "all", write: "all", remove: mine });
  });
});

Deno.test("sharing rules open records as their level allows", async (t) => {
  const rules = [
    { tabId: 6, permission: 0, userIds: [40], groupIds: [50] },
    { tabId: 6, permission: 1, userIds: [41], groupIds: [51] },
    { tabId: 4, permission: 1, userIds: [42], groupIds: [] },
  ];
  const withRules = { sharingRules: rules };

  await t.step("private: read-only rules share reading, read-write rules both", () => {
    assert.deepEqual(scopesAt(SHARING_LEVEL.private, withRules), {
      read: [10, 11, 30, 40, 41, 50, 51],
      write: [10, 11, 30, 41, 51],
      remove: [10, 11, 30],
    });
  });

  await t.step("public read only: read-write rules share writing, read-only ones nothing", () => {
    assert.deepEqual(scopesAt(SHARING_LEVEL.publicReadOnly, withRules), {
      read: "all",
      write: [10, 11, 30, 41, 51],
      remove: [10, 11, 30],
    });
  });

  await t.step("other levels ignore rules", () => {
    assert.deepEqual(scopesAt(SHARING_LEVEL.publicReadWrite, withRules).remove, [10, 11, 30]);
  });

  await t.step("Calendar counts neither subordinates nor sharing rules", () => {
    const calendar: ModuleDefinition = { ...DEMO_CONTACTS, name: "Calendar", tabId: 9 };
    const privileges = computePrivileges(
      facts({
        profiles: [profile(2, [{ module: calendar }])],
        tabs: new Map([[9, activeTab(3)]]),
        sharingRules: [{ tabId: 9, permission: 1, userIds: [42], groupIds: [] }],
      }),
      [calendar],
    );
    assert.deepEqual(ids(grant(privileges, calendar).read), [10, 30]);
  });
});

/**
 * Vtiger's permission rules as pure functions, from PrivilegeFacts to
 * Privileges: who gets a module at all, how profiles combine into actions,
 * and which fields and picklist values a grant shows.
 */

import assert from "node:assert/strict";
import { DEMO_ACCOUNTS, DEMO_CONTACTS } from "../../adapters/memory/demo/demo_modules.ts";
import { allFieldIds } from "../../adapters/memory/memory_privilege_facts.ts";
import { ACTION_ID, combineProfiles } from "../../domain/permissions/combine_profiles.ts";
import { adminFacts, factsWithoutRole } from "../../domain/privilege_facts.ts";
import { actions, compute, EVERY, facts, grant, ME, MODULES, profile } from "./_privilege_facts.ts";

Deno.test("who gets what at all", async (t) => {
  await t.step("an administrator's facts give administrator privileges", () => {
    const privileges = compute(adminFacts(1));
    assert.equal(privileges.isAdmin, true);
    assert.equal(privileges.userId, 1);
  });

  await t.step("a user without a role or profile may do nothing", () => {
    const privileges = compute(factsWithoutRole(ME));
    assert.equal(privileges.isAdmin, false);
    assert.equal(privileges.modules.size, 0);
    assert.deepEqual([...privileges.ownIds], [ME]);
  });

  await t.step("ownIds are the user and their groups", () => {
    assert.deepEqual([...compute(facts()).ownIds].sort(), [10, 30]);
  });

  await t.step("a module inactive or unknown to vtiger_tab is left out", () => {
    const inactive = facts({
      tabs: new Map([[6, { active: false, ownedBy: 0, sharingLevel: 2 }]]),
    });
    assert.equal(compute(inactive).modules.size, 0);
  });

  await t.step("a module whose tab permission is denied is left out", () => {
    const value = facts({
      profiles: [profile(2, [{ module: DEMO_ACCOUNTS, tabAllowed: false }, {
        module: DEMO_CONTACTS,
      }])],
    });
    assert.deepEqual([...compute(value).modules.keys()], ["Contacts"]);
  });
});

Deno.test("profiles combine as Vtiger combines them", async (t) => {
  await t.step("an action denied in one profile and allowed in another is allowed", () => {
    const denying = profile(2, [{ module: DEMO_ACCOUNTS, deniedActions: [ACTION_ID.delete] }]);
    assert.deepEqual(actions(compute(facts({ profiles: [denying] }))), [
      "create",
      "edit",
      "list",
      "view",
    ]);
    assert.deepEqual(actions(compute(facts({ profiles: [denying, profile(3)] }))), EVERY);
    assert.deepEqual(actions(compute(facts({ profiles: [profile(3), denying] }))), EVERY);
  });

  await t.step("a tab the first profile lacks is open when a later profile opens it", () => {
    const onlyContacts = profile(2, [{ module: DEMO_CONTACTS }]);
    assert.equal(combineProfiles([onlyContacts, profile(3)]).tabs.get(DEMO_ACCOUNTS.tabId), 0);
    const both = compute(facts({ profiles: [onlyContacts, profile(3)] }));
    assert.deepEqual(actions(both), EVERY);
    const alone = compute(facts({ profiles: [onlyContacts] }));
    assert.equal(alone.modules.has("Accounts"), false, "no profile opens it: closed");
  });

  await t.step("action rows count only for keys of the first profile (Vtiger's key set)", () => {
    const first = profile(2, [{ module: DEMO_CONTACTS }]);
    const denying = profile(3, [{ module: DEMO_ACCOUNTS, deniedActions: [ACTION_ID.delete] }]);
    const combined = combineProfiles([first, denying]);
    assert.equal(combined.actions.get(DEMO_ACCOUNTS.tabId), undefined);
    assert.deepEqual(actions(compute(facts({ profiles: [first, denying] }))), EVERY);
  });

  await t.step("create needs CreateView and Save; edit needs EditView and Save", () => {
    const noCreate = profile(2, [{ module: DEMO_ACCOUNTS, deniedActions: [ACTION_ID.createView] }]);
    assert.deepEqual(actions(compute(facts({ profiles: [noCreate] }))), [
      "delete",
      "edit",
      "list",
      "view",
    ]);
    const noEdit = profile(2, [{ module: DEMO_ACCOUNTS, deniedActions: [ACTION_ID.editView] }]);
    assert.deepEqual(actions(compute(facts({ profiles: [noEdit] }))), [
      "create",
      "delete",
      "list",
      "view",
    ]);
    const noSave = profile(2, [{ module: DEMO_ACCOUNTS, deniedActions: [ACTION_ID.save] }]);
    assert.deepEqual(actions(compute(facts({ profiles: [noSave] }))), ["delete", "list", "view"]);
  });

  await t.step("View all opens reading, even of a closed tab, and nothing else", () => {
    const closed = profile(2, [{ module: DEMO_ACCOUNTS, tabAllowed: false }], { viewAll: true });
    const privileges = compute(facts({ profiles: [closed] }));
    assert.deepEqual(actions(privileges), ["list", "view"]);
    assert.equal(grant(privileges).read.all, true);
  });

  await t.step("Edit all also opens editing, but neither create nor delete of a closed tab", () => {
    const closed = profile(2, [{ module: DEMO_ACCOUNTS, tabAllowed: false }], { editAll: true });
    const privileges = compute(facts({ profiles: [closed] }));
    assert.deepEqual(actions(privileges), ["edit", "list", "view"]);
    assert.equal(grant(privileges).write.all, true);
  });

  await t.step("a global permission in a later profile counts", () => {
    const privileges = compute(
      facts({ profiles: [profile(2), profile(3, [], { viewAll: true })] }),
    );
    assert.equal(grant(privileges).read.all, true);
    assert.equal(grant(privileges).write.all, false);
  });

  await t.step("an action without a permission row is allowed on every record", () => {
    const partial = profile(2);
    const rows = new Map(partial.actionPermissions);
    rows.set(DEMO_ACCOUNTS.tabId, new Map([[ACTION_ID.index, 0], [ACTION_ID.detailView, 0]]));
    const privileges = compute(facts({ profiles: [{ ...partial, actionPermissions: rows }] }));
    assert.deepEqual(actions(privileges), EVERY);
    assert.equal(grant(privileges).write.all, true);
    assert.equal(grant(privileges).remove.all, true);
    assert.equal(grant(privileges).read.all, false, "a private list still keeps to its owners");
  });
});

Deno.test("fields and picklists", async (t) => {
  await t.step("a field hidden by the organisation is hidden whatever the profiles", () => {
    const org = allFieldIds(MODULES);
    org.delete(17);
    const privileges = compute(
      facts({ orgVisibleFieldIds: org, profiles: [profile(2), profile(3)] }),
    );
    assert.deepEqual([...grant(privileges).hiddenFields], ["annual_revenue"]);
  });

  await t.step("a field is visible when one profile shows it, writable when one edits it", () => {
    const hiding = profile(2, [{
      module: DEMO_ACCOUNTS,
      hiddenFields: ["annual_revenue"],
      readOnlyFields: ["tickersymbol", "website"],
    }]);
    const alone = grant(compute(facts({ profiles: [hiding] })));
    assert.deepEqual([...alone.hiddenFields], ["annual_revenue"]);
    assert.deepEqual([...alone.readOnlyFields].sort(), ["tickersymbol", "website"]);
    const readOnlyWebsite = profile(3, [{ module: DEMO_ACCOUNTS, readOnlyFields: ["website"] }]);
    const both = grant(compute(facts({ profiles: [hiding, readOnlyWebsite] })));
    assert.deepEqual([...both.hiddenFields], []);
    assert.deepEqual([...both.readOnlyFields], ["website"]);
  });

  await t.step("View all and Edit all see and write every field", () => {
    const hiding = profile(2, [{ module: DEMO_ACCOUNTS, hiddenFields: ["annual_revenue"] }], {
      viewAll: true,
    });
    const value = grant(compute(facts({ profiles: [hiding], orgVisibleFieldIds: new Set() })));
    assert.equal(value.hiddenFields.size + value.readOnlyFields.size, 0);
  });

  await t.step("only role-based (uitype 15) picklists named in the facts are limited", () => {
    const limits = new Map([
      ["rating", new Set(["Active"])],
      ["industry", new Set<string>()],
      ["emailoptout", new Set(["1"])],
    ]);
    const value = grant(compute(facts({ rolePicklistValues: limits })));
    assert.deepEqual([...value.picklistValues.keys()].sort(), ["industry", "rating"]);
    assert.deepEqual([...value.picklistValues.get("industry")!], []);
    assert.equal(value.picklistValues.has("accounttype"), false);
  });
});

/**
 * Decisions made from a user's privileges.
 */

import assert from "node:assert/strict";
import {
  adminPrivileges,
  ALL_ACTIONS,
  ALL_OWNERS,
  allowedPicklistValues,
  fullGrant,
  grantFor,
  type ModuleGrant,
  type OwnerScope,
  type Privileges,
  requireAction,
  scopeIncludes,
  visibleFields,
} from "../../domain/privileges.ts";
import { DEMO_ACCOUNTS, DEMO_CONTACTS } from "../../adapters/memory/demo/demo_modules.ts";
import { throwsDomainError } from "./_assert_error.ts";

const readOnlyAccounts: ModuleGrant = {
  ...fullGrant(),
  actions: new Set(["list", "view"]),
  hiddenFields: new Set(["annual_revenue", "siccode"]),
  picklistValues: new Map([["rating", new Set(["Acquired", "Active"])]]),
};

const sales: Privileges = {
  userId: 5,
  isAdmin: false,
  ownIds: new Set([5]),
  modules: new Map([["Accounts", readOnlyAccounts]]),
};

Deno.test("requireAction", async (t) => {
  await t.step("an administrator may do everything in every module", () => {
    const admin = adminPrivileges(1);
    for (const module of [DEMO_ACCOUNTS, DEMO_CONTACTS]) {
      for (const action of ALL_ACTIONS) {
        const grant = requireAction(admin, module, action);
        assert.equal(grant.hiddenFields.size, 0);
        assert.equal(grant.read.all, true);
      }
    }
  });

  await t.step("a user gets their grant for an allowed action", () => {
    assert.equal(requireAction(sales, DEMO_ACCOUNTS, "list"), readOnlyAccounts);
    assert.equal(requireAction(sales, DEMO_ACCOUNTS, "view"), readOnlyAccounts);
  });

  await t.step("a forbidden action is ACCESS_DENIED naming action and module", () => {
    for (const action of ["create", "edit", "delete"] as const) {
      throwsDomainError(
        () => requireAction(sales, DEMO_ACCOUNTS, action),
        "ACCESS_DENIED",
        `Permission to ${action} records of module Accounts is denied`,
      );
    }
  });

  await t.step("a module without a grant is ACCESS_DENIED for every action", () => {
    for (const action of ALL_ACTIONS) {
      throwsDomainError(
        () => requireAction(sales, DEMO_CONTACTS, action),
        "ACCESS_DENIED",
        "Permission to use module Contacts is denied",
      );
    }
  });
});

Deno.test("grantFor", () => {
  assert.equal(grantFor(sales, DEMO_ACCOUNTS), readOnlyAccounts);
  assert.equal(grantFor(sales, DEMO_CONTACTS), undefined);
  assert.deepEqual([...grantFor(adminPrivileges(1), DEMO_CONTACTS)!.actions].sort(), [
    "create",
    "delete",
    "edit",
    "list",
    "view",
  ]);
});

Deno.test("visibleFields", async (t) => {
  await t.step("hidden fields are left out, the rest keep fieldid order", () => {
    const names = visibleFields(DEMO_ACCOUNTS, readOnlyAccounts).map((f) => f.name);
    const expected = DEMO_ACCOUNTS.fields.map((f) => f.name).filter((name) =>
      name !== "annual_revenue" && name !== "siccode"
    );
    assert.deepEqual(names, expected);
    assert.equal(names.length, DEMO_ACCOUNTS.fields.length - 2);
  });

  await t.step("a full grant sees every field", () => {
    assert.deepEqual(visibleFields(DEMO_ACCOUNTS, fullGrant()), [...DEMO_ACCOUNTS.fields]);
  });
});

Deno.test("scopeIncludes", async (t) => {
  await t.step("ALL_OWNERS includes everyone", () => {
    for (const owner of [0, 1, 5, 20, 999]) assert.equal(scopeIncludes(ALL_OWNERS, owner), true);
  });
  await t.step("a limited scope includes only its owners", () => {
    const scope: OwnerScope = { all: false, ownerIds: new Set([5, 20]) };
    assert.equal(scopeIncludes(scope, 5), true);
    assert.equal(scopeIncludes(scope, 20), true);
    assert.equal(scopeIncludes(scope, 1), false);
    assert.equal(scopeIncludes(scope, 6), false);
    assert.equal(scopeIncludes({ all: false, ownerIds: new Set() }, 5), false);
  });
});

Deno.test("allowedPicklistValues", () => {
  assert.deepEqual([...allowedPicklistValues(readOnlyAccounts, "rating")!], ["Acquired", "Active"]);
  assert.equal(allowedPicklistValues(readOnlyAccounts, "industry"), undefined);
  assert.equal(allowedPicklistValues(fullGrant(), "rating"), undefined);
});

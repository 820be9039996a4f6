/**
 * ModComments privacy rules, and the record-reach decisions they build on.
 */

import assert from "node:assert/strict";
import {
  commentAuthorId,
  parentIdOf,
  parentScopeOf,
  requireCommentAuthor,
} from "../../domain/comments.ts";
import {
  adminPrivileges,
  ALL_OWNERS,
  fullGrant,
  mayReadRecordOf,
  type ModuleGrant,
  parentAllows,
  type Privileges,
  readScopesOf,
} from "../../domain/privileges.ts";
import type { StoredRecord } from "../../domain/record.ts";
import { DEMO_ACCOUNTS } from "../../adapters/memory/demo/demo_modules.ts";
import { MOD_COMMENTS } from "../application/_scenario_modules.ts";
import { throwsDomainError } from "./_assert_error.ts";

const ownContacts: ModuleGrant = {
  ...fullGrant(),
  read: { all: false, ownerIds: new Set([5, 20]) },
};

const listOnlyLeads: ModuleGrant = { ...fullGrant(), actions: new Set(["list"]) };

const user: Privileges = {
  userId: 5,
  isAdmin: false,
  ownIds: new Set([5, 20]),
  modules: new Map([
    ["Accounts", fullGrant()],
    ["Contacts", ownContacts],
    ["Leads", listOnlyLeads],
    ["ModComments", fullGrant()],
  ]),
};

function comment(values: Record<string, string | null>): StoredRecord {
  return { id: 40, ownerId: 5, values };
}

Deno.test("reading records of any module", async (t) => {
  await t.step("the module's view action and the owner in its read scope", () => {
    assert.equal(mayReadRecordOf(user, "Accounts", 99), true);
    assert.equal(mayReadRecordOf(user, "Contacts", 20), true);
    assert.equal(mayReadRecordOf(user, "Contacts", 7), false);
    assert.equal(mayReadRecordOf(user, "Leads", 5), false, "list without view");
    assert.equal(mayReadRecordOf(user, "Documents", 5), false, "a closed module");
    assert.equal(mayReadRecordOf(adminPrivileges(1), "Documents", 5), true);
  });

  await t.step("read scopes only of the modules the user may read", () => {
    const scopes = readScopesOf(user, ["Accounts", "Contacts", "Leads", "Faq"]);
    assert.deepEqual([...scopes.keys()], ["Accounts", "Contacts"]);
    assert.equal(scopes.get("Contacts"), ownContacts.read);
    assert.deepEqual([...readScopesOf(adminPrivileges(1), ["Faq"]).values()], [ALL_OWNERS]);
  });
});

Deno.test("comments are reached through their parent", async (t) => {
  const scope = parentScopeOf(user, MOD_COMMENTS)!;

  await t.step("the parents: modules related_to points to that the user reads", () => {
    assert.equal(scope.table, "vtiger_modcomments");
    assert.equal(scope.column, "related_to");
    assert.deepEqual([...scope.readable.keys()], ["Contacts", "Accounts"]);
  });

  await t.step("no limit for administrators, nor on other modules", () => {
    assert.equal(parentScopeOf(adminPrivileges(1), MOD_COMMENTS), undefined);
    assert.equal(parentScopeOf(user, DEMO_ACCOUNTS), undefined);
  });

  await t.step("a parent allows its comments when the user reads it", () => {
    assert.equal(parentAllows(scope, { module: "Contacts", ownerId: 20 }), true);
    assert.equal(parentAllows(scope, { module: "Contacts", ownerId: 7 }), false);
    assert.equal(parentAllows(scope, { module: "Leads", ownerId: 5 }), false);
    assert.equal(parentAllows(scope, { module: "Documents", ownerId: 5 }), false);
    assert.equal(parentAllows(scope, undefined), false, "absent or deleted");
  });

  await t.step("the parent id, when the comment names one", () => {
    assert.equal(parentIdOf(MOD_COMMENTS, scope, comment({ related_to: "12" })), 12);
    for (const none of ["", "0", " ", "x", "-3", "99999999999", null]) {
      assert.equal(parentIdOf(MOD_COMMENTS, scope, comment({ related_to: none })), undefined);
    }
  });

  await t.step("with related_to inactive, no comment is reachable", () => {
    const inactive = {
      ...MOD_COMMENTS,
      fields: MOD_COMMENTS.fields.filter((field) => field.name !== "related_to"),
    };
    const none = parentScopeOf(user, inactive)!;
    assert.equal(none.readable.size, 0);
    assert.equal(parentIdOf(inactive, none, comment({ related_to: "12" })), undefined);
  });
});

Deno.test("comments are changed by their author only", async (t) => {
  await t.step("the author: userid when set, else the creator", () => {
    assert.equal(commentAuthorId(MOD_COMMENTS, comment({ userid: "6", creator: "5" })), 6);
    assert.equal(commentAuthorId(MOD_COMMENTS, comment({ userid: "", creator: "5" })), 5);
    assert.equal(commentAuthorId(MOD_COMMENTS, comment({ userid: "0", creator: "5" })), 5);
    assert.equal(
      commentAuthorId(MOD_COMMENTS, comment({ userid: null, creator: null })),
      undefined,
    );
  });

  await t.step("others are refused, administrators are not", () => {
    const mine = comment({ userid: "", creator: "5" });
    const theirs = comment({ userid: "6", creator: "5" });
    requireCommentAuthor(user, MOD_COMMENTS, mine, "update");
    requireCommentAuthor(user, MOD_COMMENTS, mine, "delete");
    for (const verb of ["update", "delete"] as const) {
      throwsDomainError(
        () => requireCommentAuthor(user, MOD_COMMENTS, theirs, verb),
        "ACCESS_DENIED",
        `Permission to ${verb} ModComments record 40 is denied`,
      );
    }
    requireCommentAuthor(adminPrivileges(1), MOD_COMMENTS, theirs, "delete");
    requireCommentAuthor(user, DEMO_ACCOUNTS, theirs, "delete");
  });
});

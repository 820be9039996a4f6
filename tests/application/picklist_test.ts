/**
 * Reading picklists, with and without dependencies.
 */

import assert from "node:assert/strict";
import {
  ACCOUNT_TYPES,
  README_PICKLIST,
  README_PICKLIST_WITH_DEPENDENCIES,
  readmeResult,
} from "../_fixtures/readme.ts";
import { demo, rejectsDomainError } from "./_support.ts";

Deno.test("picklist", async (t) => {
  const { useCases, login } = demo();
  const token = await login("admin");
  const picklist = (field: string, withDependencies?: boolean, module = "Accounts") =>
    useCases.getPicklist.execute({ token, module, field, withDependencies });

  await t.step("rating: the README's values, with the label Actif, in order", async () => {
    const result = await picklist("rating");
    assert.equal(JSON.stringify(result), JSON.stringify(readmeResult(README_PICKLIST)));
    assert.equal(Object.hasOwn(result, "dependencies"), false);
  });

  await t.step("withDependencies false is the same as none", async () => {
    assert.deepEqual(await picklist("rating", false), readmeResult(README_PICKLIST));
  });

  await t.step("rating with dependencies: exactly the README's JSON", async () => {
    const result = await picklist("rating", true);
    assert.equal(
      JSON.stringify(result),
      JSON.stringify(readmeResult(README_PICKLIST_WITH_DEPENDENCIES)),
    );
    assert.deepEqual(Object.keys(result.dependencies ?? {}), [
      "Acquired",
      "__DEFAULT__",
      "Active",
      "Market Failed",
      "Project Cancelled",
      "Shutdown",
    ]);
  });

  await t.step("other picklists of both kinds, in their stored order", async () => {
    assert.deepEqual(Object.keys((await picklist("accounttype")).values), ACCOUNT_TYPES);
    assert.deepEqual((await picklist("campaignrelstatus")).values, {
      "--None--": "--None--",
      "Contacted - Successful": "Contacted - Successful",
      "Contacted - Unsuccessful": "Contacted - Unsuccessful",
    });
    assert.deepEqual(Object.keys((await picklist("leadsource", false, "Contacts")).values), [
      "Cold Call",
      "Existing Customer",
      "Self Generated",
      "Employee",
      "Partner",
    ]);
  });

  await t.step("a field that is not a picklist: INVALID_PARAMETER", async () => {
    for (const field of ["accountname", "assigned_user_id", "emailoptout", "nosuch", ""]) {
      await rejectsDomainError(
        picklist(field),
        "INVALID_PARAMETER",
        `Field '${field}' is not a picklist of module Accounts`,
      );
    }
    await rejectsDomainError(
      picklist("rating", false, "Contacts"),
      "INVALID_PARAMETER",
      "'rating'",
    );
  });

  await t.step("unknown module: MODULE_NOT_FOUND; no token: TOKEN_NOT_FOUND", async () => {
    await rejectsDomainError(picklist("rating", false, "Potatoes"), "MODULE_NOT_FOUND");
    await rejectsDomainError(
      useCases.getPicklist.execute({ token: undefined, module: "Accounts", field: "rating" }),
      "TOKEN_NOT_FOUND",
    );
  });
});

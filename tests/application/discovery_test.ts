/**
 * Discovery on the demo: listtypes and describe, as each demo user sees them.
 */

import assert from "node:assert/strict";
import type { DescribedField } from "../../domain/discovery.ts";
import { demo, rejectsDomainError } from "./_support.ts";

async function as(userName: string) {
  const context = demo();
  const token = await context.login(userName);
  const { useCases } = context;
  return {
    token,
    listTypes: () => useCases.listTypes.execute({ token }),
    describe: (module: string) => useCases.describeModule.execute({ token, module }),
  };
}

function field(fields: readonly DescribedField[], name: string): DescribedField {
  const found = fields.find((candidate) => candidate.name === name);
  assert.ok(found, `field ${name} is described`);
  return found;
}

Deno.test("listtypes", async (t) => {
  await t.step("admin: both modules, labels translated, every action", async () => {
    const admin = await as("admin");
    const all = { list: true, read: true, create: true, edit: true, delete: true };
    assert.deepEqual(await admin.listTypes(), [
      { name: "Accounts", label: "Organizations", actions: all },
      { name: "Contacts", label: "Contacts", actions: all },
    ]);
  });

  await t.step("sales: reads and edits accounts but deletes none", async () => {
    const sales = await as("sales");
    const types = await sales.listTypes();
    assert.deepEqual(types.find((type) => type.name === "Accounts")?.actions, {
      list: true,
      read: true,
      create: true,
      edit: true,
      delete: false,
    });
  });

  await t.step("support: Contacts only; Accounts is not even named", async () => {
    const support = await as("support");
    assert.deepEqual((await support.listTypes()).map((type) => type.name), ["Contacts"]);
  });

  await t.step("a bad token is refused", async () => {
    const { useCases } = demo();
    await rejectsDomainError(
      useCases.listTypes.execute({ token: "0".repeat(32) }),
      "INVALID_TOKEN",
    );
  });
});

Deno.test("describe", async (t) => {
  await t.step("admin, Accounts: every field, typed, in fieldid order", async () => {
    const admin = await as("admin");
    const description = await admin.describe("Accounts");
    assert.equal(description.name, "Accounts");
    assert.equal(description.label, "Organizations");
    assert.deepEqual(description.labelFields, ["accountname"]);
    assert.equal(
      description.allowDuplicates,
      false,
      "the demo's Accounts allow no duplicates, as in Vtiger 7",
    );
    assert.equal(description.fields.length, 38);
    assert.deepEqual(field(description.fields, "accountname"), {
      name: "accountname",
      label: "Organization Name",
      type: "string",
      mandatory: true,
      editable: true,
      maxLength: 100,
      default: null,
      picklistValues: [],
      referenceModules: [],
      block: "Organization Details",
    });
    const types = Object.fromEntries(description.fields.map((item) => [item.name, item.type]));
    assert.deepEqual(
      [
        types.phone,
        types.website,
        types.account_id,
        types.email1,
        types.employees,
        types.rating,
        types.annual_revenue,
        types.emailoptout,
        types.assigned_user_id,
        types.createdtime,
        types.modifiedby,
        types.bill_street,
        types.account_no,
      ],
      [
        "phone",
        "url",
        "reference",
        "email",
        "integer",
        "picklist",
        "currency",
        "boolean",
        "owner",
        "datetime",
        "owner",
        "text",
        "string",
      ],
    );
    assert.deepEqual(field(description.fields, "account_id").referenceModules, ["Accounts"]);
    assert.equal(field(description.fields, "bill_city").block, "Address Details");
    assert.equal(field(description.fields, "account_no").editable, false);
    assert.equal(field(description.fields, "createdtime").editable, false);
    assert.deepEqual(field(description.fields, "rating").picklistValues.slice(0, 2), [
      { value: "Acquired", label: "Acquired" },
      { value: "Active", label: "Actif" },
    ]);
  });

  await t.step("sales: no annual_revenue, rating limited to the role's values", async () => {
    const sales = await as("sales");
    const description = await sales.describe("Accounts");
    assert.equal(description.fields.some((item) => item.name === "annual_revenue"), false);
    assert.deepEqual(
      field(description.fields, "rating").picklistValues.map((item) => item.value),
      ["Acquired", "Active"],
    );
  });

  await t.step("support: a Contacts reference to Accounts names no module", async () => {
    const support = await as("support");
    const description = await support.describe("Contacts");
    assert.deepEqual(field(description.fields, "account_id").referenceModules, []);
    await rejectsDomainError(support.describe("Accounts"), "ACCESS_DENIED");
  });

  await t.step("an unknown module is MODULE_NOT_FOUND", async () => {
    const admin = await as("admin");
    await rejectsDomainError(admin.describe("Nope"), "MODULE_NOT_FOUND");
  });
});

/**
 * Discovery on real Vtiger 7.1.0 and 7.3.0 databases: listtypes names every
 * served module with its label and actions, describe types Accounts' fields
 * from their uitype and typeofdata, with blocks, lengths, picklist values and
 * reference targets as `vtiger_field`, `vtiger_blocks` and
 * `vtiger_fieldmodulerel` hold them; the duplicate setting of `vtiger_tab`.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import type { DescribedField } from "../../domain/discovery.ts";
import { type AdminSession, rows, scalar } from "./mysql_support.ts";

function field(fields: readonly DescribedField[], name: string): DescribedField {
  const found = fields.find((candidate) => candidate.name === name);
  assert.ok(found, `field ${name} is described`);
  return found;
}

/** The steps, on one database per Vtiger version shared with the other files' steps. */
export async function discoverySteps(t: Deno.TestContext, session: AdminSession): Promise<void> {
  const { database, useCases, token } = session;

  await t.step("listtypes: the served entity modules, in tabid order", async () => {
    const types = await useCases.listTypes.execute({ token });
    const names = types.map((type) => type.name);
    assert.ok(names.includes("Accounts") && names.includes("Contacts"));
    assert.equal(names.includes("Users"), false);
    const expected = await rows<{ name: string }>(
      database,
      sql`SELECT name FROM vtiger_tab WHERE isentitytype = 1 AND presence IN (0, 2)
          ORDER BY tabid`,
    );
    assert.deepEqual(names, expected.map((row) => row.name));
    const accounts = types.find((type) => type.name === "Accounts");
    assert.deepEqual(accounts, {
      name: "Accounts",
      label: "Accounts",
      actions: { list: true, read: true, create: true, edit: true, delete: true },
    });
    const webmails = types.find((type) => type.name === "Webmails");
    assert.deepEqual(webmails?.actions, {
      list: true,
      read: true,
      create: false,
      edit: false,
      delete: false,
    });
  });

  await t.step("describe Accounts: types, blocks, lengths, picklists, references", async () => {
    const description = await useCases.describeModule.execute({ token, module: "Accounts" });
    const stored = await scalar(
      database,
      sql`SELECT COUNT(*) FROM vtiger_field WHERE tabid = 6 AND presence IN (0, 2)`,
    );
    assert.equal(description.fields.length, Number(stored));
    assert.deepEqual(description.labelFields, ["accountname"]);
    // Both dumps ship Accounts with duplicate prevention on (vtiger_tab.allowduplicates = 0).
    assert.equal(description.allowDuplicates, false);
    assert.deepEqual(field(description.fields, "accountname"), {
      name: "accountname",
      label: "Account Name",
      type: "string",
      mandatory: true,
      editable: true,
      maxLength: 100,
      default: null,
      picklistValues: [],
      referenceModules: [],
      block: "LBL_ACCOUNT_INFORMATION",
    });
    const typeOf = (name: string) => field(description.fields, name).type;
    assert.deepEqual(
      [
        "phone",
        "website",
        "account_id",
        "email1",
        "employees",
        "rating",
        "annual_revenue",
        "emailoptout",
        "assigned_user_id",
        "createdtime",
        "bill_street",
        "description",
      ].map(typeOf),
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
        "text",
        "text",
      ],
    );
    assert.deepEqual(field(description.fields, "account_id").referenceModules, ["Accounts"]);
    assert.equal(field(description.fields, "bill_city").block, "LBL_ADDRESS_INFORMATION");
    assert.equal(field(description.fields, "account_no").editable, false);
    assert.deepEqual(
      field(description.fields, "rating").picklistValues.map((item) => item.value),
      ["Acquired", "Active", "Market Failed", "Project Cancelled", "Shutdown"],
    );
  });

  await t.step(
    "describe Contacts: a reference to Accounts, a date, a multi-module one",
    async () => {
      const description = await useCases.describeModule.execute({ token, module: "Contacts" });
      assert.deepEqual(field(description.fields, "account_id").referenceModules, ["Accounts"]);
      assert.equal(field(description.fields, "birthday").type, "date");
      assert.deepEqual(description.labelFields, ["firstname", "lastname"]);
      const events = await useCases.describeModule.execute({ token, module: "Events" });
      assert.equal(field(events.fields, "date_start").type, "datetime");
      assert.equal(field(events.fields, "time_start").type, "time");
      assert.ok(field(events.fields, "parent_id").referenceModules.includes("Accounts"));
    },
  );

  await t.step("allowduplicates = 0 is reported once the metadata is read again", async () => {
    const before = await useCases.describeModule.execute({ token, module: "Contacts" });
    assert.equal(before.allowDuplicates, true);
    await sql`UPDATE vtiger_tab SET allowduplicates = 0 WHERE name = 'Contacts'`
      .execute(database.db);
    session.service.opened.catalog.invalidate();
    const after = await useCases.describeModule.execute({ token, module: "Contacts" });
    assert.equal(after.allowDuplicates, false);
  });
}

/**
 * The checks of the permission scenario (`_permissions_scenario.ts`), run
 * through the use cases on whichever adapter's ports they are given.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { UseCases } from "../../application/use_cases.ts";
import type { DomainError, ErrorCode } from "../../domain/errors.ts";
import type { RecordView } from "../../domain/record.ts";
import { rejectsDomainError } from "../domain/_assert_error.ts";
import {
  ACCOUNTS,
  ALL_RATINGS,
  CONTACTS,
  EXPECTATIONS,
  FINAL_DELETES,
  SCENARIO_RECORDS,
  SCENARIO_USERS,
} from "./_permissions_scenario.ts";
import { runPrivacyChecks } from "./_privacy_checks.ts";

/** What a scenario run needs from its adapter. */
export interface ScenarioEnv {
  /** The use cases on the adapter's ports. */
  readonly useCases: UseCases;
  /** Counts rows of history and records, to prove a refused call wrote nothing. */
  readonly countWrites: () => Promise<number>;
}

/** Logs in by access key: admin and every scenario user. */
async function tokensFor(useCases: UseCases, adminKey: string): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  tokens.set("admin", await useCases.loginWithAccessKey.execute({ accessKey: adminKey }));
  for (const user of SCENARIO_USERS) {
    tokens.set(
      user.userName,
      await useCases.loginWithAccessKey.execute({ accessKey: user.accessKey }),
    );
  }
  return tokens;
}

/** Creates the scenario's records as admin and returns their ids by key. */
async function createRecords(useCases: UseCases, adminToken: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const record of SCENARIO_RECORDS) {
    const values: Record<string, string> = record.module === "Contacts"
      ? { firstname: "Contact", lastname: record.key }
      : { accountname: `Account ${record.key}` };
    values.assigned_user_id = String(record.ownerId);
    ids.set(
      record.key,
      await useCases.createRecord.execute({ token: adminToken, module: record.module, values }),
    );
  }
  return ids;
}

/** Runs every check of the scenario as steps of `t`. */
export async function runScenario(
  t: Deno.TestContext,
  env: ScenarioEnv,
  adminKey: string,
): Promise<void> {
  const { useCases } = env;
  const tokens = await tokensFor(useCases, adminKey);
  const admin = tokens.get("admin")!;
  const ids = await createRecords(useCases, admin);
  const id = (key: string): number => ids.get(key)!;
  const keyOf = (record: RecordView): string =>
    [...ids].find(([, value]) => String(value) === record.record_id)?.[0] ?? `#${record.record_id}`;
  const snapshot = async (): Promise<string> => {
    const lists = await Promise.all(
      ["Contacts", "Accounts"].map((module) =>
        useCases.listRecords.execute({ token: admin, module })
      ),
    );
    return JSON.stringify(lists.flat().map(({ api_date_now: _, ...rest }) => rest)) +
      (await env.countWrites());
  };
  const refused = async (
    call: () => Promise<unknown>,
    code: ErrorCode,
    what: string,
  ): Promise<DomainError> => {
    const before = await snapshot();
    const error = await rejectsDomainError(call(), code).catch((error) => {
      throw new Error(`${what}: ${error.message}`);
    });
    assert.equal(await snapshot(), before, `${what} changed something`);
    return error;
  };

  for (const user of SCENARIO_USERS) {
    const token = tokens.get(user.userName)!;
    const expected = EXPECTATIONS[user.userName];
    await t.step(
      `${user.userName}: lists, in pages, exactly the contacts they may read`,
      async () => {
        const all = await useCases.listRecords.execute({ token, module: "Contacts" });
        assert.deepEqual(all.map(keyOf), expected.contacts.read);
        const paged: string[] = [];
        for (let start = 0; start < CONTACTS.length; start += 2) {
          const page = await useCases.listRecords.execute({
            token,
            module: "Contacts",
            start,
            length: 2,
          });
          assert.ok(page.length <= 2);
          paged.push(...page.map(keyOf));
        }
        assert.deepEqual(paged, expected.contacts.read);
        const accounts = await useCases.listRecords.execute({
          token,
          module: "Accounts",
          start: 1,
          length: 2,
        });
        assert.deepEqual(accounts.map(keyOf), ["a2", "a3"]);
      },
    );

    await t.step(`${user.userName}: reads single records only within scope`, async () => {
      for (const key of CONTACTS) {
        const call = useCases.getRecord.execute({ token, module: "Contacts", id: id(key) });
        if (expected.contacts.read.includes(key)) {
          assert.equal((await call).record_id, String(id(key)));
        } else await rejectsDomainError(call, "ACCESS_DENIED");
      }
      for (const key of ACCOUNTS) {
        await useCases.getRecord.execute({ token, module: "Accounts", id: id(key) });
      }
      await rejectsDomainError(
        useCases.getRecord.execute({ token, module: "Contacts", id: 999999 }),
        "RECORD_NOT_FOUND",
      );
    });

    await t.step(`${user.userName}: sees exactly the fields they may see`, async () => {
      for (const module of ["Accounts", "Contacts"] as const) {
        const key = module === "Accounts" ? "a1" : expected.contacts.read[0];
        const asAdmin = await useCases.getRecord.execute({ token: admin, module, id: id(key) });
        const asUser = await useCases.getRecord.execute({ token, module, id: id(key) });
        const missing = Object.keys(asAdmin).filter((name) => !(name in asUser));
        assert.deepEqual(missing, expected.hidden[module], module);
        for (const hidden of expected.hidden[module]) {
          await rejectsDomainError(
            useCases.listRecords.execute({ token, module, criteria: `${hidden}:x` }),
            "INVALID_PARAMETER",
          );
          await rejectsDomainError(
            useCases.listRecords.execute({ token, module, order: hidden }),
            "INVALID_PARAMETER",
          );
        }
      }
    });

    await t.step(
      `${user.userName}: queries the label only when its fields are visible`,
      async () => {
        const byLabel = (criteria: string) =>
          useCases.listRecords.execute({ token, module: "Contacts", criteria });
        const byLabelOrder = () =>
          useCases.listRecords.execute({ token, module: "Contacts", order: "CE.label DESC" });
        if (expected.hidden.Contacts.includes("firstname")) {
          for (const criteria of ["CE.label:like:Contact%", "vtiger_crmentity.label:gt:C"]) {
            await rejectsDomainError(byLabel(criteria), "INVALID_PARAMETER", "is not a column");
          }
          await rejectsDomainError(byLabelOrder(), "INVALID_PARAMETER", "is not a column");
        } else {
          assert.deepEqual(
            (await byLabel("CE.label:like:Contact c%")).map(keyOf),
            expected.contacts.read,
          );
          assert.deepEqual(
            (await byLabelOrder()).map(keyOf),
            [...expected.contacts.read].reverse(),
          );
        }
        const accounts = await useCases.listRecords.execute({
          token,
          module: "Accounts",
          criteria: "CE.label:like:Account a%",
        });
        assert.deepEqual(accounts.map(keyOf), ACCOUNTS, "accountname is visible to everyone");
      },
    );

    await t.step(`${user.userName}: gets the rating values of their role`, async () => {
      const result = await useCases.getPicklist.execute({
        token,
        module: "Accounts",
        field: "rating",
      });
      assert.deepEqual(Object.keys(result.values), expected.ratings);
    });

    await t.step(`${user.userName}: edits exactly the records they may edit`, async () => {
      for (const key of [...CONTACTS, ...ACCOUNTS]) {
        const module = key.startsWith("c") ? "Contacts" : "Accounts";
        const allowed = module === "Contacts" ? expected.contacts.write : expected.accounts.write;
        const values = { description: `edited by ${user.userName}` };
        const call = () => useCases.updateRecord.execute({ token, module, id: id(key), values });
        if (allowed.includes(key)) assert.equal(await call(), id(key));
        else await refused(call, "ACCESS_DENIED", `${user.userName} updating ${key}`);
      }
    });

    await t.step(`${user.userName}: hidden, read-only, role-limited values refused`, async () => {
      const own = id(expected.accounts.write[0]);
      const update = (values: Record<string, string>) => () =>
        useCases.updateRecord.execute({ token, module: "Accounts", id: own, values });
      for (const field of [...expected.hidden.Accounts, ...expected.readOnly]) {
        const what = `${user.userName} writing ${field}`;
        await refused(update({ [field]: "1" }), "INVALID_FIELD_VALUE", what);
      }
      for (const rating of ALL_RATINGS) {
        const what = `${user.userName} choosing rating ${rating}`;
        if (expected.ratings.includes(rating)) assert.equal(await update({ rating })(), own);
        else await refused(update({ rating }), "INVALID_FIELD_VALUE", what);
      }
    });

    await t.step(`${user.userName}: creates only where allowed`, async () => {
      const values = { firstname: "New", lastname: user.userName };
      const contact = () => useCases.createRecord.execute({ token, module: "Contacts", values });
      if (expected.contacts.create) {
        const created = await contact();
        await useCases.deleteRecord.execute({ token: admin, module: "Contacts", id: created });
      } else {
        await refused(contact, "ACCESS_DENIED", `${user.userName} creating a contact`);
      }
      const foreign = expected.foreignOwner;
      if (foreign !== undefined) {
        const notMine = { accountname: "Not mine", assigned_user_id: String(foreign) };
        await refused(
          () => useCases.createRecord.execute({ token, module: "Accounts", values: notMine }),
          "INVALID_FIELD_VALUE",
          `${user.userName} creating an account for ${foreign}`,
        );
      }
      const documents = useCases.listRecords.execute({ token, module: "Documents" });
      if (expected.documents === "read") await documents;
      else await rejectsDomainError(documents, "ACCESS_DENIED");
      const document = { notes_title: "Doc" };
      await refused(
        () => useCases.createRecord.execute({ token, module: "Documents", values: document }),
        "ACCESS_DENIED",
        `${user.userName} creating a document`,
      );
    });

    await t.step(`${user.userName}: every delete outside their scope is refused`, async () => {
      for (const key of [...CONTACTS, ...ACCOUNTS]) {
        const module = key.startsWith("c") ? "Contacts" : "Accounts";
        const allowed = module === "Contacts" ? expected.contacts.remove : expected.accounts.remove;
        if (allowed !== "denied" && allowed.includes(key)) continue;
        await refused(
          () => useCases.deleteRecord.execute({ token, module, id: id(key) }),
          "ACCESS_DENIED",
          `${user.userName} deleting ${key}`,
        );
      }
    });
  }

  await runPrivacyChecks(t, { useCases, tokens, id, refused });

  await t.step("allowed deletes go through", async () => {
    for (const [userName, key] of FINAL_DELETES) {
      const module = key.startsWith("c") ? "Contacts" : "Accounts";
      assert.equal(
        await useCases.deleteRecord.execute({ token: tokens.get(userName)!, module, id: id(key) }),
        true,
      );
      await rejectsDomainError(
        useCases.getRecord.execute({ token: admin, module, id: id(key) }),
        "RECORD_NOT_FOUND",
      );
    }
  });
}

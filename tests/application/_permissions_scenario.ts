/**
 * One permission scenario, run on the memory adapter (facts fabricated) and
 * on a Vtiger 7.1.0 database (facts read from the tables): the same users,
 * groups, rules and records, the same expected answers, the same checks
 * through the use cases.
 *
 * The setup, as an administrator would make it in Vtiger 7.1.0 (roles H2 CEO,
 * H3 Vice President, H4 Sales Manager, H5 Sales Person; profiles 1
 * Administrator, 2 Sales, 3 Support):
 * - users ceo (5, H2), vp (6, H3), manager (7, H4), sales1 (8, H5), sales2 (9, H5);
 * - groups Key accounts (10: sales1) and Region (11: contains Key accounts);
 *   stock groups Team Selling (2: role H4, H5 and below), Marketing (3: role
 *   H2, H3 and below), Support (4: role H3, H3 and below);
 * - role H3 gets the Support profile besides Sales;
 * - Contacts private, Accounts public read only, Documents public;
 * - the Sales profile hides `annual_revenue`, shows `tickersymbol` read only,
 *   denies deleting Accounts and creating Contacts; `birthday` is hidden
 *   organisation-wide; Documents is closed in profiles 1, 2 and 3;
 * - role H5 may use only Acquired and Active of `rating`;
 * - sharing rules: 1 Contacts of role H5 → role H5, read; 2 Contacts of role H2
 *   → H4 and subordinates, read-write; 3 Accounts of group Region → group Team
 *   Selling, read-write; 4 Accounts of role H4 → role H5, read (nothing at
 *   public read only); 5 Contacts of H4 and subordinates → group Region, read.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { UseCases } from "../../application/use_cases.ts";
import type { ErrorCode } from "../../domain/errors.ts";
import type { SharingRuleFacts } from "../../domain/privilege_facts.ts";
import type { RecordView } from "../../domain/record.ts";
import { rejectsDomainError } from "../domain/_assert_error.ts";

/** A scenario user. */
export interface ScenarioUser {
  /** `vtiger_users.id`. */
  readonly id: number;
  /** `user_name`. */
  readonly userName: string;
  /** Role. */
  readonly roleId: string;
  /** Access key the tests log in with. */
  readonly accessKey: string;
}

/** The scenario's users (administrator 1 comes with Vtiger). */
export const SCENARIO_USERS: readonly ScenarioUser[] = [
  { id: 5, userName: "ceo", roleId: "H2", accessKey: "ScenarioKeyCeo05" },
  { id: 6, userName: "vp", roleId: "H3", accessKey: "ScenarioKeyVp006" },
  { id: 7, userName: "manager", roleId: "H4", accessKey: "ScenarioKeyMgr07" },
  { id: 8, userName: "sales1", roleId: "H5", accessKey: "ScenarioKeySal08" },
  { id: 9, userName: "sales2", roleId: "H5", accessKey: "ScenarioKeySal09" },
];

/** Group ids. */
export const GROUP = { teamSelling: 2, marketing: 3, support: 4, keyAccounts: 10, region: 11 };

/** The facts that depend on hierarchy, groups and rules, as the tables must yield them. */
export interface ExpectedRelations {
  /** Users below the user's role. */
  readonly subordinateUserIds: readonly number[];
  /** The user's groups. */
  readonly groupIds: readonly number[];
  /** Applicable sharing rules, by rule number, sources expanded. */
  readonly sharingRules: readonly SharingRuleFacts[];
}

const RULE_1: SharingRuleFacts = { tabId: 4, permission: 0, userIds: [8, 9], groupIds: [] };
const RULE_2: SharingRuleFacts = { tabId: 4, permission: 1, userIds: [1, 5], groupIds: [] };
const RULE_3: SharingRuleFacts = { tabId: 6, permission: 1, userIds: [8], groupIds: [10, 11] };
const RULE_4: SharingRuleFacts = { tabId: 6, permission: 0, userIds: [7], groupIds: [] };
const RULE_5: SharingRuleFacts = { tabId: 4, permission: 0, userIds: [7, 8, 9], groupIds: [] };

/** Per user name. */
export const EXPECTED_RELATIONS: Readonly<Record<string, ExpectedRelations>> = {
  ceo: { subordinateUserIds: [6, 7, 8, 9], groupIds: [3], sharingRules: [] },
  vp: { subordinateUserIds: [7, 8, 9], groupIds: [3, 4], sharingRules: [] },
  manager: { subordinateUserIds: [8, 9], groupIds: [2, 3, 4], sharingRules: [RULE_2, RULE_3] },
  sales1: {
    subordinateUserIds: [],
    groupIds: [2, 3, 4, 10, 11],
    sharingRules: [RULE_1, RULE_2, RULE_3, RULE_4, RULE_5],
  },
  sales2: {
    subordinateUserIds: [],
    groupIds: [2, 3, 4],
    sharingRules: [RULE_1, RULE_2, RULE_3, RULE_4],
  },
};

/** A record the scenario creates (as admin), by key. */
export interface ScenarioRecord {
  /** Key used in expectations. */
  readonly key: string;
  /** Module. */
  readonly module: "Contacts" | "Accounts";
  /** Owner: a user or group id. */
  readonly ownerId: number;
}

/** Created in this order, so ids ascend with the keys. */
export const SCENARIO_RECORDS: readonly ScenarioRecord[] = [
  { key: "c1", module: "Contacts", ownerId: 8 },
  { key: "c2", module: "Contacts", ownerId: 9 },
  { key: "c3", module: "Contacts", ownerId: 7 },
  { key: "c4", module: "Contacts", ownerId: 6 },
  { key: "c5", module: "Contacts", ownerId: GROUP.teamSelling },
  { key: "c6", module: "Contacts", ownerId: GROUP.region },
  { key: "c7", module: "Contacts", ownerId: 5 },
  { key: "a1", module: "Accounts", ownerId: 8 },
  { key: "a2", module: "Accounts", ownerId: 9 },
  { key: "a3", module: "Accounts", ownerId: 7 },
  { key: "a4", module: "Accounts", ownerId: GROUP.keyAccounts },
];

const CONTACTS = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"];
const ACCOUNTS = ["a1", "a2", "a3", "a4"];

/** What one user may do, record by record. */
interface UserExpectation {
  readonly contacts: { read: string[]; write: string[]; remove: string[]; create: boolean };
  readonly accounts: { write: string[]; remove: string[] | "denied" };
  readonly hidden: { Accounts: string[]; Contacts: string[] };
  readonly readOnly: string[];
  readonly ratings: string[];
  readonly documents: "read" | "denied";
  /** An owner the user may not give an account to, if any. */
  readonly foreignOwner?: number;
}

const ALL_RATINGS = ["Acquired", "Active", "Market Failed", "Project Cancelled", "Shutdown"];
const SALES_HIDDEN = { Accounts: ["annual_revenue"], Contacts: ["birthday"] };

/** The expected answers, per user name. */
export const EXPECTATIONS: Readonly<Record<string, UserExpectation>> = {
  ceo: {
    contacts: {
      read: CONTACTS,
      write: CONTACTS,
      remove: ["c1", "c2", "c3", "c4", "c7"],
      create: true,
    },
    accounts: { write: ACCOUNTS, remove: ["a1", "a2", "a3"] },
    hidden: { Accounts: [], Contacts: [] },
    readOnly: [],
    ratings: ALL_RATINGS,
    documents: "read",
  },
  vp: {
    contacts: {
      read: ["c1", "c2", "c3", "c4"],
      write: ["c1", "c2", "c3", "c4"],
      remove: ["c1", "c2", "c3", "c4"],
      create: true,
    },
    accounts: { write: ["a1", "a2", "a3"], remove: ["a1", "a2", "a3"] },
    hidden: { Accounts: [], Contacts: ["birthday"] },
    readOnly: [],
    ratings: ALL_RATINGS,
    documents: "denied",
    foreignOwner: 1,
  },
  manager: {
    contacts: {
      read: ["c1", "c2", "c3", "c5", "c7"],
      write: ["c1", "c2", "c3", "c5", "c7"],
      remove: ["c1", "c2", "c3", "c5"],
      create: false,
    },
    accounts: { write: ACCOUNTS, remove: "denied" },
    hidden: SALES_HIDDEN,
    readOnly: ["tickersymbol"],
    ratings: ALL_RATINGS,
    documents: "denied",
    foreignOwner: 1,
  },
  sales1: {
    contacts: {
      read: ["c1", "c2", "c3", "c5", "c6", "c7"],
      write: ["c1", "c5", "c6", "c7"],
      remove: ["c1", "c5", "c6"],
      create: false,
    },
    accounts: { write: ["a1", "a4"], remove: "denied" },
    hidden: SALES_HIDDEN,
    readOnly: ["tickersymbol"],
    ratings: ["Acquired", "Active"],
    documents: "denied",
    foreignOwner: 7,
  },
  sales2: {
    contacts: {
      read: ["c1", "c2", "c5", "c7"],
      write: ["c2", "c5", "c7"],
      remove: ["c2", "c5"],
      create: false,
    },
    accounts: { write: ["a1", "a2", "a4"], remove: "denied" },
    hidden: SALES_HIDDEN,
    readOnly: ["tickersymbol"],
    ratings: ["Acquired", "Active"],
    documents: "denied",
    foreignOwner: 7,
  },
};

/** One allowed delete per user, done last (each record can go once). */
const FINAL_DELETES: readonly [user: string, key: string][] = [
  ["ceo", "c4"],
  ["vp", "a1"],
  ["manager", "c3"],
  ["sales1", "c6"],
  ["sales2", "c2"],
];

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
  ): Promise<void> => {
    const before = await snapshot();
    await rejectsDomainError(call(), code).catch((error) => {
      throw new Error(`${what}: ${error.message}`);
    });
    assert.equal(await snapshot(), before, `${what} changed something`);
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

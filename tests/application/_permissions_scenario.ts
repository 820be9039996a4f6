/**
 * One permission scenario, run on the memory adapter (facts fabricated) and
 * on a Vtiger 7.1.0 database (facts read from the tables): the same users,
 * groups, rules and records and the same expected answers, checked by
 * `_permissions_checks.ts` through the use cases.
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
 * - the Sales profile hides `annual_revenue` and Contacts' `firstname` (a
 *   label field), shows `tickersymbol` read only, denies deleting Accounts and
 *   creating Contacts; `birthday` is hidden
 *   organisation-wide; Documents is closed in profiles 1, 2 and 3;
 * - role H5 may use only Acquired and Active of `rating`;
 * - sharing rules: 1 Contacts of role H5 → role H5, read; 2 Contacts of role H2
 *   → H4 and subordinates, read-write; 3 Accounts of group Region → group Team
 *   Selling, read-write; 4 Accounts of role H4 → role H5, read (nothing at
 *   public read only); 5 Contacts of H4 and subordinates → group Region, read.
 *
 * @module
 */

import type { SharingRuleFacts } from "../../domain/privilege_facts.ts";
import { RATING_VALUES } from "../_fixtures/readme.ts";

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

/** Contact keys, in creation order. */
export const CONTACTS = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"];
/** Account keys, in creation order. */
export const ACCOUNTS = ["a1", "a2", "a3", "a4"];

/** What one user may do, record by record. */
export interface UserExpectation {
  readonly contacts: { read: string[]; write: string[]; remove: string[]; create: boolean };
  readonly accounts: { write: string[]; remove: string[] | "denied" };
  readonly hidden: { Accounts: string[]; Contacts: string[] };
  readonly readOnly: string[];
  readonly ratings: readonly string[];
  readonly documents: "read" | "denied";
  /** An owner the user may not give an account to, if any. */
  readonly foreignOwner?: number;
}

/** Every value of `rating`, in `sortorderid` order. */
export const ALL_RATINGS: readonly string[] = RATING_VALUES;
const SALES_HIDDEN = { Accounts: ["annual_revenue"], Contacts: ["firstname", "birthday"] };

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
export const FINAL_DELETES: readonly [user: string, key: string][] = [
  ["ceo", "c4"],
  ["vp", "a1"],
  ["manager", "c3"],
  ["sales1", "c6"],
  ["sales2", "c2"],
];

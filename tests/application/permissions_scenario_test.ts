/**
 * The permission scenario of `_permissions_scenario.ts` on the memory
 * adapter: the facts a Vtiger 7.1.0 database holds for that setup, written by
 * hand, turned into privileges by the same domain rules the MySQL adapter
 * uses, and checked through the use cases.
 */

import { DEMO_ACCOUNTS } from "../../adapters/memory/demo/demo_modules.ts";
import { CALENDAR, DOCUMENTS, MOD_COMMENTS, SCENARIO_CONTACTS } from "./_scenario_modules.ts";
import { DEMO_PICKLISTS } from "../../adapters/memory/demo/demo_picklists.ts";
import { DictionaryTranslator } from "../../adapters/system/dictionary_translator.ts";
import { MemoryAccessPolicy } from "../../adapters/memory/memory_access_policy.ts";
import { MemoryModuleCatalog } from "../../adapters/memory/memory_module_catalog.ts";
import { MemoryPicklistRepository } from "../../adapters/memory/memory_picklist_repository.ts";
import {
  activeTab,
  allFieldIds,
  profileFacts,
} from "../../adapters/memory/memory_privilege_facts.ts";
import { MemoryRecordRepository } from "../../adapters/memory/memory_record_repository.ts";
import { MemorySessionStore } from "../../adapters/memory/memory_session_store.ts";
import { MemoryUserDirectory } from "../../adapters/memory/memory_user_directory.ts";
import { RandomTokenGenerator } from "../../adapters/system/random_token_generator.ts";
import { VtigerPasswordVerifier } from "../../adapters/system/vtiger_password_verifier.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { ACTION_ID } from "../../domain/permissions/combine_profiles.ts";
import { SHARING_LEVEL } from "../../domain/permissions/record_scopes.ts";
import type { PrivilegeFacts, ProfileFacts } from "../../domain/privilege_facts.ts";
import type { StoredUser } from "../../domain/user.ts";
import { EXPECTED_RELATIONS, GROUP, SCENARIO_USERS } from "./_permissions_scenario.ts";
import { runScenario } from "./_permissions_checks.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";

const MODULES = [DEMO_ACCOUNTS, SCENARIO_CONTACTS, DOCUMENTS, CALENDAR, MOD_COMMENTS];

/** Modules every scenario profile opens with all their actions. */
const OPEN_MODULES = [{ module: CALENDAR }, { module: MOD_COMMENTS }];

/** Profile 1 Administrator: View all and Edit all; Documents closed by the scenario. */
const ADMINISTRATOR = profileFacts({
  profileId: 1,
  viewAll: true,
  editAll: true,
  modules: [
    { module: DEMO_ACCOUNTS },
    { module: SCENARIO_CONTACTS },
    { module: DOCUMENTS, tabAllowed: false },
    ...OPEN_MODULES,
  ],
});

/** Profile 2 Sales, as the scenario changes it. */
const SALES = profileFacts({
  profileId: 2,
  modules: [
    {
      module: DEMO_ACCOUNTS,
      deniedActions: [ACTION_ID.delete],
      hiddenFields: ["annual_revenue"],
      readOnlyFields: ["tickersymbol"],
    },
    {
      module: SCENARIO_CONTACTS,
      deniedActions: [ACTION_ID.createView],
      hiddenFields: ["firstname"],
    },
    { module: DOCUMENTS, tabAllowed: false },
    ...OPEN_MODULES,
  ],
});

/** Profile 3 Support, given to role H3 by the scenario. */
const SUPPORT = profileFacts({
  profileId: 3,
  modules: [
    { module: DEMO_ACCOUNTS },
    { module: SCENARIO_CONTACTS },
    { module: DOCUMENTS, tabAllowed: false },
    ...OPEN_MODULES,
  ],
});

const ROLE_PROFILES: Readonly<Record<string, ProfileFacts[]>> = {
  H2: [ADMINISTRATOR],
  H3: [SALES, SUPPORT],
  H4: [SALES],
  H5: [SALES],
};

const ALL_RATINGS = DEMO_PICKLISTS.Accounts.values.rating;

function scenarioFacts(user: (typeof SCENARIO_USERS)[number]): PrivilegeFacts {
  const relations = EXPECTED_RELATIONS[user.userName];
  const orgVisible = allFieldIds(MODULES);
  orgVisible.delete(79); // birthday, hidden organisation-wide
  const ratings = user.roleId === "H5" ? ["Acquired", "Active"] : ALL_RATINGS;
  return {
    userId: user.id,
    isAdmin: false,
    roleId: user.roleId,
    profiles: ROLE_PROFILES[user.roleId],
    tabs: new Map([
      [SCENARIO_CONTACTS.tabId, activeTab(SHARING_LEVEL.private)],
      [DEMO_ACCOUNTS.tabId, activeTab(SHARING_LEVEL.publicReadOnly)],
      [DOCUMENTS.tabId, activeTab(SHARING_LEVEL.publicReadWriteDelete)],
      [CALENDAR.tabId, activeTab(SHARING_LEVEL.private)],
      [MOD_COMMENTS.tabId, activeTab(SHARING_LEVEL.publicReadWriteDelete)],
    ]),
    orgVisibleFieldIds: orgVisible,
    subordinateUserIds: new Set(relations.subordinateUserIds),
    groupIds: new Set(relations.groupIds),
    sharingRules: relations.sharingRules,
    rolePicklistValues: new Map([["rating", new Set(ratings)]]),
  };
}

function account(id: number, userName: string, accessKey: string, isAdmin = false): StoredUser {
  return {
    id,
    userName,
    isAdmin,
    active: true,
    passwordHash: "",
    cryptType: "PHASH",
    accessKey,
  };
}

const ADMIN_KEY = "ScenarioAdminK01";

Deno.test("the permission scenario on the memory adapter", async (t) => {
  const catalog = new MemoryModuleCatalog(MODULES);
  const records = new MemoryRecordRepository(MODULES, [], {
    Accounts: { prefix: "ACC", next: 1 },
    Contacts: { prefix: "CON", next: 1 },
  });
  const users = [
    account(1, "admin", ADMIN_KEY, true),
    ...SCENARIO_USERS.map((user) => account(user.id, user.userName, user.accessKey)),
  ];
  const useCases = createUseCases({
    modules: catalog,
    records,
    picklists: new MemoryPicklistRepository(DEMO_PICKLISTS),
    translator: new DictionaryTranslator(),
    users: new MemoryUserDirectory(users, Object.values(GROUP)),
    sessions: new MemorySessionStore(),
    passwords: new VtigerPasswordVerifier(),
    policy: new MemoryAccessPolicy(SCENARIO_USERS.map(scenarioFacts), catalog),
    clock: new FixedClock("2024-01-02T03:04:05Z"),
    tokens: new RandomTokenGenerator(),
  });
  await runScenario(t, {
    useCases,
    countWrites: () => Promise.resolve(records.history.length),
  }, ADMIN_KEY);
});

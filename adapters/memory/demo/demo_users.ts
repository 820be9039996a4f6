/**
 * The demo's users and the Vtiger permission facts their privileges are
 * computed from: an administrator, a sales person who sees every account but
 * only edits their own, a support user, and a user who left (inactive, never
 * able to log in).
 *
 * @module
 */

import { ACTION_ID } from "../../../domain/permissions/combine_profiles.ts";
import { SHARING_LEVEL } from "../../../domain/permissions/record_scopes.ts";
import type { PrivilegeFacts, ProfileFacts } from "../../../domain/privilege_facts.ts";
import type { StoredUser } from "../../../domain/user.ts";
import { activeTab, allFieldIds, profileFacts } from "../memory_privilege_facts.ts";
import { DEMO_ACCOUNTS, DEMO_CONTACTS } from "./demo_modules.ts";

/** The demo's group: support users belong to it. */
export const DEMO_SUPPORT_GROUP_ID = 20;

/** The demo's users; passwords equal the user names. */
export const DEMO_USERS: readonly StoredUser[] = [
  {
    id: 1,
    userName: "admin",
    isAdmin: true,
    active: true,
    passwordHash: "$1$ad000000$hzXFXvL3XVlnUE/X.1n9t/",
    cryptType: "PHP5.3MD5",
    accessKey: "DemoAccessKey016",
    roleId: "H2",
  },
  {
    id: 5,
    userName: "sales",
    isAdmin: false,
    active: true,
    passwordHash: "$2y$10$Xo2MvVgUec1EOkdB18Wy1uwH/O6M9WM3wJtR32K0bsk0PIRpAYQo2",
    cryptType: "PHASH",
    accessKey: "DemoSalesKey0005",
    roleId: "H5",
  },
  {
    id: 6,
    userName: "support",
    isAdmin: false,
    active: true,
    passwordHash: "$1$su000000$zZjJsWdCXzB8ZCjBrzpvx.",
    cryptType: "PHP5.3MD5",
    accessKey: "DemoSupportKey06",
    roleId: "H4",
  },
  {
    id: 7,
    userName: "former",
    isAdmin: false,
    active: false,
    passwordHash: "$1$fo000000$.Y4u9oSRXvEt8bL1.N.q6/",
    cryptType: "PHP5.3MD5",
    accessKey: "DemoFormerKey007",
    roleId: "H5",
  },
];

/**
 * The demo's sales profile: Accounts without Delete and with `annual_revenue`
 * hidden; Contacts with every action.
 */
const SALES_PROFILE: ProfileFacts = profileFacts({
  profileId: 2,
  modules: [
    { module: DEMO_ACCOUNTS, deniedActions: [ACTION_ID.delete], hiddenFields: ["annual_revenue"] },
    { module: DEMO_CONTACTS },
  ],
});

/** The demo's support profile: Contacts only. */
const SUPPORT_PROFILE: ProfileFacts = profileFacts({
  profileId: 3,
  modules: [{ module: DEMO_ACCOUNTS, tabAllowed: false }, { module: DEMO_CONTACTS }],
});

/** Accounts are public read only (level 0), Contacts private (level 3). */
const DEMO_TABS = new Map([
  [DEMO_ACCOUNTS.tabId, activeTab(SHARING_LEVEL.publicReadOnly)],
  [DEMO_CONTACTS.tabId, activeTab(SHARING_LEVEL.private)],
]);

/** `rating` is the demo's role-based picklist; the sales role may use two of its values. */
const SALES_RATINGS = new Map([["rating", new Set(["Acquired", "Active"])]]);

function roleFacts(
  userId: number,
  roleId: string,
  profile: ProfileFacts,
  extra: Partial<PrivilegeFacts>,
): PrivilegeFacts {
  return {
    userId,
    isAdmin: false,
    roleId,
    profiles: [profile],
    tabs: DEMO_TABS,
    orgVisibleFieldIds: allFieldIds([DEMO_ACCOUNTS, DEMO_CONTACTS]),
    subordinateUserIds: new Set(),
    groupIds: new Set(),
    sharingRules: [],
    rolePicklistValues: new Map(),
    ...extra,
  };
}

/**
 * The permission facts of the demo's non-administrators, from which
 * `computePrivileges` derives what each may do. The demo's role tree puts H4
 * (support) and H5 (sales persons) side by side under H3, so neither oversees
 * the other and neither has subordinates.
 *
 * - sales (H5, sales profile): Accounts public read only, so they read every
 *   account (without `annual_revenue`), edit only their own and, without the
 *   Delete permission, delete none; `rating` limited to Acquired/Active.
 *   Contacts private: only their own.
 * - support (H4, support profile, member of group 20): no Accounts; Contacts
 *   private: their own and their group's.
 */
export const DEMO_PRIVILEGE_FACTS: readonly PrivilegeFacts[] = [
  roleFacts(5, "H5", SALES_PROFILE, { rolePicklistValues: SALES_RATINGS }),
  roleFacts(6, "H4", SUPPORT_PROFILE, { groupIds: new Set([DEMO_SUPPORT_GROUP_ID]) }),
  roleFacts(7, "H5", SALES_PROFILE, { rolePicklistValues: SALES_RATINGS }),
];

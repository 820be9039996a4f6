/**
 * The demo's users and what each may do: an administrator, a sales person who
 * sees every account but only edits their own, a support user, and a user who
 * left (inactive, never able to log in).
 *
 * @module
 */

import {
  ALL_OWNERS,
  fullGrant,
  type ModuleGrant,
  type Privileges,
  type RecordAction,
} from "../../../domain/privileges.ts";
import type { UserAccount } from "../../../domain/user.ts";

/** The demo's group: support users belong to it. */
export const DEMO_SUPPORT_GROUP_ID = 20;

/** The demo's users; passwords equal the user names. */
export const DEMO_USERS: readonly UserAccount[] = [
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

function owners(...ids: number[]) {
  return { all: false as const, ownerIds: new Set(ids) };
}

function grant(actions: RecordAction[], overrides: Partial<ModuleGrant>): ModuleGrant {
  return { ...fullGrant(), actions: new Set(actions), ...overrides };
}

/**
 * Privileges of the demo's non-administrators. The sales person (role H5):
 * Accounts public read-only (reads all, edits only their own, no delete,
 * `annual_revenue` hidden, `rating` limited to two values), Contacts private
 * (only their own). Support (role H4, in the support group): Contacts only,
 * private to them and their group.
 */
export function demoPrivileges(user: UserAccount): Privileges {
  const own = owners(user.id);
  const modules = new Map<string, ModuleGrant>();
  if (user.roleId === "H5") {
    modules.set(
      "Accounts",
      grant(["list", "view", "create", "edit"], {
        hiddenFields: new Set(["annual_revenue"]),
        read: ALL_OWNERS,
        write: own,
        remove: own,
        picklistValues: new Map([["rating", new Set(["Acquired", "Active"])]]),
      }),
    );
    modules.set(
      "Contacts",
      grant(["list", "view", "create", "edit", "delete"], { read: own, write: own, remove: own }),
    );
  }
  if (user.roleId === "H4") {
    const withGroup = owners(user.id, DEMO_SUPPORT_GROUP_ID);
    modules.set(
      "Contacts",
      grant(["list", "view", "create", "edit", "delete"], {
        read: withGroup,
        write: withGroup,
        remove: withGroup,
      }),
    );
  }
  return { userId: user.id, isAdmin: false, ownIds: own.ownerIds, modules };
}

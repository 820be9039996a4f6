/**
 * The demo's picklists, with the `rating` → `accounttype` dependency and the
 * French label of the original README.
 *
 * @module
 */

import type { MemoryModulePicklists } from "../memory_picklist_repository.ts";

const ACCOUNT_TYPES = [
  "Analyst",
  "Competitor",
  "Customer",
  "Integrator",
  "Investor",
  "Partner",
  "Press",
  "Prospect",
  "Reseller",
  "Other",
];

function typesWithout(...excluded: string[]): string[] {
  return ACCOUNT_TYPES.filter((type) => !excluded.includes(type));
}

function rule(sourceValue: string, targetValues: string[]) {
  return { sourceField: "rating", targetField: "accounttype", sourceValue, targetValues };
}

/** Picklists by module name. */
export const DEMO_PICKLISTS: Readonly<Record<string, MemoryModulePicklists>> = {
  Accounts: {
    values: {
      rating: ["Acquired", "Active", "Market Failed", "Project Cancelled", "Shutdown"],
      accounttype: ACCOUNT_TYPES,
      industry: [
        "Apparel",
        "Banking",
        "Biotechnology",
        "Chemicals",
        "Communications",
        "Construction",
        "Consulting",
        "Education",
        "Electronics",
        "Energy",
        "Engineering",
        "Other",
      ],
      campaignrelstatus: ["--None--", "Contacted - Successful", "Contacted - Unsuccessful"],
    },
    dependencies: [
      rule("Acquired", typesWithout("Analyst", "Competitor")),
      rule("Active", typesWithout("Customer", "Integrator")),
      rule("Market Failed", typesWithout("Investor", "Partner")),
      rule("Project Cancelled", typesWithout("Press", "Prospect")),
      rule("Shutdown", typesWithout("Reseller", "Other")),
    ],
  },
  Contacts: {
    values: {
      leadsource: ["Cold Call", "Existing Customer", "Self Generated", "Employee", "Partner"],
    },
  },
};

/** Labels: the README's French `Actif`, and module, block and field labels as Vtiger names them. */
export const DEMO_STRINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Accounts: {
    Active: "Actif",
    Accounts: "Organizations",
    LBL_ACCOUNT_INFORMATION: "Organization Details",
    "Account Name": "Organization Name",
  },
  Contacts: { LBL_CONTACT_INFORMATION: "Contact Details" },
  Vtiger: {
    LBL_ADDRESS_INFORMATION: "Address Details",
    LBL_DESCRIPTION_INFORMATION: "Description Details",
  },
};

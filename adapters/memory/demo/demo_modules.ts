/**
 * The demo's module metadata: Accounts with exactly the fields of the original
 * README (as Vtiger 6.5 declares them), and Contacts.
 *
 * @module
 */

import { type FieldDefinition, parseTypeOfData, picklistKindOf } from "../../../domain/field.ts";
import type { ModuleDefinition } from "../../../domain/module.ts";

const REFERENCES: Readonly<Record<number, readonly string[]>> = {
  51: ["Accounts"],
  57: ["Contacts"],
};

type FieldRow = [
  id: number,
  name: string,
  column: string,
  table: string,
  uitype: number,
  typeOfData: string,
  displayType: number,
  label: string,
  maxLength?: number,
];

/** Block labels (keys of the language strings) by the first field id of each block. */
type Blocks = readonly (readonly [firstFieldId: number, label: string])[];

function blockOf(blocks: Blocks, id: number): string | undefined {
  return blocks.findLast(([first]) => first <= id)?.[1];
}

function buildFields(
  rows: readonly FieldRow[],
  recordTables: Readonly<Record<string, string>>,
  blocks: Blocks,
): FieldDefinition[] {
  return rows.map(
    ([id, name, column, table, uitype, typeOfData, displayType, label, maxLength]) => {
      const picklist = picklistKindOf(uitype);
      const referenceModules = REFERENCES[uitype];
      const block = blockOf(blocks, id);
      return {
        id,
        name,
        column,
        table,
        label,
        uitype,
        ...parseTypeOfData(typeOfData),
        presence: 2,
        displayType,
        onRecordTable: Object.hasOwn(recordTables, table),
        ...(maxLength === undefined ? {} : { maxLength }),
        ...(picklist === undefined ? {} : { picklist }),
        ...(referenceModules === undefined ? {} : { referenceModules }),
        ...(block === undefined ? {} : { block }),
        ...(UNIQUE_FIELDS.has(name) ? { unique: true } : {}),
      };
    },
  );
}

/** The fields Vtiger 7 marks unique (`isunique`): an Account's name. */
const UNIQUE_FIELDS: ReadonlySet<string> = new Set(["accountname"]);

const ACCOUNT_TABLES = {
  vtiger_crmentity: "crmid",
  vtiger_account: "accountid",
  vtiger_accountbillads: "accountaddressid",
  vtiger_accountshipads: "accountaddressid",
  vtiger_accountscf: "accountid",
};

const A = "vtiger_account";
const BILL = "vtiger_accountbillads";
const SHIP = "vtiger_accountshipads";
const CE = "vtiger_crmentity";

/** Accounts, field for field as in the original README. */
export const DEMO_ACCOUNTS: ModuleDefinition = {
  name: "Accounts",
  label: "Accounts",
  // As in Vtiger 7: two live Accounts may not share a name.
  allowDuplicates: false,
  relatedModules: ["Contacts"],
  tabId: 6,
  baseTable: A,
  baseIdColumn: "accountid",
  recordTables: ACCOUNT_TABLES,
  labelFields: ["accountname"],
  fields: buildFields(
    [
      [1, "accountname", "accountname", A, 2, "V~M", 1, "Account Name", 100],
      [2, "account_no", "account_no", A, 4, "V~O", 1, "Account No", 100],
      [3, "phone", "phone", A, 11, "V~O", 1, "Phone", 30],
      [4, "website", "website", A, 17, "V~O", 1, "Website", 100],
      [5, "fax", "fax", A, 11, "V~O", 1, "Fax", 30],
      [6, "tickersymbol", "tickersymbol", A, 1, "V~O", 1, "Ticker Symbol", 30],
      [7, "otherphone", "otherphone", A, 11, "V~O", 1, "Other Phone", 30],
      [8, "account_id", "parentid", A, 51, "I~O", 1, "Member Of"],
      [9, "email1", "email1", A, 13, "E~O", 1, "Email", 100],
      [10, "employees", "employees", A, 7, "I~O", 1, "Employees"],
      [11, "email2", "email2", A, 13, "E~O", 1, "Other Email", 100],
      [12, "ownership", "ownership", A, 1, "V~O", 1, "Ownership", 50],
      [13, "rating", "rating", A, 15, "V~O", 1, "Rating", 200],
      [14, "industry", "industry", A, 15, "V~O", 1, "industry", 200],
      [15, "siccode", "siccode", A, 1, "V~O", 1, "SIC Code", 50],
      [16, "accounttype", "account_type", A, 15, "V~O", 1, "Type", 200],
      [17, "annual_revenue", "annualrevenue", A, 71, "N~O", 1, "Annual Revenue"],
      [18, "emailoptout", "emailoptout", A, 56, "C~O", 1, "Email Opt Out", 3],
      [19, "notify_owner", "notify_owner", A, 56, "C~O", 1, "Notify Owner", 3],
      [20, "assigned_user_id", "smownerid", CE, 53, "V~M", 1, "Assigned To"],
      [21, "createdtime", "createdtime", CE, 70, "DT~O", 2, "Created Time"],
      [22, "modifiedtime", "modifiedtime", CE, 70, "DT~O", 2, "Modified Time"],
      [23, "modifiedby", "modifiedby", CE, 52, "V~O", 3, "Last Modified By"],
      [24, "bill_street", "bill_street", BILL, 21, "V~O", 1, "Billing Address", 250],
      [25, "ship_street", "ship_street", SHIP, 21, "V~O", 1, "Shipping Address", 250],
      [26, "bill_city", "bill_city", BILL, 1, "V~O", 1, "Billing City", 30],
      [27, "ship_city", "ship_city", SHIP, 1, "V~O", 1, "Shipping City", 30],
      [28, "bill_state", "bill_state", BILL, 1, "V~O", 1, "Billing State", 30],
      [29, "ship_state", "ship_state", SHIP, 1, "V~O", 1, "Shipping State", 30],
      [30, "bill_code", "bill_code", BILL, 1, "V~O", 1, "Billing Code", 30],
      [31, "ship_code", "ship_code", SHIP, 1, "V~O", 1, "Shipping Code", 30],
      [32, "bill_country", "bill_country", BILL, 1, "V~O", 1, "Billing Country", 30],
      [33, "ship_country", "ship_country", SHIP, 1, "V~O", 1, "Shipping Country", 30],
      [34, "bill_pobox", "bill_pobox", BILL, 1, "V~O", 1, "Billing Po Box", 30],
      [35, "ship_pobox", "ship_pobox", SHIP, 1, "V~O", 1, "Shipping Po Box", 30],
      [36, "description", "description", CE, 19, "V~O", 1, "Description"],
      [
        152,
        "campaignrelstatus",
        "campaignrelstatus",
        "vtiger_campaignrelstatus",
        16,
        "V~O",
        1,
        "Status",
      ],
      [
        723,
        "isconvertedfromlead",
        "isconvertedfromlead",
        A,
        56,
        "C~O",
        1,
        "Is Converted From Lead",
        3,
      ],
    ],
    ACCOUNT_TABLES,
    [
      [1, "LBL_ACCOUNT_INFORMATION"],
      [24, "LBL_ADDRESS_INFORMATION"],
      [36, "LBL_DESCRIPTION_INFORMATION"],
      [152, "LBL_ACCOUNT_INFORMATION"],
    ],
  ),
};

const CONTACT_TABLES = {
  vtiger_crmentity: "crmid",
  vtiger_contactdetails: "contactid",
  vtiger_contactaddress: "contactaddressid",
  vtiger_contactsubdetails: "contactsubscriptionid",
  vtiger_contactscf: "contactid",
  vtiger_customerdetails: "customerid",
};

const C = "vtiger_contactdetails";
const SUB = "vtiger_contactsubdetails";

/** Contacts, with the fields most clients use. */
export const DEMO_CONTACTS: ModuleDefinition = {
  name: "Contacts",
  label: "Contacts",
  allowDuplicates: true,
  tabId: 4,
  baseTable: C,
  baseIdColumn: "contactid",
  recordTables: CONTACT_TABLES,
  labelFields: ["firstname", "lastname"],
  fields: buildFields(
    [
      [67, "firstname", "firstname", C, 55, "V~M", 1, "First Name", 40],
      [68, "contact_no", "contact_no", C, 4, "V~O", 1, "Contact Id", 100],
      [69, "phone", "phone", C, 11, "V~O", 1, "Office Phone", 50],
      [70, "lastname", "lastname", C, 255, "V~M", 1, "Last Name", 80],
      [72, "account_id", "accountid", C, 51, "I~O", 1, "Account Name"],
      [74, "leadsource", "leadsource", SUB, 15, "V~O", 1, "Lead Source", 200],
      [79, "birthday", "birthday", SUB, 5, "D~O", 1, "Birthdate"],
      [80, "email", "email", C, 13, "E~O", 1, "Email", 100],
      [87, "assigned_user_id", "smownerid", CE, 53, "V~M", 1, "Assigned To"],
      [90, "createdtime", "createdtime", CE, 70, "DT~O", 2, "Created Time"],
      [91, "modifiedtime", "modifiedtime", CE, 70, "DT~O", 2, "Modified Time"],
      [92, "modifiedby", "modifiedby", CE, 52, "V~O", 3, "Last Modified By"],
      [109, "description", "description", CE, 19, "V~O", 1, "Description"],
    ],
    CONTACT_TABLES,
    [[67, "LBL_CONTACT_INFORMATION"], [109, "LBL_DESCRIPTION_INFORMATION"]],
  ),
};

/**
 * The demo's records: the two accounts of the original README, field for
 * field, and a few contacts owned by different users.
 *
 * @module
 */

import type { MemoryNumbering, MemoryRecordSeed } from "../memory_record_repository.ts";

const EMPTY_ACCOUNT = {
  phone: "",
  website: "",
  fax: "",
  tickersymbol: "",
  otherphone: "",
  account_id: "0",
  email1: "",
  employees: "0",
  email2: "",
  ownership: "",
  rating: "",
  industry: "",
  siccode: "",
  accounttype: "",
  annual_revenue: "0.00000000",
  emailoptout: "0",
  notify_owner: "0",
  assigned_user_id: "1",
  modifiedby: "1",
  bill_street: "",
  ship_street: "",
  bill_city: "",
  ship_city: "",
  bill_state: "",
  ship_state: "",
  bill_code: "",
  ship_code: "",
  bill_country: "",
  ship_country: "",
  bill_pobox: "",
  ship_pobox: "",
  description: "",
  isconvertedfromlead: "0",
};

/** Records the demo starts with. */
export const DEMO_RECORDS: readonly MemoryRecordSeed[] = [
  {
    module: "Accounts",
    id: 3,
    values: {
      ...EMPTY_ACCOUNT,
      accountname: "MEDIA 3+",
      account_no: "ACC1",
      createdtime: "2016-10-28 14:40:37",
      modifiedtime: "2017-09-04 09:29:15",
      bill_street: "34 allée des Frênes",
      ship_street: "34 allée des Frênes",
      bill_city: "Champs sur Marne",
      ship_city: "Champs sur Marne",
      bill_code: "77420",
      ship_code: "77420",
      bill_country: "France",
      ship_country: "France",
    },
  },
  {
    module: "Accounts",
    id: 24,
    values: {
      ...EMPTY_ACCOUNT,
      accountname: "MEDIACRM",
      account_no: "ACC2",
      website: "www.mediacrm.fr",
      createdtime: "2017-09-04 09:28:27",
      modifiedtime: "2017-09-04 09:28:27",
    },
  },
  ...[
    [10, "CON1", "Marie", "Curie", "marie.curie@example.com", "3", "1"],
    [11, "CON2", "Louis", "Pasteur", "louis.pasteur@example.com", "24", "5"],
    [12, "CON3", "Ada", "Lovelace", "ada@example.com", "0", "6"],
  ].map(([id, number, firstname, lastname, email, account, owner]) => ({
    module: "Contacts",
    id: Number(id),
    values: {
      firstname: String(firstname),
      contact_no: String(number),
      phone: "",
      lastname: String(lastname),
      account_id: String(account),
      leadsource: "",
      email: String(email),
      assigned_user_id: String(owner),
      createdtime: "2017-09-04 09:30:00",
      modifiedtime: "2017-09-04 09:30:00",
      modifiedby: String(owner),
      description: "",
    },
  })),
];

/** Where record numbering stands, as in `vtiger_modentity_num`. */
export const DEMO_NUMBERING: Readonly<Record<string, MemoryNumbering>> = {
  Accounts: { prefix: "ACC", next: 3 },
  Contacts: { prefix: "CON", next: 4 },
};

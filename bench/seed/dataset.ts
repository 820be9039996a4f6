/**
 * The benchmark's records, as pure row generators: Accounts and the Contacts
 * linked to them, with the columns Vtiger's own save writes (empty text as
 * `''`, empty numbers as `0`, empty dates as NULL, the label built from the
 * entity name fields), deterministic so that every run sees the same data.
 *
 * Record `i` (1-based) of a kind has a fixed crmid, owner and number, so the
 * load generator can pick ids a given user may read without asking the
 * database.
 *
 * @module
 */

/** A value bound into a bulk INSERT. */
export type Cell = string | number | null;

/** One table's share of a batch: its columns and rows in the same order. */
export interface TableRows {
  /** The table. */
  readonly table: string;
  /** Its columns, in the order of each row's cells. */
  readonly columns: readonly string[];
  /** The rows. */
  readonly rows: Cell[][];
}

/** A user the benchmark adds: who owns records, and who logs in. */
export interface BenchUser {
  /** `vtiger_users.id`. */
  readonly id: number;
  /** `vtiger_users.user_name`. */
  readonly userName: string;
  /** The role (`vtiger_user2role`). */
  readonly roleId: string;
  /** The access key. */
  readonly accessKey: string;
}

/** The password of every user the benchmark adds. */
export const BENCH_PASSWORD = "bench";

/** The users the benchmark adds (the dump's admin has id 1; its user sequence stands at 4). */
export const BENCH_USERS: readonly BenchUser[] = [
  { id: 5, userName: "bench_vp", roleId: "H3", accessKey: "BenchVpAccessKey" },
  { id: 6, userName: "bench_manager", roleId: "H4", accessKey: "BenchMgAccessKey" },
  { id: 7, userName: "bench_sales", roleId: "H5", accessKey: "BenchSaAccessKey" },
  { id: 8, userName: "bench_sales2", roleId: "H5", accessKey: "BenchS2AccessKey" },
];

/** The non-admin user the benchmark reads as (a Sales Person in group 2). */
export const NON_ADMIN: BenchUser = BENCH_USERS[2];

/**
 * The user the login call logs in: not the non-admin reader, since a login run
 * opens more than `MAX_SESSIONS_PER_USER` sessions, which revokes that user's
 * oldest (the reader's token among them).
 */
export const LOGIN_USER: BenchUser = BENCH_USERS[1];

/** The group (`vtiger_groups`, Team Selling) that owns a share of records, with the non-admin in it. */
export const BENCH_GROUP_ID = 2;

/**
 * Owners in turn: record `i` belongs to `OWNERS[i % OWNERS.length]`: the
 * admin, each bench user, and the group.
 */
export const OWNERS: readonly number[] = [1, 5, 6, 7, 8, BENCH_GROUP_ID];

/** The residues `i % OWNERS.length` of records the non-admin reaches in a Private module. */
export const NON_ADMIN_RESIDUES: readonly number[] = OWNERS.flatMap((owner, index) =>
  owner === NON_ADMIN.id || owner === BENCH_GROUP_ID ? [index] : []
);

/** The crmid of the first Account; the fresh 7.1.0 dump's `vtiger_crmentity_seq` stands at 1. */
export const FIRST_CRMID = 2;

/** The crmid of Account `i` (1-based). */
export function accountCrmid(i: number): number {
  return FIRST_CRMID + i - 1;
}

/** The crmid of Contact `i` (1-based) when there are `accounts` Accounts before them. */
export function contactCrmid(i: number, accounts: number): number {
  return FIRST_CRMID + accounts + i - 1;
}

const ACCOUNT_TYPES = [
  "Analyst",
  "Competitor",
  "Customer",
  "Integrator",
  "Investor",
  "Other",
  "Partner",
  "Press",
  "Prospect",
  "Reseller",
];
const INDUSTRIES = [
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
  "Finance",
  "Healthcare",
  "Media",
  "Retail",
  "Technology",
];
const RATINGS = ["Acquired", "Active", "Market Failed", "Project Cancelled", "Shutdown"];
const LEAD_SOURCES = ["Cold Call", "Existing Customer", "Partner", "Trade Show", "Web Site"];
const SALUTATIONS = ["Mr.", "Ms.", "Mrs.", "Dr.", "Prof."];

/** Cities of the billing addresses; criteria `bill_city:like:Mont%` matches two of them. */
export const CITIES = [
  "Montpellier",
  "Paris",
  "Lyon",
  "Marseille",
  "Toulouse",
  "Nantes",
  "Bordeaux",
  "Lille",
  "Rennes",
  "Nice",
  "Strasbourg",
  "Grenoble",
  "Dijon",
  "Angers",
  "Brest",
  "Metz",
  "Montreuil",
  "Tours",
  "Amiens",
  "Limoges",
];
const NAME_WORDS = [
  "Acme",
  "Blue",
  "Crest",
  "Delta",
  "Echo",
  "Fjord",
  "Granite",
  "Harbor",
  "Iris",
  "Juniper",
  "Kestrel",
  "Lumen",
  "Maple",
  "Nimbus",
  "Orchid",
  "Pioneer",
  "Quartz",
  "Raven",
  "Summit",
  "Tidal",
  "Umber",
  "Vertex",
  "Willow",
  "Xenon",
  "Yarrow",
  "Zephyr",
];
const NAME_KINDS = ["Corp", "Labs", "Group", "Systems", "Partners", "Holdings", "Works", "Media"];
const FIRST_NAMES = ["Anna", "Bruno", "Chloé", "David", "Emma", "Farid", "Giulia", "Hugo", "Inès"];
const LAST_NAMES = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
];

/** A fixed scramble of `i`, so that names do not sort in creation order. */
function scramble(i: number): number {
  return Math.imul(i ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length];
}

/** The e-mail address of Account `i`: unique, on the indexed `email1` column. */
export function accountEmail(i: number): string {
  return `account${i}@example.com`;
}

/** `YYYY-MM-DD HH:MM:SS` of a time some minutes after 2023-01-01 (UTC). */
function timeAt(minutes: number): string {
  return new Date(Date.UTC(2023, 0, 1) + minutes * 60_000).toISOString().slice(0, 19)
    .replace("T", " ");
}

const CRMENTITY_COLUMNS = [
  "crmid",
  "smcreatorid",
  "smownerid",
  "modifiedby",
  "setype",
  "description",
  "createdtime",
  "modifiedtime",
  "viewedtime",
  "status",
  "version",
  "presence",
  "deleted",
  "smgroupid",
  "source",
  "label",
];

function crmentityRow(
  crmid: number,
  owner: number,
  setype: string,
  description: string,
  created: string,
  label: string,
): Cell[] {
  // A group-owned record was created by the admin; a user's by themself.
  const creator = owner === BENCH_GROUP_ID ? 1 : owner;
  return [
    crmid,
    creator,
    owner,
    creator,
    setype,
    description,
    created,
    created,
    null,
    null,
    0,
    1,
    0,
    0,
    "CRM",
    label,
  ];
}

/** The owner of record `i`. */
export function ownerOf(i: number): number {
  return OWNERS[i % OWNERS.length];
}

/** The rows of Accounts `from` to `to` (1-based, inclusive) in every table Vtiger writes. */
export function accountRows(from: number, to: number): TableRows[] {
  const crmentity: Cell[][] = [];
  const account: Cell[][] = [];
  const bill: Cell[][] = [];
  const ship: Cell[][] = [];
  const custom: Cell[][] = [];
  const userField: Cell[][] = [];
  for (let i = from; i <= to; i++) {
    const id = accountCrmid(i);
    const h = scramble(i);
    const owner = ownerOf(i);
    const name = `${pick(NAME_WORDS, h)} ${pick(NAME_WORDS, h >>> 5)} ${
      pick(NAME_KINDS, h >>> 10)
    } ${i}`;
    const city = pick(CITIES, h >>> 3);
    crmentity.push(
      crmentityRow(id, owner, "Accounts", `Account ${i}, ${city}.`, timeAt(i), name),
    );
    account.push([
      id,
      `ACC${i}`,
      name,
      0,
      pick(ACCOUNT_TYPES, h >>> 7),
      pick(INDUSTRIES, h >>> 11),
      (h % 10_000_000) + 0.5,
      pick(RATINGS, h >>> 13),
      "",
      "",
      "",
      `+33 1 ${String(h % 100_000_000).padStart(8, "0")}`,
      "",
      accountEmail(i),
      "",
      `www.account${i}.example.com`,
      "",
      h % 5000,
      "0",
      "0",
      "0",
    ]);
    bill.push([id, city, String(10000 + (h % 89999)), "France", "", `${i} rue de la Paix`, ""]);
    ship.push([id, city, String(10000 + (h % 89999)), "France", "", "", `${i} rue de la Paix`]);
    custom.push([id]);
    userField.push([id, owner === BENCH_GROUP_ID ? 1 : owner, "0"]);
  }
  return [
    { table: "vtiger_crmentity", columns: CRMENTITY_COLUMNS, rows: crmentity },
    {
      table: "vtiger_account",
      columns: [
        "accountid",
        "account_no",
        "accountname",
        "parentid",
        "account_type",
        "industry",
        "annualrevenue",
        "rating",
        "ownership",
        "siccode",
        "tickersymbol",
        "phone",
        "otherphone",
        "email1",
        "email2",
        "website",
        "fax",
        "employees",
        "emailoptout",
        "notify_owner",
        "isconvertedfromlead",
      ],
      rows: account,
    },
    {
      table: "vtiger_accountbillads",
      columns: [
        "accountaddressid",
        "bill_city",
        "bill_code",
        "bill_country",
        "bill_state",
        "bill_street",
        "bill_pobox",
      ],
      rows: bill,
    },
    {
      table: "vtiger_accountshipads",
      columns: [
        "accountaddressid",
        "ship_city",
        "ship_code",
        "ship_country",
        "ship_state",
        "ship_pobox",
        "ship_street",
      ],
      rows: ship,
    },
    { table: "vtiger_accountscf", columns: ["accountid"], rows: custom },
    {
      table: "vtiger_crmentity_user_field",
      columns: ["recordid", "userid", "starred"],
      rows: userField,
    },
  ];
}

const CONTACT_DETAIL_COLUMNS = [
  "contactid",
  "contact_no",
  "accountid",
  "salutation",
  "firstname",
  "lastname",
  "email",
  "phone",
  "mobile",
  "title",
  "department",
  "fax",
  "reportsto",
  "donotcall",
  "emailoptout",
  "reference",
  "notify_owner",
  "isconvertedfromlead",
  "secondaryemail",
  "imagename",
];

/**
 * The rows of Contacts `from` to `to` (1-based, inclusive), Contact `i`
 * linked to Account `i`, with `accounts` Accounts created before them.
 */
export function contactRows(from: number, to: number, accounts: number): TableRows[] {
  const crmentity: Cell[][] = [];
  const details: Cell[][] = [];
  const address: Cell[][] = [];
  const sub: Cell[][] = [];
  const custom: Cell[][] = [];
  const customer: Cell[][] = [];
  const userField: Cell[][] = [];
  for (let i = from; i <= to; i++) {
    const id = contactCrmid(i, accounts);
    const h = scramble(i + 7919);
    const owner = ownerOf(i);
    const first = pick(FIRST_NAMES, h);
    const last = `${pick(LAST_NAMES, h >>> 4)}-${i}`;
    const city = pick(CITIES, h >>> 9);
    crmentity.push(
      crmentityRow(id, owner, "Contacts", "", timeAt(accounts + i), `${first} ${last}`),
    );
    details.push([
      id,
      `CON${i}`,
      accountCrmid(((i - 1) % accounts) + 1),
      pick(SALUTATIONS, h >>> 6),
      first,
      last,
      `contact${i}@example.com`,
      `+33 6 ${String(h % 100_000_000).padStart(8, "0")}`,
      "",
      "",
      "",
      "",
      0,
      "0",
      "0",
      "0",
      "0",
      "0",
      "",
      "",
    ]);
    address.push([id, city, `${i} avenue Foch`, "France", "", "", "", "", "", "", "", "", ""]);
    sub.push([id, "", "", "", "", null, pick(LEAD_SOURCES, h >>> 12)]);
    custom.push([id]);
    customer.push([id, "0", null, null]);
    userField.push([id, owner === BENCH_GROUP_ID ? 1 : owner, "0"]);
  }
  return [
    { table: "vtiger_crmentity", columns: CRMENTITY_COLUMNS, rows: crmentity },
    {
      table: "vtiger_contactdetails",
      columns: CONTACT_DETAIL_COLUMNS,
      rows: details,
    },
    {
      table: "vtiger_contactaddress",
      columns: [
        "contactaddressid",
        "mailingcity",
        "mailingstreet",
        "mailingcountry",
        "othercountry",
        "mailingstate",
        "mailingpobox",
        "othercity",
        "otherstate",
        "mailingzip",
        "otherzip",
        "otherstreet",
        "otherpobox",
      ],
      rows: address,
    },
    {
      table: "vtiger_contactsubdetails",
      columns: [
        "contactsubscriptionid",
        "homephone",
        "otherphone",
        "assistant",
        "assistantphone",
        "birthday",
        "leadsource",
      ],
      rows: sub,
    },
    { table: "vtiger_contactscf", columns: ["contactid"], rows: custom },
    {
      table: "vtiger_customerdetails",
      columns: ["customerid", "portal", "support_start_date", "support_end_date"],
      rows: customer,
    },
    {
      table: "vtiger_crmentity_user_field",
      columns: ["recordid", "userid", "starred"],
      rows: userField,
    },
  ];
}

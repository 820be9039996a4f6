/**
 * A TypeScript port of the oracle's `normalize.py`
 * (`../shared/vtiger/oracle/normalize.py`, the reference; its README says the
 * same rules in words): turns a replay's raw steps (concrete ids, numbers and
 * times) into the golden files' shape, so that a replay compares with a
 * recording. The one departure: rows come in as objects already (the
 * snapshot reads them from MySQL), not as `mysqldump` lines to parse.
 *
 * - ids of records created in the scenario (crmid above the base's
 *   `vtiger_crmentity_seq`) become `<id:KIND>` (`<id:KIND#2>` for the second
 *   of a kind), in the id columns of {@linkcode ID_COLUMNS} (or guessed for
 *   other tables), in `vtiger_relatedlists_rb.related_crm_ids` and in
 *   ModTracker detail values of reference fields; webservice ids
 *   `PREFIXxID` become `PREFIXx<id:KIND>` in requests and answers;
 * - ModTracker ids become `<seq:modtracker N>` relative to the step's
 *   `vtiger_modtracker_basic_seq`;
 * - record numbers issued in the scenario become `<num:PREFIX+k>` relative to
 *   the step's `cur_id`;
 * - every `YYYY-MM-DD HH:MM:SS` that is the clock time of one of the
 *   scenario's calls (to the second, in some UTC offset) becomes `<time>`,
 *   with a `timestamps` entry (where, offset, which step's call);
 * - rows of each table side are sorted by the JSON text of their values.
 *
 * @module
 */

import type { Diff, Row } from "./snapshot.ts";

/** A `vtiger_modentity_num` row. */
export interface NumberingRow {
  /** Module. */
  readonly semodule: string;
  /** Prefix (`ACC`). */
  readonly prefix: string;
  /** Next number. */
  readonly cur_id: string | number;
  /** Whether numbering is active. */
  readonly active?: string | number;
}

/** Counters before a step. */
export interface RawMeta {
  /** `vtiger_crmentity_seq.id`. */
  readonly crmentity_seq: number;
  /** `vtiger_modtracker_basic_seq.id`. */
  readonly modtracker_basic_seq: number;
  /** Every `vtiger_modentity_num` row. */
  readonly modentity_num: readonly NumberingRow[];
}

/** One step as a replay records it. */
export interface RawStep {
  /** The step's name. */
  readonly name: string;
  /** create, revise, delete, add_related. */
  readonly operation: string;
  /** The request as the golden file has it (optional). */
  readonly params?: unknown;
  /** The answer (optional). */
  readonly answer?: unknown;
  /** ISO UTC time just before the call. */
  readonly utc_before: string;
  /** ISO UTC time just after the call. */
  readonly utc_after: string;
  /** Counters before the step. */
  readonly meta_before: RawMeta;
  /** Rows removed and added, per table. */
  readonly diff: Diff;
}

/** A raw recording of a scenario. */
export interface RawScenario {
  /** Its name. */
  readonly scenario: string;
  /** What it does. */
  readonly description?: string;
  /** Its steps, in order. */
  readonly steps: readonly RawStep[];
}

/** Where a `<time>` was found, its UTC offset and which step's call wrote it. */
export type TimestampEntry = Record<string, string | number>;

/** A normalized step, as in the golden files. */
export interface NormalizedStep {
  /** Name. */
  name: string;
  /** Operation. */
  operation: string;
  /** Normalized request. */
  request: unknown;
  /** Normalized answer. */
  answer: unknown;
  /** Counters the placeholders are relative to. */
  before: {
    crmentity_seq: number;
    modtracker_basic_seq: number;
    modentity_num_cur_id: Record<string, number>;
  };
  /** Rows per table and side. */
  diff: Diff;
  /** Every `<time>`. */
  timestamps: TimestampEntry[];
  /** Rows removed/added per table. */
  tables: Record<string, [number, number]>;
}

/** A normalized scenario, as in the golden files. */
export interface NormalizedScenario {
  /** Name. */
  scenario: string;
  /** What it does. */
  description: string;
  /** The dump it starts from. */
  base_dump: string;
  /** The acting user. */
  user: { user_name: string; ws_id: string };
  /** The install's zone. */
  time_zone: string;
  /** Records created, by placeholder. */
  records: Record<
    string,
    { setype: string; ws_module: string; ws_prefix: string | null; created_in_step: number }
  >;
  /** The steps. */
  steps: NormalizedStep[];
}

/** Id columns per table (`ID_COLUMNS` of normalize.py). */
export const ID_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  vtiger_crmentity: ["crmid"],
  vtiger_crmentity_seq: ["id"],
  vtiger_crmentity_user_field: ["recordid"],
  vtiger_account: ["accountid", "parentid"],
  vtiger_accountbillads: ["accountaddressid"],
  vtiger_accountshipads: ["accountaddressid"],
  vtiger_accountscf: ["accountid"],
  vtiger_contactdetails: ["contactid", "accountid", "reportsto"],
  vtiger_contactaddress: ["contactaddressid"],
  vtiger_contactsubdetails: ["contactsubscriptionid"],
  vtiger_contactscf: ["contactid"],
  vtiger_customerdetails: ["customerid"],
  vtiger_leaddetails: ["leadid"],
  vtiger_leadaddress: ["leadaddressid"],
  vtiger_leadsubdetails: ["leadsubscriptionid"],
  vtiger_leadscf: ["leadid"],
  vtiger_potential: ["potentialid", "related_to", "contact_id", "campaignid"],
  vtiger_potentialscf: ["potentialid"],
  vtiger_troubletickets: ["ticketid", "parent_id", "product_id", "contact_id"],
  vtiger_ticketcf: ["ticketid"],
  vtiger_products: ["productid", "vendor_id"],
  vtiger_productcf: ["productid"],
  vtiger_productcurrencyrel: ["productid"],
  vtiger_producttaxrel: ["productid"],
  vtiger_service: ["serviceid"],
  vtiger_servicecf: ["serviceid"],
  vtiger_quotes: ["quoteid", "potentialid", "contactid", "accountid"],
  vtiger_quotesbillads: ["quotebilladdressid"],
  vtiger_quotesshipads: ["quoteshipaddressid"],
  vtiger_quotescf: ["quoteid"],
  vtiger_invoice: ["invoiceid", "salesorderid", "contactid", "accountid", "potential_id"],
  vtiger_invoicebillads: ["invoicebilladdressid"],
  vtiger_invoiceshipads: ["invoiceshipaddressid"],
  vtiger_invoicecf: ["invoiceid"],
  vtiger_inventoryproductrel: ["id", "productid"],
  vtiger_inventorychargesrel: ["recordid"],
  vtiger_activity: ["activityid", "invitee_parentid"],
  vtiger_activitycf: ["activityid"],
  vtiger_activity_reminder: ["activity_id"],
  vtiger_activity_reminder_popup: ["recordid"],
  vtiger_cntactivityrel: ["contactid", "activityid"],
  vtiger_seactivityrel: ["crmid", "activityid"],
  vtiger_salesmanactivityrel: ["activityid"],
  vtiger_invitees: ["activityid"],
  vtiger_notes: ["notesid"],
  vtiger_notescf: ["notesid"],
  vtiger_senotesrel: ["crmid", "notesid"],
  vtiger_modcomments: ["modcommentsid", "related_to", "parent_comments", "customer"],
  vtiger_modcommentscf: ["modcommentsid"],
  vtiger_emailslookup: ["crmid"],
  vtiger_modtracker_basic: ["crmid"],
  vtiger_modtracker_relations: ["targetid"],
  vtiger_relatedlists_rb: ["entityid"],
  vtiger_crmentityrel: ["crmid", "relcrmid"],
  vtiger_contpotentialrel: ["contactid", "potentialid"],
  vtiger_seproductsrel: ["crmid", "productid"],
  vtiger_seattachmentsrel: ["crmid", "attachmentsid"],
  // Not in normalize.py (no shared recording holds a FAQ): this project's recordings add them
  // (recordings/recipes.py), since the fallback takes no column named `id`.
  vtiger_faq: ["id", "product_id"],
  vtiger_faqcf: ["faqid"],
  vtiger_modentity_num: [],
  vtiger_modtracker_detail: [],
  vtiger_modtracker_basic_seq: [],
  vtiger_ws_userauthtoken: [],
};

const LIST_ID_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  vtiger_relatedlists_rb: ["related_crm_ids"],
};

const MODTRACKER_SEQ_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  vtiger_modtracker_basic: ["id"],
  vtiger_modtracker_detail: ["id"],
  vtiger_modtracker_relations: ["id"],
  vtiger_modtracker_basic_seq: ["id"],
};

/** ModTracker detail fields whose values are record ids. */
export const MODTRACKER_ID_FIELDS: ReadonlySet<string> = new Set([
  "record_id",
  "account_id",
  "contact_id",
  "related_to",
  "parent_id",
  "potential_id",
  "productid",
  "product_id",
  "vendor_id",
  "campaignid",
  "salesorder_id",
  "quote_id",
  "parent_comments",
  "customer",
  "sc_related_to",
  "projectid",
  "projecttaskid",
  "linktoaccountscontacts",
]);

const FALLBACK_ID_NAME = /^(crmid|recordid|entityid|relcrmid|.*id)$/;
const FALLBACK_NOT_IDS: ReadonlySet<string> = new Set([
  "tabid",
  "fieldid",
  "taxid",
  "currencyid",
  "currency_id",
  "userid",
  "smid",
  "smcreatorid",
  "smownerid",
  "smgroupid",
  "num_id",
  "lineitem_id",
  "reminderid",
  "recurringid",
  "region_id",
  "folderid",
  "groupid",
  "roleid",
  "profileid",
  "cvid",
  "blockid",
  "relation_id",
  "linkid",
  "id",
  "workflow_id",
  "task_id",
  "mailid",
  "chargeid",
  "whodid",
  "ownerid",
  "cur_id",
  "start_id",
]);

const KIND: Readonly<Record<string, string>> = {
  Accounts: "account",
  Contacts: "contact",
  Leads: "lead",
  Potentials: "potential",
  HelpDesk: "ticket",
  Products: "product",
  Services: "service",
  Quotes: "quote",
  Invoice: "invoice",
  SalesOrder: "salesorder",
  PurchaseOrder: "purchaseorder",
  Documents: "document",
  ModComments: "comment",
  Vendors: "vendor",
  Campaigns: "campaign",
  PriceBooks: "pricebook",
  Project: "project",
  ProjectTask: "projecttask",
  ProjectMilestone: "projectmilestone",
  Assets: "asset",
  ServiceContracts: "servicecontract",
  Faq: "faq",
  Emails: "email",
};

/** Webservice id prefixes of the entity modules of the F-RevoCRM install. */
export const WS_PREFIX: Readonly<Record<string, string>> = {
  Campaigns: "1",
  Invoice: "2",
  SalesOrder: "3",
  PurchaseOrder: "4",
  Quotes: "5",
  Faq: "6",
  Vendors: "7",
  PriceBooks: "8",
  Calendar: "9",
  Leads: "10",
  Accounts: "11",
  Contacts: "12",
  Potentials: "13",
  Products: "14",
  Documents: "15",
  Emails: "16",
  HelpDesk: "17",
  Events: "18",
  ServiceContracts: "24",
  Services: "25",
  ModComments: "26",
  ProjectMilestone: "27",
  ProjectTask: "28",
  Project: "29",
  SMSNotifier: "30",
  Assets: "31",
  Dailyreports: "35",
};

const WS_ENTITY_PREFIXES: ReadonlySet<string> = new Set(Object.values(WS_PREFIX));

const TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/g;
const WS_ID = /^(\d+)x(\d+)$/;

/** Whole seconds of an ISO instant, as a UTC epoch in seconds. */
function epochSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/** A `YYYY-MM-DD HH:MM:SS` read as if it were UTC, in epoch seconds. */
function wallSeconds(text: string): number {
  return Date.parse(`${text.replace(" ", "T")}Z`) / 1000;
}

/** The sort key of a row: Python's `json.dumps(list(values), ensure_ascii=False)`. */
const rowKey = (row: Row): string =>
  `[${Object.values(row).map((value) => JSON.stringify(value)).join(", ")}]`;

class Normalizer {
  readonly #raw: RawScenario;
  readonly #baseSeq: number;
  readonly #baseCur: Map<string, number>;
  readonly #windows: Array<[number, number]>;
  readonly #ids = new Map<string, string>();
  readonly records: NormalizedScenario["records"] = {};

  constructor(raw: RawScenario) {
    this.#raw = raw;
    const first = raw.steps[0].meta_before;
    this.#baseSeq = first.crmentity_seq;
    this.#baseCur = new Map(first.modentity_num.map((row) => [row.prefix, Number(row.cur_id)]));
    this.#windows = raw.steps.map((step) => [
      epochSeconds(step.utc_before),
      epochSeconds(step.utc_after),
    ]);
    const created = new Map<number, [string, string, number]>();
    raw.steps.forEach((step, index) => {
      const activities = new Map<string, string | null>();
      for (const row of step.diff.vtiger_activity?.added ?? []) {
        activities.set(String(row.activityid), row.activitytype);
      }
      for (const row of step.diff.vtiger_crmentity?.added ?? []) {
        const id = Number(row.crmid);
        if (id <= this.#baseSeq || created.has(id)) continue;
        const setype = String(row.setype);
        let kind = KIND[setype] ?? setype.toLowerCase();
        if (setype === "Calendar") {
          kind = (activities.get(String(row.crmid)) ?? "Task") === "Task" ? "task" : "event";
        }
        created.set(id, [setype, kind, index + 1]);
      }
    });
    const counts = new Map<string, number>();
    for (const id of [...created.keys()].sort((a, b) => a - b)) {
      const [setype, kind, step] = created.get(id)!;
      const count = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, count);
      const placeholder = count === 1 ? `<id:${kind}>` : `<id:${kind}#${count}>`;
      this.#ids.set(String(id), placeholder);
      const wsModule = kind === "event" ? "Events" : setype;
      this.records[placeholder] = {
        setype,
        ws_module: wsModule,
        ws_prefix: WS_PREFIX[wsModule] ?? null,
        created_in_step: step,
      };
    }
  }

  #idValue(value: string | null): string | null {
    return value === null ? null : this.#ids.get(value) ?? value;
  }

  #timesIn(
    text: string,
    step: number,
    found: TimestampEntry[],
    where: TimestampEntry,
  ): string {
    return text.replace(TIME, (match) => {
      const wall = wallSeconds(match);
      if (Number.isNaN(wall)) return match;
      for (const tolerance of [0, 1]) {
        for (let quarter = -14 * 4; quarter <= 14 * 4; quarter++) {
          const utc = wall - quarter * 15 * 60;
          for (let k = step; k >= 1; k--) {
            const [low, high] = this.#windows[k - 1];
            if (low - tolerance <= utc && utc <= high + tolerance) {
              found.push({ ...where, utc_offset_hours: quarter / 4, call_step: k });
              return "<time>";
            }
          }
        }
      }
      return match;
    });
  }

  #numValue(value: string, curBefore: Map<string, number>, used: Set<string>): string {
    for (const [prefix, base] of this.#baseCur) {
      if (!value.startsWith(prefix)) continue;
      const digits = value.slice(prefix.length);
      if (!/^\d+$/.test(digits) || Number(digits) < base) continue;
      const before = curBefore.get(prefix) ?? base;
      used.add(prefix);
      const k = Number(digits) - (before - 1);
      return `<num:${prefix}${k >= 0 ? "+" : ""}${k}>`;
    }
    return value;
  }

  #wsId(value: unknown): unknown {
    if (typeof value !== "string") return value;
    const match = WS_ID.exec(value);
    if (match !== null && WS_ENTITY_PREFIXES.has(match[1]) && this.#ids.has(match[2])) {
      return `${match[1]}x${this.#ids.get(match[2])}`;
    }
    return value;
  }

  #row(table: string, row: Row, modtrackerBefore: number): Row {
    const out: Row = {};
    const idColumns = ID_COLUMNS[table];
    for (const [column, original] of Object.entries(row)) {
      let value = original;
      const isId = idColumns !== undefined
        ? idColumns.includes(column)
        : FALLBACK_ID_NAME.test(column) && !FALLBACK_NOT_IDS.has(column);
      if (isId) {
        value = this.#idValue(value);
      } else if ((LIST_ID_COLUMNS[table] ?? []).includes(column) && value) {
        value = value.split(",").map((id) => this.#ids.get(id) ?? id).join(",");
      } else if ((MODTRACKER_SEQ_COLUMNS[table] ?? []).includes(column) && value !== null) {
        value = `<seq:modtracker ${Number(value) - modtrackerBefore}>`;
      } else if (
        table === "vtiger_modtracker_detail" && (column === "prevalue" || column === "postvalue") &&
        MODTRACKER_ID_FIELDS.has(String(row.fieldname))
      ) {
        value = this.#idValue(value);
      }
      out[column] = value;
    }
    return out;
  }

  #tree(value: unknown, fn: (leaf: unknown, path: string) => unknown, path = ""): unknown {
    if (Array.isArray(value)) return value.map((item, i) => this.#tree(item, fn, `${path}[${i}]`));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map((
          [key, item],
        ) => [key, this.#tree(item, fn, path === "" ? key : `${path}.${key}`)]),
      );
    }
    return fn(value, path);
  }

  step(index: number, raw: RawStep): NormalizedStep {
    const step = index + 1;
    const meta = raw.meta_before;
    const modtrackerBefore = meta.modtracker_basic_seq;
    const curBefore = new Map(meta.modentity_num.map((row) => [row.prefix, Number(row.cur_id)]));
    const used = new Set<string>();
    const timestamps: TimestampEntry[] = [];
    const value = (text: unknown, where: TimestampEntry): unknown => {
      if (typeof text !== "string") return text;
      return this.#timesIn(this.#numValue(text, curBefore, used), step, timestamps, where);
    };
    const diff: Diff = {};
    for (const table of Object.keys(raw.diff).sort()) {
      const sides = { removed: [] as Row[], added: [] as Row[] };
      for (const side of ["removed", "added"] as const) {
        const rows = raw.diff[table][side].map((row) => this.#row(table, row, modtrackerBefore));
        rows.sort((a, b) => compareText(rowKey(a), rowKey(b)));
        sides[side] = rows.map((row, i) =>
          Object.fromEntries(
            Object.entries(row).map(([column, item]) => [
              column,
              value(item, { in: "diff", table, side, row: i, column }) as string | null,
            ]),
          )
        );
      }
      diff[table] = sides;
    }
    const request = this.#tree(
      raw.params ?? {},
      (leaf, path) => value(this.#wsId(leaf), { in: "request", path }),
    );
    const answer = this.#tree(
      raw.answer ?? {},
      (leaf, path) => value(this.#wsId(leaf), { in: "answer", path }),
    );
    const numbering: Record<string, number> = {};
    for (const prefix of [...used].sort()) numbering[prefix] = curBefore.get(prefix)!;
    return {
      name: raw.name,
      operation: raw.operation,
      request,
      answer,
      before: {
        crmentity_seq: meta.crmentity_seq,
        modtracker_basic_seq: modtrackerBefore,
        modentity_num_cur_id: numbering,
      },
      diff,
      timestamps,
      tables: Object.fromEntries(
        Object.entries(diff).map(([table, sides]) => [table, [
          sides.removed.length,
          sides.added.length,
        ]]),
      ),
    };
  }
}

/** Compares two strings by code point, as Python's sort does. */
function compareText(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = a[i].codePointAt(0)! - b[i].codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** Normalizes a raw replay the way `normalize.py` normalizes a raw recording. */
export function normalize(raw: RawScenario): NormalizedScenario {
  const normalizer = new Normalizer(raw);
  return {
    scenario: raw.scenario,
    description: raw.description ?? "",
    base_dump: "frevocrm-8.0.3.sql",
    user: { user_name: "admin", ws_id: "19x1" },
    time_zone: "Asia/Tokyo",
    records: normalizer.records,
    steps: raw.steps.map((step, index) => normalizer.step(index, step)),
  };
}

/**
 * Property-based attacks on the HTTP app, for any adapter: generated hostile
 * strings (prototype names, SQL, encodings, control and astral characters,
 * huge values) in every parameter of both URL styles, in the token, and in
 * every body field of a create and an update. Each answer must be an envelope
 * with a 4xx status and a short message that quotes no token, or a success
 * with the right data; nothing but what a successful write names may change.
 *
 * @module
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import type { HttpApp } from "../../adapters/http/app.ts";
import { cleanFieldValue } from "../../adapters/http/field_value_cleaning.ts";

/** What a run needs: the app, an admin token, and records to aim at. */
export interface HostileTarget {
  /** The app under attack. */
  readonly app: HttpApp;
  /** An administrator's token (so that permissions refuse nothing by themselves). */
  readonly token: string;
  /** The base path of the routes. */
  readonly base: string;
  /** A live record to update, per module. */
  readonly records: Readonly<Record<"Accounts" | "Contacts", string>>;
  /** How many runs each property makes. */
  readonly runs: number;
}

/** Names an attacker tries against code that looks keys up in plain objects. */
export const PROTOTYPE_NAMES: readonly string[] = [
  "constructor",
  "__proto__",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "__defineGetter__",
  "__lookupSetter__",
  "then",
  "length",
];

/** Texts that have broken parsers, SQL and encodings elsewhere. */
const NASTY: readonly string[] = [
  "",
  " ",
  "0",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "0x10",
  "9".repeat(400),
  "' OR 1=1 -- ",
  '"; DROP TABLE vtiger_users; --',
  "%",
  "%%",
  "%25",
  "%00",
  "\u0000",
  "\\",
  "\\/",
  "\\;",
  ";",
  ":",
  "::",
  "a:b:c:d",
  "eq",
  "like:%",
  "accountname:like:%",
  "CE.label",
  "CE.label:like:%",
  "vtiger_crmentity.smownerid",
  "vtiger_users.user_password",
  "accountname DESC, crmid ASC",
  "<script>alert(1)</script>",
  "<<b>script>",
  "../../etc/passwd",
  "\uD800",
  "\uDFFF\uD800",
  "𝒳😀",
  "\u202E",
  "\r\n",
  "2017-02-30",
  "2017-09-04 25:61:61",
  "99999999999999999999",
  "-2147483649",
  "on",
  "__DEFAULT__",
  "Auth",
];

/** A hostile string: a known bad one, a generated one, or several glued together. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES, ...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.array(fc.constantFrom(...PROTOTYPE_NAMES, ...NASTY, ".", ":", ";", ","), {
      minLength: 2,
      maxLength: 5,
    }).map((parts) => parts.join("")),
  },
  { weight: 1, arbitrary: fc.nat({ max: 70_000 }).map((length) => "x".repeat(length)) },
);

/** A value as a failure quotes it: short, whatever its length. */
function shown(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : fc.stringify(value);
  return text.length > 160 ? `${text.slice(0, 160)}… (${text.length} characters)` : text;
}

/** fast-check's report, with the counterexample and the error cut short. */
function shortReport(details: fc.RunDetails<unknown[]>): void {
  if (!details.failed) return;
  const error = details.errorInstance instanceof Error
    ? details.errorInstance.message
    : String(details.errorInstance);
  throw new Error(
    `Property failed after ${details.numRuns} runs (seed ${details.seed}, path ` +
      `${details.counterexamplePath}): ${shown(details.counterexample)}\n${shown(error)}`,
  );
}

/** The longest message an error may carry: values are quoted short. */
const MAX_MESSAGE_LENGTH = 600;

/** Status codes of the protocol's client errors (and 503 when a busy server turns one away). */
const CLIENT_ERRORS = new Set([400, 401, 403, 404, 405, 408, 409, 412, 413, 422, 429]);

/** An answer's envelope, checked: 2xx with success, or a client error with a short safe message. */
export async function checkedAnswer(
  response: Response,
  token: string,
  what: string,
): Promise<{ ok: boolean; result: unknown; status: number }> {
  const text = await response.text();
  assert.ok(response.status < 500, `${what}: HTTP ${response.status} ${shown(text)}`);
  assert.equal(
    response.headers.get("Content-Type"),
    "application/json; charset=utf-8",
    `${what}: ${text.slice(0, 200)}`,
  );
  const body = JSON.parse(text) as {
    success: boolean;
    result?: unknown;
    error?: { code: string; message: string };
  };
  if (body.success) {
    assert.ok(response.status === 200 || response.status === 201, what);
    return { ok: true, result: body.result, status: response.status };
  }
  assert.ok(CLIENT_ERRORS.has(response.status), `${what}: ${response.status} ${shown(text)}`);
  const message = body.error?.message ?? "";
  assert.ok(
    message.length > 0 && message.length <= MAX_MESSAGE_LENGTH,
    `${what}: ${shown(message)}`,
  );
  assert.ok(!message.includes(token), `${what}: the token is quoted in ${shown(message)}`);
  return { ok: false, result: undefined, status: response.status };
}

/** Every live record of both modules as the admin lists them (without the time of the call). */
async function snapshot(target: HostileTarget): Promise<string> {
  const lists: unknown[] = [];
  for (const module of ["Accounts", "Contacts"]) {
    const response = await target.app.request(
      `${target.base}/index.php?module=${module}&length=1000&token=${target.token}`,
    );
    const { result } = await checkedAnswer(response, target.token, `snapshot of ${module}`);
    lists.push(
      (result as Record<string, string>[]).map(({ api_date_now: _, ...rest }) => rest),
    );
  }
  return JSON.stringify(lists);
}

/** The record as the admin reads it, without the time of the call. */
async function readRecord(
  target: HostileTarget,
  module: string,
  id: string,
): Promise<Record<string, string>> {
  const response = await target.app.request(`${target.base}/${module}/${id}/${target.token}`);
  const { result } = await checkedAnswer(response, target.token, `read ${module} ${id}`);
  const { api_date_now: _, ...rest } = result as Record<string, string>;
  return rest;
}

/** Percent-encoded as a client's URL library would: a lone surrogate goes as U+FFFD. */
const enc = (value: string): string => encodeURIComponent(value.toWellFormed());

/** A read or login URL with one hostile value, in one of the protocol's places. */
function readUrls(target: HostileTarget, value: string): Record<string, string> {
  const { base, token } = target;
  const v = enc(value);
  const q = `${base}/index.php?module=Accounts&token=${token}`;
  return {
    "query module": `${base}/index.php?module=${v}&token=${token}`,
    "query token": `${base}/index.php?module=Accounts&token=${v}`,
    "query id": `${q}&id=${v}`,
    "query start": `${q}&start=${v}`,
    "query length": `${q}&length=${v}`,
    "query order": `${q}&order=${v}`,
    "query criteria": `${q}&criteria=${v}`,
    "query criteria on a field": `${q}&criteria=accountname:${v}`,
    "query criteria with an operator": `${q}&criteria=annual_revenue:gte:${v}`,
    "query picklist": `${q}&picklist=${v}`,
    "query picklistdep": `${q}&picklist=rating&picklistdep=${v}`,
    "query unknown parameter": `${q}&${v}=1`,
    "query login": `${base}/index.php?module=Auth&login=${v}&password=x`,
    "query password": `${base}/index.php?module=Auth&login=admin&password=${v}`,
    "query key": `${base}/index.php?module=Auth&key=${v}`,
    "path module": `${base}/${v}/${token}`,
    "path token": `${base}/Accounts/${v}`,
    "path segment": `${base}/Accounts/${v}/${token}`,
    "path start": `${base}/Accounts/start/${v}/${token}`,
    "path length": `${base}/Accounts/length/${v}/${token}`,
    "path order": `${base}/Accounts/order/${v}/${token}`,
    "path criteria": `${base}/Accounts/criteria/${v}/${token}`,
    "path criteria on a column": `${base}/Accounts/criteria/vtiger_account.website:${v}/${token}`,
    "path picklist": `${base}/Accounts/picklist/${v}/${token}`,
    "path picklistdep": `${base}/Accounts/picklist/rating/picklistdep/${v}/${token}`,
    "path login": `${base}/auth/${v}/x`,
    "path password": `${base}/auth/admin/${v}`,
    "path key": `${base}/auth/${v}`,
    "contacts criteria": `${base}/Contacts/criteria/emailoptout:${v}/${token}`,
    "contacts order": `${base}/Contacts/order/${v}/${token}`,
  };
}

/**
 * Registers the attacks as steps of a test: reads and logins never change
 * anything; a create or update with a hostile field name or value is refused
 * and changes nothing, or succeeds and stores exactly the cleaned value.
 */
export async function attackEveryParameter(
  t: Deno.TestContext,
  target: HostileTarget,
): Promise<void> {
  // HOSTILE_SEED=<seed> replays the runs of a failure report.
  const seed = Number(Deno.env.get("HOSTILE_SEED") ?? Number.NaN);
  const settings: fc.Parameters<unknown[]> = {
    numRuns: target.runs,
    endOnFailure: true,
    reporter: shortReport,
    ...(Number.isInteger(seed) ? { seed } : {}),
  };
  const before = await snapshot(target);

  await t.step("reads and logins: a 4xx envelope or data, never a change", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (value) => {
        for (const [what, url] of Object.entries(readUrls(target, value))) {
          for (const method of ["GET", "DELETE"]) {
            if (method === "DELETE" && !what.includes("token") && !what.includes("id")) continue;
            const response = await target.app.request(url, { method });
            await checkedAnswer(response, target.token, `${method} ${what} ${shown(value)}`);
          }
        }
      }),
      settings,
    );
    assert.equal(await snapshot(target), before);
  });

  await t.step("a hostile Bearer token: 401, never a change", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (value) => {
        const header = `Bearer ${value}`;
        let response: Response;
        try {
          response = await target.app.request(`${target.base}/Accounts/3`, {
            headers: { Authorization: header },
          });
        } catch {
          return; // a header the Fetch API itself refuses never reaches a server
        }
        await checkedAnswer(response, target.token, `Bearer ${shown(value)}`);
      }),
      settings,
    );
    assert.equal(await snapshot(target), before);
  });

  const fieldNames = {
    Accounts: Object.keys(await readRecord(target, "Accounts", target.records.Accounts)),
    Contacts: Object.keys(await readRecord(target, "Contacts", target.records.Contacts)),
  };

  await t.step("updates: a hostile value in any field, as form or JSON", async () => {
    const property = fc.asyncProperty(
      fc.constantFrom("Accounts" as const, "Contacts" as const),
      fc.nat(),
      hostileString,
      fc.boolean(),
      async (module, pick, value, asJson) => {
        const id = target.records[module];
        const names = fieldNames[module];
        const field = names[pick % names.length];
        await writeAndCheck(target, module, id, { [field]: value }, asJson);
      },
    );
    await fc.assert(property, settings);
  });

  await t.step("creates and updates: hostile field names", async () => {
    const property = fc.asyncProperty(
      hostileString,
      hostileString,
      fc.boolean(),
      fc.boolean(),
      async (name, value, asJson, create) => {
        const values = { [name]: value };
        if (create) await createAndCheck(target, values, asJson);
        else await writeAndCheck(target, "Accounts", target.records.Accounts, values, asJson);
      },
    );
    await fc.assert(property, settings);
  });
}

function bodyOf(values: Record<string, string>, asJson: boolean): RequestInit {
  return asJson
    ? { headers: { "Content-Type": "application/json" }, body: JSON.stringify(values) }
    : {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(values).toString(),
    };
}

/** Plain text fields of the demo and of Vtiger: what is accepted is stored as sent, cleaned. */
const TEXT_FIELDS = new Set([
  "accountname",
  "bill_street",
  "bill_city",
  "description",
  "lastname",
  "firstname",
  "title",
  "department",
]);

/** The fields an update refreshes on its own. */
const BOOKKEEPING = new Set(["modifiedtime", "modifiedby"]);

/**
 * Updates one record; refused → nothing changed anywhere; accepted → no other
 * record changed, and the record's other fields neither (bookkeeping aside).
 */
async function writeAndCheck(
  target: HostileTarget,
  module: "Accounts" | "Contacts",
  id: string,
  values: Record<string, string>,
  asJson: boolean,
): Promise<void> {
  const before = await snapshot(target);
  const record = await readRecord(target, module, id);
  const what = `PUT ${module} ${id} ${shown(values)}`;
  const response = await target.app.request(`${target.base}/${module}/${id}/${target.token}`, {
    method: "PUT",
    ...bodyOf(values, asJson),
  });
  const answer = await checkedAnswer(response, target.token, what);
  if (!answer.ok) {
    assert.equal(await snapshot(target), before, `${what} was refused but changed data`);
    return;
  }
  assert.equal(answer.result, Number(id), what);
  const after = await readRecord(target, module, id);
  for (const [name, old] of Object.entries(record)) {
    if (Object.hasOwn(values, name) || BOOKKEEPING.has(name)) continue;
    assert.equal(after[name], old, `${what} changed ${name}`);
  }
  for (const [name, value] of Object.entries(values)) {
    // Text is stored exactly as sent, once cleaned; other kinds are normalized (`on` → `1`).
    // A form body carries a lone surrogate as U+FFFD; JSON carries it as an escape.
    const sent = asJson ? value : value.toWellFormed();
    if (TEXT_FIELDS.has(name)) assert.equal(after[name], cleanFieldValue(sent), what);
  }
}

/** Creates an account with extra hostile values; accepted only when they are a real field's. */
async function createAndCheck(
  target: HostileTarget,
  values: Record<string, string>,
  asJson: boolean,
): Promise<void> {
  const before = await snapshot(target);
  const what = `POST Accounts ${shown(values)}`;
  const response = await target.app.request(`${target.base}/Accounts/${target.token}`, {
    method: "POST",
    ...bodyOf({ accountname: "Hostile create", ...values }, asJson),
  });
  const answer = await checkedAnswer(response, target.token, what);
  if (!answer.ok) {
    assert.equal(await snapshot(target), before, `${what} was refused but changed data`);
    return;
  }
  const id = String(answer.result);
  const created = await readRecord(target, "Accounts", id);
  assert.equal(created.record_id, id);
  // Remove it again, so that every run starts from the same data.
  const removed = await target.app.request(`${target.base}/Accounts/${id}/${target.token}`, {
    method: "DELETE",
  });
  await checkedAnswer(removed, target.token, `DELETE ${id}`);
}

/**
 * Every prototype name (or the given ones) in every read parameter of both
 * URL styles and as the value and the name of every field of both modules:
 * `PUT Contacts/ID emailoptout=constructor` and the like.
 */
export async function attackWithPrototypeNames(
  t: Deno.TestContext,
  target: HostileTarget,
  names: readonly string[] = PROTOTYPE_NAMES,
): Promise<void> {
  const before = await snapshot(target);
  await t.step(`${names.length} prototype names in every read parameter`, async () => {
    for (const name of names) {
      for (const [what, url] of Object.entries(readUrls(target, name))) {
        await checkedAnswer(await target.app.request(url), target.token, `${what} ${name}`);
      }
    }
    assert.equal(await snapshot(target), before);
  });
  for (const module of ["Accounts", "Contacts"] as const) {
    await t.step(
      `${names.length} prototype names as ${module}' field values and names`,
      async () => {
        const id = target.records[module];
        const fields = Object.keys(await readRecord(target, module, id));
        for (const name of names) {
          for (const field of fields) {
            for (const asJson of [false, true]) {
              await writeAndCheck(target, module, id, { [field]: name }, asJson);
            }
          }
          await writeAndCheck(target, module, id, { [name]: "x" }, false);
          await writeAndCheck(target, module, id, { [name]: "x" }, true);
        }
      },
    );
  }
}

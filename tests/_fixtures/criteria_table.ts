/**
 * One table of filters, run through the HTTP app on the in-memory demo (in
 * the default suite) and on a real Vtiger database (with the MySQL tests),
 * which must answer the same: the same accounts, or the same refusal.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { HttpApp } from "../../adapters/http/app.ts";

/** The accounts every run creates first, all named `Parity ...`. */
export const PARITY_ACCOUNTS: readonly Readonly<Record<string, string>>[] = [
  {
    accountname: "Parity Alpha",
    employees: "0",
    annual_revenue: "1000.50",
    website: "https://alpha.example/fr",
    rating: "Active",
    emailoptout: "1",
    bill_city: "Paris",
  },
  {
    accountname: "Parity Beta",
    employees: "50",
    annual_revenue: "99.90",
    website: "http://beta.example",
    rating: "Acquired",
    emailoptout: "0",
    bill_city: "paris",
  },
  {
    accountname: "Parity Gamma",
    employees: "9",
    annual_revenue: "250",
    rating: "Shutdown",
    emailoptout: "0",
    bill_city: "Lyon",
    description: "Note: call back",
  },
  {
    accountname: "Parity Delta",
    employees: "120",
    annual_revenue: "5000",
    website: "https://x.example/fr",
    rating: "Active",
    emailoptout: "0",
    bill_city: "Montpellier",
  },
  // Every other field left empty: stored as Vtiger's save stores it (numbers and checkboxes 0).
  { accountname: "Parity Epsilon" },
];

/** A filter and what it must answer: account names (in creation order) or an error code. */
export type CriteriaCase = readonly [criteria: string, expected: readonly string[] | string];

/**
 * The table. Each criteria is ANDed with `accountname:like:Parity%`, so only
 * the accounts above count, whatever else the database holds.
 */
export const CRITERIA_TABLE: readonly CriteriaCase[] = [
  ["employees:GT:10", ["Parity Beta", "Parity Delta"]],
  ["employees:gt:9", ["Parity Beta", "Parity Delta"]],
  ["employees:gte:9", ["Parity Beta", "Parity Gamma", "Parity Delta"]],
  ["employees:9", ["Parity Gamma"]],
  ["employees:0", ["Parity Alpha", "Parity Epsilon"]],
  ["employees:neq:0", ["Parity Beta", "Parity Gamma", "Parity Delta"]],
  ["employees:Lt:+10", ["Parity Alpha", "Parity Gamma", "Parity Epsilon"]],
  ["employees:like:5%", ["Parity Beta"]],
  ["annual_revenue:lt:1000", ["Parity Beta", "Parity Gamma", "Parity Epsilon"]],
  ["annual_revenue:gte:1000.5", ["Parity Alpha", "Parity Delta"]],
  ["accountname:LIKE:parity a%", ["Parity Alpha"]],
  ["website:https://x.example/fr", ["Parity Delta"]],
  ["vtiger_account.website:https:\\/\\/x.example\\/fr", ["Parity Delta"]],
  ["website:", ["Parity Gamma", "Parity Epsilon"]],
  ["website:neq:", ["Parity Alpha", "Parity Beta", "Parity Delta"]],
  ["bill_city:paris", ["Parity Alpha", "Parity Beta"]],
  ["emailoptout:1", ["Parity Alpha"]],
  ["emailoptout:off", ["Parity Beta", "Parity Gamma", "Parity Delta", "Parity Epsilon"]],
  ["rating:active", ["Parity Alpha", "Parity Delta"]],
  ["rating:neq:Active", ["Parity Beta", "Parity Gamma", "Parity Epsilon"]],
  ["rating:like:Hot", []],
  ["description:eq:Note: call back", ["Parity Gamma"]],
  ["CE.crmid:gt:0", [
    "Parity Alpha",
    "Parity Beta",
    "Parity Gamma",
    "Parity Delta",
    "Parity Epsilon",
  ]],
  ["rating:Hot", "INVALID_PARAMETER"],
  ["employees:abc", "INVALID_PARAMETER"],
  ["employees:GTX:5", "INVALID_PARAMETER"],
  ["employees:lt:", "INVALID_PARAMETER"],
  ["CE.createdtime:gte:yesterday", "INVALID_PARAMETER"],
  ["emailoptout:maybe", "INVALID_PARAMETER"],
  ["description:Note: call back", "INVALID_PARAMETER"],
  ["nosuch:1", "INVALID_PARAMETER"],
];

/** What one filter answered: account names in creation order, or the error code. */
export type CriteriaAnswer = readonly string[] | string;

interface Envelope {
  readonly success: boolean;
  readonly result?: readonly Record<string, string>[];
  readonly error?: { readonly code: string };
}

/** Creates {@linkcode PARITY_ACCOUNTS} through the app (JSON bodies). */
export async function createParityAccounts(
  app: HttpApp,
  basePath: string,
  token: string,
): Promise<void> {
  for (const account of PARITY_ACCOUNTS) {
    const response = await app.request(`${basePath}/Accounts/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(account),
    });
    assert.equal(response.status, 201, await response.text());
  }
}

/** Runs every filter of the table through the app, query style, and returns the answers. */
export async function runCriteriaTable(
  app: HttpApp,
  basePath: string,
  token: string,
): Promise<CriteriaAnswer[]> {
  const answers: CriteriaAnswer[] = [];
  for (const [criteria] of CRITERIA_TABLE) {
    const query = new URLSearchParams({
      module: "Accounts",
      criteria: `${criteria};accountname:like:Parity%`,
      token,
    });
    const response = await app.request(`${basePath}/index.php?${query}`);
    const body = await response.json() as Envelope;
    answers.push(
      body.success
        ? (body.result ?? []).map((record) => record.accountname)
        : body.error?.code ?? "?",
    );
  }
  return answers;
}

/** Checks every answer against the table, naming the filter that differs. */
export function assertTableAnswers(answers: readonly CriteriaAnswer[], where: string): void {
  for (const [index, [criteria, expected]] of CRITERIA_TABLE.entries()) {
    assert.deepEqual(answers[index], expected, `${where}: ${criteria}`);
  }
}

/**
 * What the baseline server replays for each call: the statements vtrest's own
 * adapter ran for one such call (recorded by `capture.ts`), with the values
 * that vary per request turned into references.
 *
 * @module
 */

/** A value that varies per request. */
export type Reference =
  /** The value the request gives (`?p=`): a record id, an e-mail address. */
  | "input"
  /** The crmid a create takes from `vtiger_crmentity_seq`. */
  | "crmid"
  /** The history id a write takes from `vtiger_modtracker_basic_seq`. */
  | "historyId"
  /** A fresh random 64-hex value (a new token's hash). */
  | "random"
  /**
   * A name no other request has, the same wherever the request binds it (an
   * Account's name, which is also its label and its history's new value):
   * Accounts refuse a duplicate name, and a name every request repeats lets
   * the duplicate check stop at the first earlier copy instead of reading
   * every Account as vtrest's does.
   */
  | "unique";

/** One bound value: recorded as is, or a reference. */
export type PlanParameter = { readonly value: unknown } | { readonly ref: Reference };

/** One statement to replay. */
export interface PlanStatement {
  /** The SQL text, with `?` placeholders. */
  readonly sql: string;
  /** Its bound values. */
  readonly parameters: readonly PlanParameter[];
  /** The reference this statement's `LAST_INSERT_ID(...)` defines, if any. */
  readonly defines?: "crmid" | "historyId";
}

/** What the baseline answers with. */
export type PlanAnswer = "first row" | "rows" | "crmid" | "true";

/** Everything one call runs. */
export interface ReplayPlan {
  /** Statements in order. */
  readonly statements: readonly PlanStatement[];
  /** Whether they run inside one transaction (writes). */
  readonly transaction: boolean;
  /** The answer, built from the last SELECT's rows or the crmid. */
  readonly answer: PlanAnswer;
}

/** The plans by call name, as the orchestrator hands them to the baseline server. */
export type ReplayPlans = Readonly<Record<string, ReplayPlan>>;

/** Statements that open or close a transaction: the baseline issues its own. */
const TRANSACTION_CONTROL = /^\s*(start transaction|begin|commit|rollback)\b/i;

/** Whether the statement is transaction control. */
export function isTransactionControl(sql: string): boolean {
  return TRANSACTION_CONTROL.test(sql);
}

/** The sequence a `UPDATE <seq> SET id = LAST_INSERT_ID(id + 1)` statement advances, if it is one. */
export function advancedSequence(sql: string): "crmid" | "historyId" | undefined {
  if (!/LAST_INSERT_ID\s*\(/i.test(sql) || !/^\s*update\b/i.test(sql)) return undefined;
  if (/vtiger_crmentity_seq/.test(sql)) return "crmid";
  if (/vtiger_modtracker_basic_seq/.test(sql)) return "historyId";
  return undefined;
}

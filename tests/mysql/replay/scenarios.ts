/**
 * Which oracle scenarios the replay test runs, and how: the one visible list
 * of what is replayed through vtrest, what is still pending, and on which
 * dumps.
 *
 * To switch a scenario on (or a pending step of it), edit its one line here.
 *
 * @module
 */

import type { StepMode } from "./replay.ts";

/** How the replay test treats one scenario. */
export interface ReplayPlan {
  /** The scenario's file name in `../shared/vtiger/oracle/` (without `.json`). */
  readonly scenario: string;
  /**
   * Steps made by applying the recorded rows instead of calling vtrest (its
   * module is not written here yet), with why; every other step calls vtrest.
   */
  readonly fixtureSteps?: Readonly<Record<number, string>>;
  /** Set while the scenario cannot run at all yet: why. */
  readonly pending?: string;
  /** Whether it also runs on the stock 7.1.0 and 7.3.0 dumps (only steps vtrest makes). */
  readonly stock?: boolean;
}

/** Every oracle scenario. */
export const REPLAY_PLANS: readonly ReplayPlan[] = [
  {
    scenario: "accounts_create_update_delete",
    stock: true,
    pending: "issue 9 in progress (fidelity)",
  },
  { scenario: "contact_linked", stock: true, pending: "issue 9 in progress (fidelity)" },
  { scenario: "leads", stock: true, pending: "issue 9 in progress (fidelity)" },
  { scenario: "duplicate", stock: true, pending: "issue 9 in progress (fidelity)" },
  {
    scenario: "account_delete_cascade",
    pending: "issue 9 in progress (fidelity)",
    fixtureSteps: {
      5: "Products' tax and currency rows are issue 10 (modules)",
      6: "Quotes with line items are issue 10 (modules)",
    },
  },
  {
    scenario: "calendar_task_event",
    pending: "the header copy, ModTracker's create details and vtiger_emailslookup: issue 9 " +
      "(fidelity); the activity rows (durations, links, salesman, popup, reminder, the related " +
      "records' modified time) already match, apart from the intended differences",
  },
  { scenario: "inventory", pending: "inventory with LineItems: issue 10 (modules)" },
  {
    scenario: "products_services",
    pending: "the header copy and ModTracker's create details: issue 9 (fidelity); the tax and " +
      "price rows already match, apart from the intended difference",
  },
  { scenario: "documents", pending: "Documents and add_related: issue 10 (modules)" },
  {
    scenario: "modcomments",
    pending: "the header copy, ModTracker's create details and a NULL description for modules " +
      "without one: issue 9 (fidelity); the parent's LINK entry and modified time already match",
  },
];

/** The mode of a step of a plan. */
export function stepMode(plan: ReplayPlan, step: number): StepMode {
  return plan.fixtureSteps !== undefined && Object.hasOwn(plan.fixtureSteps, step)
    ? "fixture"
    : "vtrest";
}

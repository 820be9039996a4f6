/**
 * Which oracle scenarios the replay test runs, and how: the one visible list
 * of what is replayed through vtrest, what is still pending, and on which
 * dumps.
 *
 * To switch a scenario on (or a pending step of it), edit its one line here.
 *
 * @module
 */

import type { VtigerVersion } from "../vtiger_test_database.ts";
import type { StepMode } from "./replay.ts";

/** How the replay test treats one scenario. */
export interface ReplayPlan {
  /**
   * The scenario's file name (without `.json`) in `recordings/` (this
   * project's) or `../shared/vtiger/oracle/`.
   */
  readonly scenario: string;
  /**
   * Steps made by applying the recorded rows instead of calling vtrest (its
   * module is not written here yet), with why; every other step calls vtrest.
   */
  readonly fixtureSteps?: Readonly<Record<number, string>>;
  /** Set while the scenario cannot run at all yet: why. */
  readonly pending?: string;
  /**
   * The stock dumps it also runs on (all its steps through vtrest), checking
   * the rows those installs have (`stock.ts`).
   */
  readonly stock?: readonly VtigerVersion[];
}

/** Every oracle scenario. */
export const REPLAY_PLANS: readonly ReplayPlan[] = [
  {
    scenario: "accounts_create_update_delete",
    // 7.1.0's tables are latin1: Tōkyō, Łukasiewicz, € do not fit there.
    stock: ["7.3.0"],
  },
  { scenario: "contact_linked", stock: ["7.3.0"] },
  { scenario: "leads", stock: ["7.3.0"] },
  { scenario: "duplicate", stock: ["7.1.0", "7.3.0"] },
  { scenario: "account_delete_cascade" },
  { scenario: "calendar_task_event" },
  { scenario: "inventory" },
  { scenario: "products_services" },
  { scenario: "documents" },
  { scenario: "modcomments" },
  // Recorded by this project (tests/mysql/replay/recordings/):
  { scenario: "labels", stock: ["7.3.0"] },
  // Not on the stock dumps: their lines carry the install's taxes (tax1..tax3 there, tax4 on
  // the fork's), which stock.ts does not map.
  { scenario: "purchase_order_stock" },
  { scenario: "product_bundle" },
];

/** The mode of a step of a plan. */
export function stepMode(plan: ReplayPlan, step: number): StepMode {
  return plan.fixtureSteps !== undefined && Object.hasOwn(plan.fixtureSteps, step)
    ? "fixture"
    : "vtrest";
}

/**
 * The plans to run: all, or those `REPLAY_ONLY` names (a comma list of
 * scenarios, to replay a few while working on them).
 */
export function selectedPlans(): readonly ReplayPlan[] {
  const only = Deno.env.get("REPLAY_ONLY")?.split(",").map((name) => name.trim());
  return only === undefined
    ? REPLAY_PLANS
    : REPLAY_PLANS.filter((plan) => only.includes(plan.scenario));
}

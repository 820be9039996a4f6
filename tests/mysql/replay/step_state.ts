/**
 * State an intended difference carries from one step of a scenario to the
 * next (a row one step changes differently is seen again by later steps).
 * `intendedScenario` adjusts the steps in order, each with a fresh scenario
 * object, so the state is kept by scenario name and started afresh whenever
 * a step comes that is not after the last one seen.
 *
 * @module
 */

import type { NormalizedScenario, NormalizedStep } from "./normalize.ts";

/** Per-scenario state of one intended difference. */
export class StepState<T> {
  readonly #entries = new Map<string, { index: number; state: T }>();
  readonly #create: () => T;

  /** `create` makes the state of a scenario's start. */
  constructor(create: () => T) {
    this.#create = create;
  }

  /** The state for `step` of `scenario`, fresh when the scenario starts over. */
  of(step: NormalizedStep, scenario: NormalizedScenario): T {
    const index = scenario.steps.findIndex((candidate) => candidate.name === step.name);
    const entry = this.#entries.get(scenario.scenario);
    if (entry === undefined || index <= entry.index) {
      const fresh = { index, state: this.#create() };
      this.#entries.set(scenario.scenario, fresh);
      return fresh.state;
    }
    entry.index = index;
    return entry.state;
  }
}

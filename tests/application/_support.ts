/**
 * The use cases on a fresh in-memory demo, with a clock the test controls.
 *
 * @module
 */

import {
  createUseCases,
  type UseCases,
  type UseCaseSettings,
} from "../../application/use_cases.ts";
import { createDemoPorts, type DemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import type { RecordView } from "../../domain/record.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { README_TIME } from "../_fixtures/readme.ts";

export { rejectsDomainError } from "../domain/_assert_error.ts";
/** The one FixedClock (tests/_fixtures/fixed_clock.ts), for tests that still import it from here. */
export { FixedClock } from "../_fixtures/fixed_clock.ts";

/** A fresh demo and what tests drive it with. */
export interface Demo {
  /** The demo's clock, at the README's time unless told otherwise. */
  readonly clock: FixedClock;
  /** The in-memory ports, to look at what was stored. */
  readonly ports: DemoPorts;
  /** The use cases on them. */
  readonly useCases: UseCases;
  /** Logs in with a demo user's password (equal to the user name). */
  login(userName: string, password?: string): Promise<string>;
}

/** A fresh demo: ports, use cases, the clock, and login shorthands. */
export function demo(options: { at?: string; settings?: UseCaseSettings } = {}): Demo {
  const clock = new FixedClock(options.at ?? README_TIME);
  const ports = createDemoPorts({ clock });
  const useCases = createUseCases(ports, options.settings);
  const login = (userName: string, password = userName): Promise<string> =>
    useCases.loginWithPassword.execute({ userName, password });
  return { clock, ports, useCases, login };
}

/** A record or list, without keys the caller may not see. */
export function without<T extends RecordView | RecordView[]>(value: T, ...keys: string[]): T {
  const strip = (record: RecordView): RecordView =>
    Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
  return (Array.isArray(value) ? value.map(strip) : strip(value as RecordView)) as T;
}

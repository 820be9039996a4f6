/**
 * The use cases on a fresh in-memory demo, with a clock the test controls.
 *
 * @module
 */

import { createUseCases, type UseCaseSettings } from "../../application/use_cases.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import type { Clock } from "../../domain/ports.ts";
import type { RecordView } from "../../domain/record.ts";

export { rejectsDomainError } from "../domain/_assert_error.ts";

/** A clock that stands still until moved. */
export class FixedClock implements Clock {
  #time: number;

  /** Starts at the given instant. */
  constructor(iso: string) {
    this.#time = Date.parse(iso);
  }

  /** The current instant (a fresh Date each time). */
  now(): Date {
    return new Date(this.#time);
  }

  /** Moves to an instant. */
  set(iso: string): void {
    this.#time = Date.parse(iso);
  }

  /** Moves forward by some seconds. */
  advance(seconds: number): void {
    this.#time += seconds * 1000;
  }
}

/** When the README's first list was taken. */
export const README_TIME = "2017-09-04T09:29:22Z";

/** A fresh demo: ports, use cases, the clock, and login shorthands. */
export function demo(options: { at?: string; settings?: UseCaseSettings } = {}) {
  const clock = new FixedClock(options.at ?? README_TIME);
  const ports = createDemoPorts({ clock });
  const useCases = createUseCases(ports, options.settings);
  /** Logs in with a demo user's password (equal to the user name). */
  const login = (userName: string, password = userName): Promise<string> =>
    useCases.loginWithPassword.execute({ userName, password });
  return { clock, ports, useCases, login };
}

/** The `result` of one of the README's response bodies. */
export function readmeResult<T = unknown>(body: string): T {
  const parsed = JSON.parse(body) as { success: boolean; result: T };
  if (parsed.success !== true) throw new Error("not a success body");
  return parsed.result;
}

/** A record or list, without keys the caller may not see. */
export function without<T extends RecordView | RecordView[]>(value: T, ...keys: string[]): T {
  const strip = (record: RecordView): RecordView =>
    Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
  return (Array.isArray(value) ? value.map(strip) : strip(value as RecordView)) as T;
}

/** The README's create: `accountname=MediaToolBox&email1=...&phone=+33656896325&...`. */
export const README_CREATE = {
  accountname: "MediaToolBox",
  email1: "contact@mediatoolbox.fr",
  phone: "+33656896325",
  bill_street: "100 street beta test\r\nBat. B",
  bill_code: "34000",
  bill_city: "Montpellier",
  bill_country: "France",
} as const;

/** The README's update of record 25. */
export const README_UPDATE = {
  accountname: "MediaToolBox2",
  email1: "info@mediatoolbox.fr",
} as const;

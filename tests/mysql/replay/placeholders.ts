/**
 * Turning the golden files' placeholders back into concrete values: record
 * ids (`<id:account>`), webservice ids (`11x<id:account>`, `19x1`), ModTracker
 * ids, record numbers and times, for the ids and counters of a replay.
 *
 * @module
 */

import { formatDateTime } from "../../../domain/time_zone.ts";
import { WS_PREFIX } from "./normalize.ts";

/**
 * Webservice prefixes of what is not a record: users and groups, currencies
 * and document folders (their ids stay as they are).
 */
const WS_OWNER_PREFIXES: ReadonlySet<string> = new Set(["19", "20", "21", "22"]);
const WS_RECORD_PREFIXES: ReadonlySet<string> = new Set(Object.values(WS_PREFIX));

/** The concrete ids of a replay's records, by placeholder. */
export type RecordIds = Map<string, number>;

/** A record id placeholder's concrete id, or an error naming it. */
export function idOf(ids: RecordIds, placeholder: string): number {
  const id = ids.get(placeholder);
  if (id === undefined) throw new Error(`No record was created for ${placeholder} yet`);
  return id;
}

/** Every `<id:...>` in a text replaced by its concrete id. */
export function withIds(text: string, ids: RecordIds): string {
  return text.replace(/<id:[^>]+>/g, (placeholder) => String(idOf(ids, placeholder)));
}

/**
 * A webservice value as vtrest takes it: `11x<id:account>` → the account's
 * id, `19x1` (a user) → `1`; anything else unchanged (placeholders of ids
 * replaced).
 */
export function plainValue(value: unknown, ids: RecordIds): string {
  const text = typeof value === "string" ? value : String(value);
  const match = /^(\d+)x(.+)$/.exec(text);
  if (match !== null && (WS_RECORD_PREFIXES.has(match[1]) || WS_OWNER_PREFIXES.has(match[1]))) {
    return withIds(match[2], ids);
  }
  return text;
}

/** The counters a step's placeholders are relative to. */
export interface StepCounters {
  /** `vtiger_modtracker_basic_seq` before the step. */
  readonly modtrackerBefore: number;
  /** `cur_id` of each numbering prefix before the step. */
  readonly numbersBefore: ReadonlyMap<string, number>;
}

/**
 * A golden value with its id, ModTracker and number placeholders made
 * concrete (`<time>` is left to {@linkcode concreteTime}).
 */
export function concreteValue(value: string, ids: RecordIds, counters: StepCounters): string {
  return withIds(value, ids)
    .replace(
      /<seq:modtracker (-?\d+)>/g,
      (_, n: string) => String(counters.modtrackerBefore + Number(n)),
    )
    .replace(/<num:([^+<>-]+)([+-]\d+)>/g, (_, prefix: string, k: string) => {
      const before = counters.numbersBefore.get(prefix);
      if (before === undefined) throw new Error(`No numbering prefix ${prefix}`);
      return `${prefix}${before - 1 + Number(k)}`;
    });
}

/** The wall-clock time a `<time>` stands for: the writing step's instant at that UTC offset. */
export function concreteTime(instant: Date, offsetHours: number): string {
  return formatDateTime(new Date(instant.getTime() + offsetHours * 3_600_000));
}

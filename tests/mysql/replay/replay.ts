/**
 * The replay engine: runs a golden scenario's steps on a loaded database,
 * through vtrest's HTTP app (`app.request()`, acting as the admin) or, for a
 * step whose module vtrest does not write yet, by applying the recorded rows
 * themselves (a fixture step), and records what each step changed the way
 * the oracle recorder did: counters before, a snapshot around the call, the
 * call's time. Steps run on a clock that moves two seconds per step, so that
 * every step is in a second of its own, as the recorder made sure.
 *
 * @module
 */

import type { HttpApp } from "../../../adapters/http/app.ts";
import type { Clock } from "../../../domain/ports.ts";
import type { NormalizedScenario, NormalizedStep, RawScenario, RawStep } from "./normalize.ts";
import {
  concreteTime,
  concreteValue,
  plainValue,
  type RecordIds,
  type StepCounters,
} from "./placeholders.ts";
import {
  diffSnapshots,
  type Row,
  type Snapshot,
  type SnapshotConnection,
  takeSnapshot,
} from "./snapshot.ts";

/** A clock the replay moves: each step happens at an instant of its own. */
export class ReplayClock implements Clock {
  #time: number;
  /** The zone times are written in. */
  readonly timeZone: string;

  /** Starts at the next whole second of the real time. */
  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.#time = (Math.floor(Date.now() / 1000) + 1) * 1000;
  }

  /** The current instant. */
  now(): Date {
    return new Date(this.#time);
  }

  /** Moves two seconds on and returns the new instant. */
  nextStep(): Date {
    this.#time += 2000;
    return this.now();
  }
}

/** What a replay drives and reads. */
export interface ReplayTarget {
  /** vtrest's HTTP app on the database. */
  readonly app: HttpApp;
  /** The base path of the app's routes. */
  readonly basePath: string;
  /** The admin's token. */
  readonly token: string;
  /** The clock vtrest runs on. */
  readonly clock: ReplayClock;
  /** A text connection on the database, for snapshots and fixture steps. */
  readonly connection: SnapshotConnection;
  /** Rewrites the values sent for a module (to fit an install other than the recorded one). */
  readonly adaptValues?: (
    module: string,
    values: Record<string, unknown>,
  ) => Record<string, unknown>;
}

/** How one step is made. */
export type StepMode = "vtrest" | "fixture";

/** The outcome of one step through vtrest. */
export interface StepAnswer {
  /** The HTTP status. */
  readonly status: number;
  /** The envelope. */
  readonly body: { success: boolean; result?: unknown; error?: { code: string; message: string } };
}

/** A replayed scenario: the raw recording and vtrest's answers (`undefined` for fixture steps). */
export interface Replayed {
  /** Raw steps, ready for `normalize`. */
  readonly raw: RawScenario;
  /** vtrest's answer per step. */
  readonly answers: ReadonlyArray<StepAnswer | undefined>;
}

async function readCounters(connection: SnapshotConnection): Promise<RawStep["meta_before"]> {
  const scalar = async (text: string): Promise<number> => {
    const { rows } = await connection.query(text);
    return Number(rows[0]?.[0] ?? 0);
  };
  const { rows, fields } = await connection.query("SELECT * FROM vtiger_modentity_num");
  const numbering = rows.map((row) => Object.fromEntries(fields.map((f, i) => [f, row[i]])));
  const hasHistorySequence = (await connection.query(
    `SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()
     AND TABLE_NAME = 'vtiger_modtracker_basic_seq'`,
  )).rows.length > 0;
  return {
    crmentity_seq: await scalar("SELECT id FROM vtiger_crmentity_seq"),
    modtracker_basic_seq: hasHistorySequence
      ? await scalar("SELECT COALESCE(MAX(id), 0) FROM vtiger_modtracker_basic_seq")
      : await scalar("SELECT COALESCE(MAX(id), 0) FROM vtiger_modtracker_basic"),
    modentity_num: numbering as unknown as RawStep["meta_before"]["modentity_num"],
  };
}

function countersOf(meta: RawStep["meta_before"]): StepCounters {
  return {
    modtrackerBefore: meta.modtracker_basic_seq,
    numbersBefore: new Map(meta.modentity_num.map((row) => [row.prefix, Number(row.cur_id)])),
  };
}

/** The module a golden webservice id (`11x<id:account>`) names, from the golden records. */
function moduleOf(golden: NormalizedScenario, wsId: string): string {
  const placeholder = wsId.replace(/^\d+x/, "");
  const record = golden.records[placeholder];
  if (record === undefined) throw new Error(`Unknown record ${wsId}`);
  return record.ws_module;
}

/**
 * A webservice element value as vtrest's protocol takes it, where the two
 * differ in unit: an event's `reminder_time` is seconds to Vtiger's
 * webservice and minutes to vtrest (what the record reads back, and what
 * Vtiger stores).
 */
function protocolValue(name: string, value: string): string {
  if (name === "reminder_time" && /^\d+$/.test(value)) {
    return String(Math.floor(Number(value) / 60));
  }
  return value;
}

async function callVtrest(
  target: ReplayTarget,
  golden: NormalizedScenario,
  step: NormalizedStep,
  ids: RecordIds,
): Promise<StepAnswer> {
  const request = step.request as Record<string, unknown>;
  const headers = {
    Authorization: `Bearer ${target.token}`,
    "Content-Type": "application/json",
  };
  let response: Response;
  if (step.operation === "create" || step.operation === "revise") {
    const element = { ...(request.element as Record<string, unknown>) };
    const values: Record<string, unknown> = {};
    let path: string;
    let method: string;
    if (step.operation === "create") {
      path = `${target.basePath}/${request.elementType}`;
      method = "POST";
    } else {
      const wsId = String(element.id);
      delete element.id;
      path = `${target.basePath}/${moduleOf(golden, wsId)}/${plainValue(wsId, ids)}`;
      method = "PUT";
    }
    for (const [name, value] of Object.entries(element)) {
      values[name] = Array.isArray(value)
        ? value.map((line: Record<string, unknown>) =>
          Object.fromEntries(
            Object.entries(line).map(([key, item]) => [key, plainValue(item, ids)]),
          )
        )
        : protocolValue(name, plainValue(value, ids));
    }
    const module = path.slice(target.basePath.length + 1).split("/")[0];
    const sent = target.adaptValues?.(module, values) ?? values;
    response = await target.app.request(path, { method, headers, body: JSON.stringify(sent) });
  } else if (step.operation === "delete") {
    const wsId = String(request.id);
    const path = `${target.basePath}/${moduleOf(golden, wsId)}/${plainValue(wsId, ids)}`;
    response = await target.app.request(path, { method: "DELETE", headers });
  } else if (step.operation === "add_related") {
    // vtrest links through the record's related list of the other module (issue 12's route).
    const source = String(request.sourceRecordId);
    const related = String(request.relatedRecordId);
    const path = `${target.basePath}/${moduleOf(golden, source)}/${plainValue(source, ids)}` +
      `/related/${moduleOf(golden, related)}`;
    response = await target.app.request(path, {
      method: "PUT",
      headers,
      body: JSON.stringify({ ids: plainValue(related, ids) }),
    });
  } else {
    throw new Error(`vtrest has no call for the webservice operation ${step.operation}`);
  }
  return { status: response.status, body: await response.json() };
}

/** The instants each `<time>` of a golden row stands for, by table/side/row/column. */
function timeIndex(step: NormalizedStep): Map<string, Array<[number, number]>> {
  const index = new Map<string, Array<[number, number]>>();
  for (const entry of step.timestamps) {
    if (entry.in !== "diff") continue;
    const key = `${entry.table}\u0000${entry.side}\u0000${entry.row}\u0000${entry.column}`;
    index.set(key, [
      ...(index.get(key) ?? []),
      [Number(entry.utc_offset_hours), Number(entry.call_step)],
    ]);
  }
  return index;
}

const quoteId = (name: string): string => `\`${name.replaceAll("`", "``")}\``;

/**
 * Applies a golden step's rows to the database (a fixture step): removed rows
 * deleted (matched on every column), added rows inserted, every placeholder
 * made concrete for this replay's ids, counters and step instants.
 */
async function applyGoldenStep(
  connection: SnapshotConnection,
  step: NormalizedStep,
  ids: RecordIds,
  counters: StepCounters,
  instants: readonly Date[],
): Promise<void> {
  const times = timeIndex(step);
  const concreteRow = (table: string, side: string, index: number, row: Row): Row => {
    const out: Row = {};
    for (const [column, value] of Object.entries(row)) {
      if (value === null) {
        out[column] = null;
        continue;
      }
      let text = concreteValue(value, ids, counters);
      for (
        const [offset, callStep]
          of times.get(`${table}\u0000${side}\u0000${index}\u0000${column}`) ?? []
      ) {
        text = text.replace("<time>", concreteTime(instants[callStep - 1], offset));
      }
      out[column] = text;
    }
    return out;
  };
  await connection.query("SET FOREIGN_KEY_CHECKS = 0");
  try {
    for (const [table, sides] of Object.entries(step.diff)) {
      for (const [index, golden] of sides.removed.entries()) {
        const row = concreteRow(table, "removed", index, golden);
        const columns = Object.keys(row);
        await connection.query(
          `DELETE FROM ${quoteId(table)} WHERE ${
            columns.map((column) => `${quoteId(column)} <=> ?`).join(" AND ")
          } LIMIT 1`,
          Object.values(row),
        );
      }
    }
    for (const [table, sides] of Object.entries(step.diff)) {
      for (const [index, golden] of sides.added.entries()) {
        const row = concreteRow(table, "added", index, golden);
        const columns = Object.keys(row);
        await connection.query(
          `INSERT INTO ${quoteId(table)} (${columns.map(quoteId).join(", ")}) VALUES (${
            columns.map(() => "?").join(", ")
          })`,
          Object.values(row),
        );
      }
    }
  } finally {
    await connection.query("SET FOREIGN_KEY_CHECKS = 1");
  }
}

/** Gives the records a step created their placeholders, in crmid order, as normalize.py does. */
function learnIds(
  golden: NormalizedScenario,
  stepNumber: number,
  diff: RawStep["diff"],
  baseSeq: number,
  ids: RecordIds,
): void {
  const known = new Set(ids.values());
  const created = (diff.vtiger_crmentity?.added ?? [])
    .map((row) => Number(row.crmid))
    .filter((id) => id > baseSeq && !known.has(id))
    .sort((a, b) => a - b);
  const placeholders = Object.entries(golden.records)
    .filter(([, record]) => record.created_in_step === stepNumber)
    .map(([placeholder]) => placeholder);
  created.forEach((id, i) => {
    if (placeholders[i] !== undefined) ids.set(placeholders[i], id);
  });
}

/**
 * Replays the golden scenario on the target's database, each step in the
 * mode `modeOf` gives it, and returns the raw recording and vtrest's answers.
 */
export async function replayScenario(
  target: ReplayTarget,
  golden: NormalizedScenario,
  modeOf: (step: number) => StepMode,
): Promise<Replayed> {
  const ids: RecordIds = new Map();
  const instants: Date[] = [];
  const steps: RawStep[] = [];
  const answers: Array<StepAnswer | undefined> = [];
  let before: Snapshot = await takeSnapshot(target.connection);
  let baseSeq: number | undefined;
  for (const [index, step] of golden.steps.entries()) {
    const meta = await readCounters(target.connection);
    baseSeq ??= meta.crmentity_seq;
    const instant = target.clock.nextStep();
    instants.push(instant);
    let answer: StepAnswer | undefined;
    if (modeOf(index + 1) === "fixture") {
      const counters = countersOf(meta);
      const planned = Object.entries(golden.records)
        .filter(([, record]) => record.created_in_step === index + 1);
      planned.forEach(([placeholder], i) => ids.set(placeholder, meta.crmentity_seq + i + 1));
      await applyGoldenStep(target.connection, step, ids, counters, instants);
    } else {
      answer = await callVtrest(target, golden, step, ids);
      const recorded = (step.answer as { success?: boolean } | undefined)?.success;
      if (recorded === true && answer.body.success !== true) {
        // Later steps would only fail to find the records this one did not write.
        throw new Error(
          `Step ${index + 1} (${step.name}): vtrest answered ${JSON.stringify(answer.body)}`,
        );
      }
    }
    const after = await takeSnapshot(target.connection);
    const diff = diffSnapshots(before, after);
    learnIds(golden, index + 1, diff, baseSeq, ids);
    steps.push({
      name: step.name,
      operation: step.operation,
      utc_before: instant.toISOString(),
      utc_after: instant.toISOString(),
      meta_before: meta,
      diff,
    });
    answers.push(answer);
    before = after;
  }
  return { raw: { scenario: golden.scenario, steps }, answers };
}

/**
 * A TypeScript port of the oracle's `compare.py`: per step, each table's
 * removed and added rows compared as multisets, with each `<time>` of a row
 * compared with its UTC offset and the step whose call wrote it (what
 * compare.py checks through the `timestamps` list, here written into the
 * value itself, `<time +9 @1>`, so that a row keeps its times when an
 * intended difference changes it). Times in requests and answers, and the
 * answers themselves, are not compared: vtrest answers in the RestfulApi
 * protocol, not in Vtiger's webservice format.
 *
 * @module
 */

import type { NormalizedScenario } from "./normalize.ts";
import type { Row } from "./snapshot.ts";

/**
 * The scenario with every `<time>` of its rows annotated with its UTC offset
 * and writing step from the `timestamps` list (`<time +9 @1>`).
 */
export function annotateTimes(scenario: NormalizedScenario): NormalizedScenario {
  return {
    ...scenario,
    steps: scenario.steps.map((step) => {
      const diff = structuredClone(step.diff);
      for (const entry of step.timestamps) {
        if (entry.in !== "diff") continue;
        const row: Row = diff[entry.table as string][entry.side as "removed" | "added"][
          entry.row as number
        ];
        const column = entry.column as string;
        const offset = Number(entry.utc_offset_hours);
        row[column] = (row[column] ?? "").replace(
          "<time>",
          `<time ${offset >= 0 ? "+" : ""}${offset} @${entry.call_step}>`,
        );
      }
      return { ...step, diff, timestamps: [] };
    }),
  };
}

/** JSON with object keys sorted, as `json.dumps(x, sort_keys=True)`. */
function key(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(key).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value).sort().map((name) =>
      `${JSON.stringify(name)}: ${key((value as Record<string, unknown>)[name])}`
    );
    return `{${entries.join(", ")}}`;
  }
  return JSON.stringify(value);
}

function multisetDiff(
  expected: readonly unknown[],
  actual: readonly unknown[],
): [missing: string[], extra: string[]] {
  const counts = new Map<string, number>();
  for (const item of expected) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  const extra: string[] = [];
  for (const item of actual) {
    const k = key(item);
    const count = counts.get(k) ?? 0;
    if (count > 0) counts.set(k, count - 1);
    else extra.push(k);
  }
  const missing = [...counts].flatMap(([k, count]) => Array<string>(count).fill(k));
  return [missing.sort(), extra.sort()];
}

/**
 * Every difference between the expected (golden, adjusted) and the actual
 * normalized scenario, both with their times annotated
 * ({@linkcode annotateTimes}), as readable lines; empty when they match.
 */
export function compareScenarios(
  expected: NormalizedScenario,
  actual: NormalizedScenario,
): string[] {
  const out: string[] = [];
  if (expected.steps.length !== actual.steps.length) {
    out.push(`step count: expected ${expected.steps.length}, actual ${actual.steps.length}`);
  }
  const steps = Math.min(expected.steps.length, actual.steps.length);
  for (let i = 0; i < steps; i++) {
    const golden = expected.steps[i];
    const replay = actual.steps[i];
    const lines: string[] = [];
    const tables = new Set([...Object.keys(golden.diff), ...Object.keys(replay.diff)]);
    for (const table of [...tables].sort()) {
      for (const side of ["removed", "added"] as const) {
        const [missing, extra] = multisetDiff(
          golden.diff[table]?.[side] ?? [],
          replay.diff[table]?.[side] ?? [],
        );
        for (const row of missing) lines.push(`  ${table} ${side}: missing  ${row}`);
        for (const row of extra) lines.push(`  ${table} ${side}: extra    ${row}`);
      }
    }
    if (lines.length > 0) {
      out.push(`step ${i + 1} (${golden.operation} ${golden.name}):`, ...lines);
    }
  }
  return out;
}

/**
 * Where vtrest deliberately writes other rows than Vtiger's webservice did,
 * and why: each entry rewrites the golden recording into what vtrest
 * intends, so that the replay then compares exactly (an unintended
 * difference still fails). Keep this list short; every entry is a decision.
 *
 * @module
 */

import { cleanFieldValue } from "../../../adapters/http/field_value_cleaning.ts";
import { HEADER_COPY_COLUMNS } from "../../../adapters/mysql/catalog/module_loader.ts";
import { htmlEntities } from "../../../adapters/mysql/records/html_entities.ts";
import { INVENTORY_MODULES } from "../../../domain/module_inputs.ts";
import { invoiceBalance, keepTaxMode } from "./inventory_adjustments.ts";
import { labelsFromKeptValues } from "./label_adjustment.ts";
import { StepState } from "./step_state.ts";
import type { NormalizedScenario, NormalizedStep } from "./normalize.ts";
import type { Row } from "./snapshot.ts";

/** One intended difference. */
export interface IntendedDifference {
  /** A short name. */
  readonly name: string;
  /** Why vtrest does not imitate Vtiger here. */
  readonly why: string;
  /** Rewrites one golden step (times annotated) into what vtrest writes instead. */
  adjust(step: NormalizedStep, scenario: NormalizedScenario): NormalizedStep;
}

/** Applies `change` to every row of every table side of a step. */
function mapRows(
  step: NormalizedStep,
  change: (table: string, row: Row) => Row,
): NormalizedStep {
  const diff: NormalizedStep["diff"] = {};
  for (const [table, sides] of Object.entries(step.diff)) {
    diff[table] = {
      removed: sides.removed.map((row) => change(table, row)),
      added: sides.added.map((row) => change(table, row)),
    };
  }
  return { ...step, diff };
}

/**
 * What Vtiger stores for a text value (`Vtiger_Functions::fromHTML`, applied
 * by `CRMEntity::insertIntoEntityTable` to every value but uitypes 8 and 33):
 * the value as sent, except that a value in which `script` and a later
 * `/script` appear on one line has every `<`, `>` and `"` replaced by
 * `&lt;`, `&gt;`, `&quot;` (`&` and `'` untouched).
 */
export function vtigerStoredText(value: string): string {
  if (!/(script).*(\/script)/i.test(value)) return value;
  return value.replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** The webservice user's id (`19x1` → `1`). */
function actorId(scenario: NormalizedScenario): string {
  return scenario.user.ws_id.replace(/^\d+x/, "");
}

/** Every request text of a create or revise, the texts of its LineItems included. */
function requestValues(step: NormalizedStep): string[] {
  const request = step.request as { element?: Record<string, unknown> } | undefined;
  const values: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === "string") values.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(collect);
  };
  Object.values(request?.element ?? {}).forEach(collect);
  return values;
}

const isHeaderCopyTable = (table: string, row: Row): boolean =>
  table !== "vtiger_crmentity" && HEADER_COPY_COLUMNS.every((column) => Object.hasOwn(row, column));

/** The record id of a header-copy table's row: its first column (the base table's key). */
const recordIdOf = (row: Row): string | null => Object.values(row)[0] ?? null;

/**
 * The rows of every header-copy table as they stand before step `index`
 * (each step's removed rows taken out, its added rows put in), by record id.
 */
function headerRowsBefore(
  steps: readonly NormalizedStep[],
  index: number,
): Map<string, { table: string; row: Row }> {
  const state = new Map<string, { table: string; row: Row; step: number }>();
  steps.slice(0, index).forEach((step, from) => {
    for (const [table, sides] of Object.entries(step.diff)) {
      for (const row of sides.added) {
        if (isHeaderCopyTable(table, row)) {
          state.set(String(recordIdOf(row)), { table, row, step: from });
        }
      }
    }
  });
  return new Map(
    [...state].map(([id, { table, row, step }]) => [id, {
      table,
      row: rebaseNumbers(row, steps, step, index),
    }]),
  );
}

/** The latest `vtiger_crmentity` row of each record before step `index`, by crmid. */
function crmentityBefore(steps: readonly NormalizedStep[], index: number): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const step of steps.slice(0, index)) {
    for (const row of step.diff.vtiger_crmentity?.added ?? []) rows.set(String(row.crmid), row);
  }
  return rows;
}

/** The `cur_id` of a numbering prefix before each step, from the steps' counters and diffs. */
function numberBefore(steps: readonly NormalizedStep[], prefix: string, index: number): number {
  const known = steps.findIndex((step) => Object.hasOwn(step.before.modentity_num_cur_id, prefix));
  if (known < 0) throw new Error(`No step says where numbering ${prefix} stood`);
  let current = steps[known].before.modentity_num_cur_id[prefix];
  const issued = (step: NormalizedStep): number => {
    const sides = step.diff.vtiger_modentity_num;
    const before = sides?.removed.find((row) => row.prefix === prefix)?.cur_id;
    const after = sides?.added.find((row) => row.prefix === prefix)?.cur_id;
    return before == null || after == null ? 0 : Number(after) - Number(before);
  };
  for (let i = known; i < index; i++) current += issued(steps[i]);
  for (let i = known - 1; i >= index; i--) current -= issued(steps[i]);
  return current;
}

/**
 * A row seen in step `from` as a later step `to` sees it: record numbers are
 * relative to the step (`<num:QUO+1>` in the step that issues QUO2 is
 * `<num:QUO+0>` in the next).
 */
function rebaseNumbers(row: Row, steps: readonly NormalizedStep[], from: number, to: number): Row {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      value?.replace(/<num:([^+<>-]+)([+-]\d+)>/g, (_, prefix: string, k: string) => {
        const shifted = Number(k) + numberBefore(steps, prefix, from) -
          numberBefore(steps, prefix, to);
        return `<num:${prefix}${shifted >= 0 ? "+" : ""}${shifted}>`;
      }) ?? null,
    ]),
  );
}

/** The intended differences, applied in this order. */
export const INTENDED_DIFFERENCES: readonly IntendedDifference[] = [
  {
    name: "ModTracker names the acting user",
    why: "Vtiger's webservice leaves vtiger_modtracker_basic.whodid NULL (its handler reads a " +
      "PHP session the webservice never opens): a bug that hides who made a change; vtrest " +
      "writes the acting user, as Vtiger's own UI does.",
    adjust: (step, scenario) =>
      mapRows(
        step,
        (table, row) =>
          table === "vtiger_modtracker_basic" && row.whodid === null
            ? { ...row, whodid: actorId(scenario) }
            : row,
      ),
  },
  {
    name: "Labels are built from the values vtrest keeps",
    why: "vtrest trims values and strips their HTML tags (below), so the label F-RevoCRM builds " +
      "from them (joined by a space, entities decoded, trimmed) is built from those values: " +
      "'Tom &amp; Jerry <i>Cartoons</i>' gives 'Tom & Jerry <i>Cartoons</i>' in Vtiger, " +
      "'Tom & Jerry Cartoons' here. Checked first: the recorded label must be the one the rule " +
      "gives for the values Vtiger stored.",
    adjust: (step) => {
      const stored = new Map<string, string>();
      for (const sent of requestValues(step)) stored.set(vtigerStoredText(sent), sent);
      return labelsFromKeptValues(step, stored);
    },
  },
  {
    name: "HTML tags are stripped from values",
    why: "The original RestfulApi module strips HTML tags from every value written (PHP " +
      "strip_tags) and vtrest keeps that contract, where Vtiger's webservice stores tags as sent " +
      '(escaping <, > and " only in a value holding a <script> element): the stored value, its ' +
      "ModTracker detail and any label built from it hold the text without tags.",
    adjust: (step) => {
      const replacements = new Map<string, string>();
      // ModTracker logs a value htmlentities-encoded, but one holding a <script> as stored
      // (already escaped): both become the kept value, encoded.
      const history = new Map<string, string>();
      for (const sent of requestValues(step)) {
        const kept = cleanFieldValue(sent);
        const stored = vtigerStoredText(sent);
        if (kept === stored) continue;
        replacements.set(stored, kept);
        replacements.set(htmlEntities(stored), htmlEntities(kept));
        history.set(htmlEntities(stored), htmlEntities(kept));
        if (stored !== sent) history.set(stored, htmlEntities(kept));
      }
      if (replacements.size === 0) return step;
      return mapRows(step, (table, row) => {
        const map = table === "vtiger_modtracker_detail" ? history : replacements;
        return Object.fromEntries(
          Object.entries(row).map((
            [column, value],
          ) => [column, value !== null && map.has(value) ? map.get(value)! : value]),
        );
      });
    },
  },
  {
    name: "Products and Services keep the taxes and prices a revise does not name",
    why: "Vtiger's webservice revise of a product deletes every vtiger_producttaxrel row whose " +
      "tax it does not repeat and every vtiger_productcurrencyrel row whose currency it does not " +
      "repeat (insertTaxInformation/insertPriceInformation read only the request): a revise " +
      "of the price alone loses the product's taxes and prices. vtrest changes only what the " +
      "write names; a new unit_price becomes the base currency's price (rate 1 here).",
    adjust: (step, scenario) => {
      const element = ownElement(step, scenario);
      if (step.operation !== "revise" || element === undefined) return step;
      const taxes = step.diff.vtiger_producttaxrel;
      const prices = step.diff.vtiger_productcurrencyrel;
      const diff = { ...step.diff };
      if (taxes !== undefined) {
        const named = (row: Row) => Object.hasOwn(element, `tax${row.taxid}`);
        diff.vtiger_producttaxrel = { ...taxes, removed: taxes.removed.filter(named) };
      }
      if (prices !== undefined) {
        const price = element.unit_price;
        const kept = prices.removed.filter((row) =>
          !Object.hasOwn(element, `currency${row.currencyid}`)
        );
        diff.vtiger_productcurrencyrel = {
          removed: typeof price === "string"
            ? prices.removed
            : prices.removed.filter((row) => !kept.includes(row)),
          added: [
            ...prices.added,
            ...(typeof price === "string"
              ? kept.map((row) => ({
                ...row,
                converted_price: Number(price).toFixed(8),
                actual_price: Number(price).toFixed(8),
              }))
              : []),
          ],
        };
      }
      return { ...step, diff };
    },
  },
  {
    name: "An inventory record's creation is logged as a creation",
    why: "Vtiger's webservice saves an inventory record in bulk mode, then fires the after-save " +
      "events on an entity it builds from the saved values (VtigerInventoryOperation::create), " +
      "which ModTracker cannot tell from an update: the creation is logged with status 0 " +
      "(updated). vtrest logs status 2 (created), as a creation from Vtiger's own UI is logged.",
    adjust: (step, scenario) => {
      const type = ownRequest(step, scenario)?.elementType;
      if (step.operation !== "create" || typeof type !== "string" || !INVENTORY_MODULES.has(type)) {
        return step;
      }
      return mapRows(
        step,
        (table, row) =>
          table === "vtiger_modtracker_basic" && row.module === type && row.status === "0"
            ? { ...row, status: "2" }
            : row,
      );
    },
  },
  {
    name: "A revise keeps the tax mode it does not name",
    why: "Vtiger's webservice revise of an inventory record whose element has LineItems but no " +
      "hdnTaxType stores taxtype NULL, every line's taxes as 0 and totals without taxes " +
      "(sanitizeInventoryForInsert reads the mode from the request alone): the record silently " +
      "loses its taxes; one without LineItems stores taxtype '' (lines and totals untouched, " +
      "ModTracker hdnTaxType → ''; recorded on a purchase order). vtrest keeps the stored mode " +
      "(individual: each line taxed by its product's taxes) and totals the lines with their taxes.",
    adjust: keepTaxMode,
  },
  {
    name: "An invoice's balance is its total minus what was received",
    why: "Vtiger's InvoiceHandler means to keep balance = total - received after every save, but " +
      "on a webservice revise with LineItems it wrote the total from before the revise (the " +
      "recorded balance stays at the first total): the invoice shows a wrong amount due. vtrest " +
      "writes the new total minus received on every write, and the history lists the change.",
    adjust: (step) => invoiceBalance(step),
  },
  {
    name: "An event keeps its reminder when a revise does not name it",
    why: "Vtiger's webservice revise of an event without reminder_time deletes its " +
      "vtiger_activity_reminder row (DataTransform sets set_reminder No), and ModTracker logs " +
      "reminder_time 15 → '': a data loss; vtrest changes the reminder only when the write " +
      "names it (so the event's delete later removes the reminder kept, as " +
      "Activity::unlinkDependencies does).",
    adjust: keepReminder,
  },
  {
    name: "F-RevoCRM's header copy always follows vtiger_crmentity",
    why: "F-RevoCRM copies the record header into the base table after saving a record, but " +
      "not when another record's action changes the header (an Account delete cascading to a " +
      "Quote leaves vtiger_quotes.deleted = 0, because Accounts::unlinkDependencies copies the " +
      "header before it marks the Quote deleted; a comment or a related event bumps only " +
      "vtiger_crmentity.modifiedtime): the fork's Quotes list then shows a deleted Quote. vtrest " +
      "copies the header after every change of a vtiger_crmentity row it makes.",
    adjust: (step, scenario) => {
      const index = scenario.steps.findIndex((candidate) => candidate.name === step.name);
      const state = headerRowsBefore(scenario.steps, index);
      const diff = structuredClone(step.diff);
      // A copy this step writes for another reason (stock, totals) holds the header as it
      // stands, which an earlier step's related action may have moved.
      const headers = crmentityBefore(scenario.steps, index);
      const own = new Set((diff.vtiger_crmentity?.added ?? []).map((row) => row.crmid));
      for (const [table, sides] of Object.entries(diff)) {
        for (const row of [...sides.removed, ...sides.added]) {
          if (!isHeaderCopyTable(table, row) || own.has(recordIdOf(row))) continue;
          const header = headers.get(String(recordIdOf(row)));
          if (header === undefined) continue;
          for (const column of HEADER_COPY_COLUMNS) row[column] = header[column];
        }
      }
      for (const header of diff.vtiger_crmentity?.added ?? []) {
        const known = state.get(String(header.crmid));
        if (known === undefined) continue;
        const sides = diff[known.table] ??= { removed: [], added: [] };
        const added = sides.added.find((row) => recordIdOf(row) === header.crmid);
        const expected: Row = { ...(added ?? known.row) };
        for (const column of HEADER_COPY_COLUMNS) expected[column] = header[column];
        if (added !== undefined) {
          Object.assign(added, expected);
        } else if (JSON.stringify(expected) !== JSON.stringify(known.row)) {
          sides.removed.push(known.row);
          sides.added.push(expected);
        }
      }
      return { ...step, diff };
    },
  },
];

/** The reminders kept by {@linkcode keepReminder}, per scenario, by activity id. */
const keptReminders = new StepState<Map<string, Row>>(() => new Map());

/**
 * A revise of an event that does not name `reminder_time` keeps its reminder;
 * a later delete of the event removes it.
 */
function keepReminder(step: NormalizedStep, scenario: NormalizedScenario): NormalizedStep {
  const kept = keptReminders.of(step, scenario);
  const reminders = step.diff.vtiger_activity_reminder;
  if (step.operation === "delete") {
    const deleted = (step.diff.vtiger_crmentity?.added ?? [])
      .filter((row) => row.deleted === "1")
      .flatMap((row): Row[] => {
        const reminder = kept.get(row.crmid ?? "");
        return reminder === undefined ? [] : [reminder];
      });
    if (deleted.length === 0) return step;
    for (const row of deleted) kept.delete(row.activity_id ?? "");
    return {
      ...step,
      diff: {
        ...step.diff,
        vtiger_activity_reminder: {
          removed: [...(reminders?.removed ?? []), ...deleted],
          added: reminders?.added ?? [],
        },
      },
    };
  }
  const element = ownElement(step, scenario);
  if (step.operation !== "revise" || element === undefined || reminders === undefined) {
    return step;
  }
  if (Object.hasOwn(element, "reminder_time")) return step;
  for (const row of reminders.removed) kept.set(row.activity_id ?? "", row);
  const details = step.diff.vtiger_modtracker_detail;
  return {
    ...step,
    diff: {
      ...step.diff,
      vtiger_activity_reminder: { removed: [], added: reminders.added },
      ...(details === undefined ? {} : {
        vtiger_modtracker_detail: {
          ...details,
          added: details.added.filter((row) => row.fieldname !== "reminder_time"),
        },
      }),
    },
  };
}

/** The request a step of the golden scenario sent (its own, not the carried one). */
function ownRequest(
  step: NormalizedStep,
  scenario: NormalizedScenario,
): { elementType?: unknown; element?: Record<string, unknown> } | undefined {
  const own = scenario.steps.find((candidate) => candidate.name === step.name);
  return own?.request as { elementType?: unknown; element?: Record<string, unknown> } | undefined;
}

/** The element a step of the golden scenario sent (its own request, not the carried one). */
function ownElement(
  step: NormalizedStep,
  scenario: NormalizedScenario,
): Record<string, unknown> | undefined {
  return ownRequest(step, scenario)?.element;
}

/**
 * The golden scenario rewritten by every intended difference, in the steps
 * vtrest makes (fixture steps are the recording itself). Values written in
 * one step and seen again in later ones (an updated row's old state) are
 * rewritten there too, as the replacements of every earlier step carry over.
 */
export function intendedScenario(
  golden: NormalizedScenario,
  madeByVtrest: (step: number) => boolean,
): NormalizedScenario {
  // Step by step, each seeing the steps before it as adjusted (a row a step changes
  // differently is the row the next step starts from).
  const steps: NormalizedStep[] = [];
  golden.steps.forEach((step, index) => {
    if (!madeByVtrest(index + 1)) {
      steps.push(step);
      return;
    }
    const sofar = { ...golden, steps: [...steps, ...golden.steps.slice(index)] };
    let adjusted = step;
    for (const difference of INTENDED_DIFFERENCES) {
      adjusted = difference.adjust(
        { ...adjusted, request: carriedRequest(golden.steps, index) },
        sofar,
      );
    }
    steps.push({ ...adjusted, request: step.request });
  });
  return { ...golden, steps };
}

/**
 * A step's request, with the element values of every earlier step added
 * (values sent earlier show up again in later steps' removed rows).
 */
function carriedRequest(steps: readonly NormalizedStep[], index: number): unknown {
  const element: Record<string, unknown> = {};
  steps.slice(0, index + 1).forEach((step, i) => {
    for (const [key, value] of requestValues(step).entries()) element[`${i}:${key}`] = value;
  });
  return { element };
}

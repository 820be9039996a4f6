/**
 * Labels of the records a step writes, rebuilt from the values vtrest keeps
 * (`intended_differences.ts`: vtrest trims values and strips their tags
 * before storing them, so the label F-RevoCRM builds from them differs too).
 * Each label is first checked against the rule F-RevoCRM follows
 * (`CRMEntity::insertIntoCrmEntity`: values joined by a space, HTML entities
 * decoded, trimmed, cut to 255 characters) on the values Vtiger stored; a
 * label the rule does not explain is left as recorded, so that the replay
 * shows it.
 *
 * @module
 */

import { cleanFieldValue } from "../../../adapters/http/field_value_cleaning.ts";
import {
  htmlEntities,
  phpHtmlEntityDecode,
  phpTrim,
} from "../../../adapters/mysql/records/html_entities.ts";
import type { NormalizedStep } from "./normalize.ts";
import type { Row } from "./snapshot.ts";

/**
 * The label columns of each recorded module's base table, as the oracle's
 * `vtiger_entityname` names them (F-RevoCRM 8.0.3, `frevocrm-8.0.3.sql`).
 */
const LABEL_COLUMNS: Readonly<Record<string, { table: string; columns: readonly string[] }>> = {
  Accounts: { table: "vtiger_account", columns: ["accountname"] },
  Contacts: { table: "vtiger_contactdetails", columns: ["lastname", "firstname"] },
  Leads: { table: "vtiger_leaddetails", columns: ["lastname", "firstname"] },
  Faq: { table: "vtiger_faq", columns: ["question"] },
};

const LABEL_LENGTH = 255;

/** F-RevoCRM's label of values (`insertIntoCrmEntity`). */
export function savedLabel(values: readonly (string | null | undefined)[]): string {
  const label = phpTrim(phpHtmlEntityDecode(values.map((value) => value ?? "").join(" ")));
  return [...label].slice(0, LABEL_LENGTH).join("");
}

/** The id column of a base table's row: its first column. */
const idOf = (row: Row): string | null => Object.values(row)[0] ?? null;

/**
 * Rebuilds the labels of a step's rows from the values vtrest keeps, given
 * the values the step's (carried) request sent: `stored` maps each value as
 * Vtiger stored it to the value as sent.
 */
export function labelsFromKeptValues(
  step: NormalizedStep,
  stored: ReadonlyMap<string, string>,
): NormalizedStep {
  const relabelled = new Map<string, string>();
  const diff: NormalizedStep["diff"] = { ...step.diff };
  for (const side of ["removed", "added"] as const) {
    for (const crm of step.diff.vtiger_crmentity?.[side] ?? []) {
      const spec = LABEL_COLUMNS[crm.setype ?? ""];
      if (spec === undefined || crm.label === null || crm.label === undefined) continue;
      const base = step.diff[spec.table]?.[side].find((row) => idOf(row) === crm.crmid);
      if (base === undefined) continue;
      const recorded = spec.columns.map((column) => base[column]);
      if (savedLabel(recorded) !== crm.label) continue;
      const kept = recorded.map((value) => {
        const sent = value === null ? undefined : stored.get(value);
        return sent === undefined ? value : cleanFieldValue(sent);
      });
      const label = savedLabel(kept);
      if (label !== crm.label) relabelled.set(crm.label, label);
    }
  }
  if (relabelled.size === 0) return step;
  for (const [table, sides] of Object.entries(step.diff)) {
    const change = (row: Row): Row => {
      if (table === "vtiger_modtracker_detail" && row.fieldname === "label") {
        const swap = (value: string | null) =>
          [...relabelled].find(([from]) => htmlEntities(from) === value)?.[1];
        const pre = swap(row.prevalue ?? null);
        const post = swap(row.postvalue ?? null);
        return {
          ...row,
          ...(pre === undefined ? {} : { prevalue: htmlEntities(pre) }),
          ...(post === undefined ? {} : { postvalue: htmlEntities(post) }),
        };
      }
      if (!Object.hasOwn(row, "label") || row.label === null) return row;
      const label = relabelled.get(row.label!);
      return label === undefined ? row : { ...row, label };
    };
    diff[table] = { removed: sides.removed.map(change), added: sides.added.map(change) };
  }
  return { ...step, diff };
}

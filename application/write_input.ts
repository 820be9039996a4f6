/**
 * What a create or update carries, made ready for the checks and the
 * repository: the module's extra inputs separated from its fields, line
 * items checked, a file accepted only where a module takes one, and the
 * module rules that need no storage applied (tasks and events, documents).
 *
 * @module
 */

import { activityWriteValues } from "../domain/calendar/activity_rules.ts";
import { documentFileValues, LOCATION_FIELD } from "../domain/documents/document_rules.ts";
import type { UploadedFile } from "../domain/documents/upload.ts";
import { DomainError, invalidFieldValue } from "../domain/errors.ts";
import {
  LINE_ITEMS_KEY,
  type LineItem,
  type LineItemInput,
  parseLineItems,
} from "../domain/inventory/line_items.ts";
import type { ModuleDefinition } from "../domain/module.ts";
import { ACTIVITY_MODULES, NO_INPUTS, splitInput } from "../domain/module_inputs.ts";
import type { WriteExtras } from "../domain/ports.ts";
import type { FieldValues } from "../domain/record.ts";

/** The body of a create or update, as the HTTP adapter (or a library caller) hands it over. */
export interface WriteInput {
  /** Field values (and the module's extra inputs) by name. */
  readonly values: FieldValues;
  /** Inventory modules: the lines, as sent. */
  readonly lineItems?: readonly LineItemInput[];
  /** Documents: the uploaded file. */
  readonly upload?: UploadedFile;
}

/** A write made ready: the field values to check, and the rest for the repository. */
export interface PreparedWrite {
  /** The field values, still to be checked against their fields. */
  readonly values: FieldValues;
  /** The extra inputs, lines and file. */
  readonly extras: WriteExtras;
}

function checkedLines(
  module: ModuleDefinition,
  lines: readonly LineItemInput[] | undefined,
  mode: "create" | "update",
): LineItem[] | undefined {
  const columns = module.inputs?.lineItems;
  if (columns === undefined) {
    if (lines === undefined) return undefined;
    throw invalidFieldValue(LINE_ITEMS_KEY, `Records of module ${module.name} have no line items`);
  }
  if (lines === undefined) {
    if (mode === "update") return undefined;
    throw new DomainError(
      "MANDATORY_FIELDS_MISSING",
      `Records of module ${module.name} are created with their ${LINE_ITEMS_KEY}`,
      { fields: [LINE_ITEMS_KEY] },
    );
  }
  return parseLineItems(lines, columns);
}

/**
 * Prepares a write of `module`. `before` holds the record's stored values on
 * an update (`undefined` on create).
 */
export function prepareWrite(
  module: ModuleDefinition,
  input: WriteInput,
  before?: Readonly<Record<string, string | null>>,
): PreparedWrite {
  const mode = before === undefined ? "create" : "update";
  const inputs = module.inputs ?? NO_INPUTS;
  const lineItems = checkedLines(module, input.lineItems, mode);
  if (input.upload !== undefined && inputs.upload !== true) {
    throw invalidFieldValue(
      "filename",
      `Records of module ${module.name} take no file; only Documents do`,
    );
  }
  const { fields, extras } = splitInput(inputs, input.values, lineItems?.[0]?.productId);
  let values: FieldValues = fields;
  if (ACTIVITY_MODULES.has(module.name)) values = activityWriteValues(module.name, values, before);
  if (inputs.upload === true) {
    values = documentFileValues(values, input.upload, before?.[LOCATION_FIELD] ?? undefined);
  }
  return {
    values,
    extras: {
      ...(Object.keys(extras).length === 0 ? {} : { inputs: extras }),
      ...(lineItems === undefined ? {} : { lineItems }),
      ...(input.upload === undefined ? {} : { upload: input.upload }),
    },
  };
}

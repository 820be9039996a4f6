/**
 * `fields=accountname,phone`: the fields a client asks a read or a list for.
 *
 * @module
 */

import { invalidParameter } from "./errors.ts";
import { excerpt } from "./excerpt.ts";
import type { FieldDefinition } from "./field.ts";
import type { ModuleDefinition } from "./module.ts";

/** The most field names one selection may name. */
export const MAX_SELECTED_FIELDS = 500;

/**
 * The visible fields named in a comma-separated list, in `fieldid` order,
 * each once. A name that is not a field the caller may see is
 * `INVALID_PARAMETER`, worded like one that does not exist, so that a hidden
 * field stays unknown.
 */
export function selectFields(
  module: ModuleDefinition,
  visible: readonly FieldDefinition[],
  list: string,
): FieldDefinition[] {
  const names = list.split(",").map((name) => name.trim());
  if (names.length > MAX_SELECTED_FIELDS) {
    throw invalidParameter(`Fields names more than ${MAX_SELECTED_FIELDS} fields`);
  }
  const wanted = new Set<string>();
  for (const name of names) {
    if (name === "") throw invalidParameter("Fields has an empty field name");
    if (!visible.some((field) => field.name === name)) {
      throw invalidParameter(
        `Field '${excerpt(name)}' is not a field you can read in module ${module.name}`,
      );
    }
    wanted.add(name);
  }
  return visible.filter((field) => wanted.has(field.name));
}

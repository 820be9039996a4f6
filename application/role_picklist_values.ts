/**
 * The values of a picklist field as the caller's role may use them: what a
 * picklist read lists and what discovery describes.
 *
 * @module
 */

import type { FieldDefinition } from "../domain/field.ts";
import type { ModuleDefinition } from "../domain/module.ts";
import type { PicklistRepository } from "../domain/ports.ts";
import { allowedPicklistValues, type ModuleGrant } from "../domain/privileges.ts";

/**
 * The field's stored values in `sortorderid` order; for a role-based
 * picklist only those the grant's role may use.
 */
export async function roleValuesOf(
  picklists: PicklistRepository,
  module: ModuleDefinition,
  grant: ModuleGrant,
  field: FieldDefinition,
): Promise<string[]> {
  const values = await picklists.values(module, field.name);
  const allowed = field.picklist === "role" ? allowedPicklistValues(grant, field.name) : undefined;
  return allowed === undefined ? values : values.filter((value) => allowed.has(value));
}

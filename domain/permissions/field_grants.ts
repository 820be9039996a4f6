/**
 * Field visibility (`getFieldVisibilityPermission`) and role-based picklist
 * values (`vtiger_role2picklist`) of one module for one user.
 *
 * @module
 */

import type { ModuleDefinition } from "../module.ts";
import type { PrivilegeFacts } from "../privilege_facts.ts";

/** The fields of a module a user may not see, or may see but not write. */
export interface FieldRestrictions {
  /** Field names left out of records and refused in writes, criteria and order. */
  readonly hidden: ReadonlySet<string>;
  /** Visible field names the user may not write. */
  readonly readOnly: ReadonlySet<string>;
}

/**
 * A field is visible when the organisation shows it (`vtiger_def_org_field`)
 * and at least one of the user's profiles shows it; it is writable when one
 * such profile also leaves it editable (`readonly = 0`), which is what Vtiger's
 * save path enforces. With View all or Edit all every field is visible and
 * writable, as in Vtiger.
 */
export function fieldRestrictions(
  facts: PrivilegeFacts,
  module: ModuleDefinition,
  globalAccess: boolean,
): FieldRestrictions {
  const hidden = new Set<string>();
  const readOnly = new Set<string>();
  if (globalAccess) return { hidden, readOnly };
  for (const field of module.fields) {
    const shown = facts.orgVisibleFieldIds.has(field.id) &&
      facts.profiles.some((profile) => profile.visibleFields.has(field.id));
    if (!shown) {
      hidden.add(field.name);
    } else if (!facts.profiles.some((profile) => profile.visibleFields.get(field.id) === 0)) {
      readOnly.add(field.name);
    }
  }
  return { hidden, readOnly };
}

/**
 * For the module's role-based picklists (uitype 15 fields named in
 * `vtiger_picklist`): the values the user's role may use. Other picklists are
 * not limited.
 */
export function rolePicklistLimits(
  facts: PrivilegeFacts,
  module: ModuleDefinition,
): Map<string, ReadonlySet<string>> {
  const limits = new Map<string, ReadonlySet<string>>();
  for (const field of module.fields) {
    const values = facts.rolePicklistValues.get(field.name);
    if (field.picklist === "role" && values !== undefined) limits.set(field.name, values);
  }
  return limits;
}

/**
 * The checks a create and an update share: every value against its field,
 * picklist values against the picklist (and the caller's role), references
 * against users, groups and records the caller may read.
 *
 * @module
 */

import { excerpt } from "../domain/excerpt.ts";
import { accessDenied, DomainError, invalidFieldValue } from "../domain/errors.ts";
import { type FieldDefinition, MULTI_PICKLIST_SEPARATOR, UITYPE_OWNER } from "../domain/field.ts";
import {
  checkFieldValues,
  picklistFieldsIn,
  referenceFieldsIn,
  type WriteMode,
} from "../domain/field_values.ts";
import { type ModuleDefinition, ownerField } from "../domain/module.ts";
import type { PicklistRepository, UserDirectory } from "../domain/ports.ts";
import {
  allowedPicklistValues,
  mayUseModule,
  type ModuleGrant,
  type Privileges,
  scopeIncludes,
} from "../domain/privileges.ts";
import type { FieldValues, StoredRecord } from "../domain/record.ts";
import { type ReachDeps, readableModuleOf } from "./find_reachable_record.ts";
import { LINE_ITEMS_KEY, type LineItem } from "../domain/inventory/line_items.ts";

/** The ports the write checks need (records and modules: for references). */
export interface WriteCheckDeps extends ReachDeps {
  /** Users and groups, for owner and user references. */
  readonly users: UserDirectory;
  /** Picklist values. */
  readonly picklists: PicklistRepository;
}

async function checkPicklistValue(
  deps: WriteCheckDeps,
  module: ModuleDefinition,
  grant: ModuleGrant,
  field: FieldDefinition,
  value: string,
): Promise<void> {
  const known = new Set(await deps.picklists.values(module, field.name));
  const allowed = field.picklist === "role" ? allowedPicklistValues(grant, field.name) : undefined;
  const chosen = field.picklist === "multi" ? value.split(MULTI_PICKLIST_SEPARATOR) : [value];
  for (const item of chosen) {
    if (!known.has(item) || (allowed !== undefined && !allowed.has(item))) {
      throw invalidFieldValue(
        field.name,
        `Value '${excerpt(item)}' is not a value of picklist '${field.name}'`,
      );
    }
  }
}

async function checkReference(
  deps: WriteCheckDeps,
  privileges: Privileges,
  field: FieldDefinition,
  value: string,
): Promise<void> {
  const id = Number(value);
  if (field.uitype === UITYPE_OWNER) {
    // The caller was found active when their token was checked: the usual owner needs no lookup.
    if (id === privileges.userId) return;
    if (!await deps.users.ownerExists(id)) {
      throw invalidFieldValue(
        field.name,
        `Owner '${excerpt(value)}' is not an active user or a group`,
      );
    }
    return;
  }
  if (field.referenceModules === undefined || field.referenceModules.length === 0) {
    if (!await deps.users.userExists(id)) {
      throw invalidFieldValue(field.name, `User '${excerpt(value)}' is not an active user`);
    }
    return;
  }
  // As Vtiger's webservice, only modules the caller may use can be pointed to.
  const targets = field.referenceModules;
  if (!targets.some((name) => mayUseModule(privileges, name))) {
    throw accessDenied(
      `Permission to use module ${
        targets.join(" or ")
      }, which field '${field.name}' points to, is denied`,
    );
  }
  // Only a record the caller may read can be linked to. Absent, deleted and
  // unreadable records get one answer, so that trying ids one by one tells
  // nothing about records beyond the caller's reach; a record the caller reads
  // anyway may be named when it is of the wrong module.
  const readable = await readableModuleOf(deps, privileges, id);
  if (readable !== undefined && targets.includes(readable)) return;
  if (readable !== undefined) {
    throw invalidFieldValue(
      field.name,
      `Field '${field.name}' must point to a record of ${targets.join(" or ")}; '${
        excerpt(value)
      }' is a record of ${readable}`,
    );
  }
  throw new DomainError(
    "ACCESS_DENIED",
    `Field '${field.name}' may only point to a record of ${
      targets.join(" or ")
    } that you may read; '${excerpt(value)}' is not one`,
    { fields: [field.name] },
  );
}

/** The modules a line item's product may come from. */
const LINE_PRODUCT_MODULES: readonly string[] = ["Products", "Services"];

/**
 * Each line must name a product or service the caller may read, as a
 * reference field's value must (Vtiger's webservice checks a line's
 * `productid` like a reference); unreadable and absent ones get one answer.
 */
export async function checkLineProducts(
  deps: WriteCheckDeps,
  privileges: Privileges,
  lines: readonly LineItem[],
): Promise<void> {
  if (!LINE_PRODUCT_MODULES.some((name) => mayUseModule(privileges, name))) {
    throw accessDenied(
      "Permission to use modules Products and Services, which line items name, is denied",
    );
  }
  const seen = new Set<number>();
  for (const [index, line] of lines.entries()) {
    if (seen.has(line.productId)) continue;
    seen.add(line.productId);
    const where = `${LINE_ITEMS_KEY}[${index + 1}].productid`;
    const readable = await readableModuleOf(deps, privileges, line.productId);
    if (readable !== undefined && LINE_PRODUCT_MODULES.includes(readable)) continue;
    if (readable !== undefined) {
      throw invalidFieldValue(
        LINE_ITEMS_KEY,
        `${where} must point to a product or service; '${line.productId}' is a record of ${readable}`,
      );
    }
    throw new DomainError(
      "ACCESS_DENIED",
      `${where} may only point to a product or service that you may read; ` +
        `'${line.productId}' is not one`,
      { fields: [LINE_ITEMS_KEY] },
    );
  }
}

/**
 * Runs every check (values, picklists, references, the owner's assignability)
 * and returns the values normalized, ready to store. `current` is the record
 * an update changes.
 */
export async function checkWrite(
  deps: WriteCheckDeps,
  privileges: Privileges,
  module: ModuleDefinition,
  grant: ModuleGrant,
  values: FieldValues,
  mode: WriteMode,
  current?: StoredRecord,
): Promise<Record<string, string>> {
  const checked = checkFieldValues(module, grant, values, mode);
  for (const field of picklistFieldsIn(module, checked)) {
    await checkPicklistValue(deps, module, grant, field, checked[field.name]);
  }
  for (const field of referenceFieldsIn(module, checked)) {
    // An update re-sending the reference the record already holds links nothing new.
    if (current !== undefined && current.values[field.name] === checked[field.name]) continue;
    await checkReference(deps, privileges, field, checked[field.name]);
  }
  requireAssignableOwner(module, grant, checked);
  return checked;
}

/** A new owner must be one whose records the caller may edit (themself, their groups, ...). */
function requireAssignableOwner(
  module: ModuleDefinition,
  grant: ModuleGrant,
  values: FieldValues,
): void {
  const owner = ownerField(module);
  const ownerId = owner === undefined ? undefined : values[owner.name];
  if (
    owner !== undefined && ownerId !== undefined && !scopeIncludes(grant.write, Number(ownerId))
  ) {
    throw invalidFieldValue(
      owner.name,
      `Records of ${module.name} may not be assigned to owner '${excerpt(ownerId)}'`,
    );
  }
}

/**
 * What discovery tells a user about the modules and fields they may use: the
 * shapes of `listtypes` and `describe`, and the pure rules behind them.
 *
 * @module
 */

import { type FieldDefinition, isClientWritable } from "./field.ts";
import type { FieldType } from "./field_type.ts";
import type { ModuleDefinition } from "./module.ts";
import type { ModuleGrant } from "./privileges.ts";

/** What a user may do in a module, action by action. */
export interface ModuleActions {
  /** List its records. */
  readonly list: boolean;
  /** Read one record. */
  readonly read: boolean;
  /** Create records. */
  readonly create: boolean;
  /** Change records. */
  readonly edit: boolean;
  /** Delete records. */
  readonly delete: boolean;
}

/** One module of `listtypes`. */
export interface ModuleType {
  /** The name used in URLs (`Accounts`). */
  readonly name: string;
  /** Its label, translated when the install's language files are known (`Organizations`). */
  readonly label: string;
  /** What the user may do in it. */
  readonly actions: ModuleActions;
}

/** A picklist value the user's role may choose, with its label. */
export interface DescribedValue {
  /** The stored value. */
  readonly value: string;
  /** Its translated label. */
  readonly label: string;
}

/** One visible field of `describe`. */
export interface DescribedField {
  /** The field name used in bodies, `criteria` and `fields`. */
  readonly name: string;
  /** Its translated label. */
  readonly label: string;
  /** What its value means. */
  readonly type: FieldType;
  /** Whether a create must give it. */
  readonly mandatory: boolean;
  /** Whether this user may write it. */
  readonly editable: boolean;
  /** The longest text it holds, in characters, or `null` when not a bounded text. */
  readonly maxLength: number | null;
  /** The value Vtiger's forms pre-fill, or `null`. */
  readonly default: string | null;
  /** For picklists: the values this user's role may choose; else empty. */
  readonly picklistValues: readonly DescribedValue[];
  /** For references: the modules (that this user may use) a value may point to; else empty. */
  readonly referenceModules: readonly string[];
  /** The translated label of the block the field is shown in, or `null`. */
  readonly block: string | null;
}

/** The answer of `describe`. */
export interface ModuleDescription extends ModuleType {
  /** The visible fields whose values, joined by a space, make a record's label. */
  readonly labelFields: readonly string[];
  /** Whether Vtiger allows two records with the same unique fields. */
  readonly allowDuplicates: boolean;
  /** The visible fields, in `fieldid` order. */
  readonly fields: readonly DescribedField[];
}

/**
 * The actions the grant allows on the module; writes only where the module's
 * records may be written here at all.
 */
export function moduleActions(module: ModuleDefinition, grant: ModuleGrant): ModuleActions {
  const writable = module.writeRefusal === undefined;
  return {
    list: grant.actions.has("list"),
    read: grant.actions.has("view"),
    create: writable && grant.actions.has("create"),
    edit: writable && grant.actions.has("edit"),
    delete: writable && grant.actions.has("delete"),
  };
}

/**
 * Whether the user may write the field on some write: a field clients may
 * write, not read-only for the user, in a module they may create or edit
 * records of.
 */
export function fieldEditable(
  module: ModuleDefinition,
  grant: ModuleGrant,
  field: FieldDefinition,
): boolean {
  const actions = moduleActions(module, grant);
  return (actions.create || actions.edit) && isClientWritable(field) &&
    !grant.readOnlyFields.has(field.name);
}

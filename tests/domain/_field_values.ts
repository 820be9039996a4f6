/**
 * The module, grant and shorthands the field value tests share: one field of
 * every data type and kind the checks care about.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { DomainError } from "../../domain/errors.ts";
import { type FieldDefinition, parseTypeOfData, picklistKindOf } from "../../domain/field.ts";
import { checkFieldValues, type WriteMode } from "../../domain/field_values.ts";
import type { ModuleDefinition } from "../../domain/module.ts";
import { fullGrant, type ModuleGrant } from "../../domain/privileges.ts";
import { throwsDomainError } from "./_assert_error.ts";

const T = "vtiger_tests";
const CE = "vtiger_crmentity";

/** A field of the test module, stored on its own table unless `extra` says otherwise. */
function field(
  id: number,
  name: string,
  typeOfData: string,
  extra: Partial<FieldDefinition> = {},
): FieldDefinition {
  const uitype = extra.uitype ?? 1;
  const picklist = picklistKindOf(uitype);
  return {
    id,
    name,
    column: name,
    table: T,
    label: name,
    uitype,
    ...parseTypeOfData(typeOfData),
    presence: 2,
    displayType: 1,
    onRecordTable: true,
    ...(picklist === undefined ? {} : { picklist }),
    ...extra,
  };
}

/** One field of every data type and kind the checks care about. */
export const MODULE: ModuleDefinition = {
  name: "Tests",
  tabId: 99,
  baseTable: T,
  baseIdColumn: "testid",
  recordTables: { [CE]: "crmid", [T]: "testid" },
  labelFields: ["subject"],
  fields: [
    field(1, "subject", "V~M", { uitype: 2, maxLength: 10 }),
    field(2, "test_no", "V~O", { uitype: 4, maxLength: 100 }),
    field(3, "hours", "I~O", { uitype: 7 }),
    field(4, "amount", "N~O", { uitype: 71 }),
    field(5, "ratio", "NN~O", { uitype: 9 }),
    field(6, "due_date", "D~O", { uitype: 5 }),
    field(7, "start_at", "DT~O", { uitype: 6, timeField: "time_begin" }),
    field(8, "start_time", "T~O", { uitype: 14 }),
    field(9, "email", "E~O", { uitype: 13, maxLength: 100 }),
    field(10, "done", "C~O", { uitype: 56, maxLength: 3 }),
    field(11, "assigned_user_id", "V~M", { uitype: 53, table: CE, column: "smownerid" }),
    field(12, "createdtime", "DT~O", { uitype: 70, table: CE, displayType: 2 }),
    field(13, "modifiedby", "V~O", { uitype: 52, table: CE, displayType: 3 }),
    field(14, "reports_to", "I~O", { uitype: 101 }),
    field(15, "parent_id", "I~O", { uitype: 51, referenceModules: ["Accounts"] }),
    field(16, "secret", "V~O"),
    field(17, "locked", "V~O"),
    field(18, "status", "V~M", { uitype: 15, defaultValue: "Open" }),
    field(19, "external", "V~O", { table: "vtiger_elsewhere", onRecordTable: false }),
    field(20, "note", "V~O", { maxLength: 10 }),
    field(21, "category", "V~M"),
    field(22, "stage", "V~M"),
    field(23, "tags", "V~O", { uitype: 33 }),
    field(24, "summary", "V~O", { displayType: 2 }),
    field(25, "time_begin", "T~O", { uitype: 2, displayType: 3 }),
    field(26, "kind", "V~O", { uitype: 15, displayType: 3, fixedValue: "Task" }),
  ],
  ignoredFields: ["salutationtype"],
};

/** Hides `secret` and `category`, makes `locked` and `stage` read-only. */
export const GRANT: ModuleGrant = {
  ...fullGrant(),
  hiddenFields: new Set(["secret", "category"]),
  readOnlyFields: new Set(["locked", "stage"]),
};

/** Checks values as `checkFieldValues` would for a client with `grant`. */
export function check(
  values: Record<string, string>,
  grant: ModuleGrant = GRANT,
  mode: WriteMode = "update",
): Record<string, string> {
  return checkFieldValues(MODULE, grant, values, mode);
}

/** The normalized value of one field, or the error. */
export function one(name: string, value: string): string {
  return check({ [name]: value })[name];
}

/** Checks that one value is refused with INVALID_FIELD_VALUE naming its field. */
export function refused(
  name: string,
  value: string,
  message: string | RegExp = `'${name}'`,
): DomainError {
  const error = throwsDomainError(() => check({ [name]: value }), "INVALID_FIELD_VALUE", message);
  assert.deepEqual(error.details.fields, [name]);
  return error;
}

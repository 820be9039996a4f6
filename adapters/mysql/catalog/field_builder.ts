/**
 * Turns rows of `vtiger_field` into the domain's field definitions, filled
 * from the rest of the metadata: column lengths from `information_schema`,
 * picklist kinds from the existence of the value table, reference targets
 * from `vtiger_fieldmodulerel` (uitype 10) and `vtiger_ws_referencetype`
 * (the fixed targets of uitypes 51, 57, 58, 59, 66, 73, 75, 76, 78, 80, 81...).
 *
 * @module
 */

import {
  type FieldDefinition,
  parseTypeOfData,
  type PicklistKind,
  picklistKindOf,
} from "../../../domain/field.ts";
import type { SchemaInfo } from "./schema_reader.ts";

/** The columns of `vtiger_field` the catalog reads. */
export interface FieldRow {
  /** The module's id. */
  readonly tabid: number;
  /** Field id: the order fields are returned in. */
  readonly fieldid: number;
  /** Field name, as clients use it. */
  readonly fieldname: string;
  /** Column holding the value. */
  readonly columnname: string;
  /** Table holding the value. */
  readonly tablename: string;
  /** Label shown in Vtiger's forms. */
  readonly fieldlabel: string;
  /** Kind of field (1 text, 15 picklist, 53 owner, ...), stored as text. */
  readonly uitype: string;
  /** Type and mandatory flag (`V~M`, `D~O`, `DT~M~time_start`). */
  readonly typeofdata: string | null;
  /** 0 or 2 active, 1 inactive. */
  readonly presence: number;
  /** 1 editable, 2 read only, 3 hidden, ... */
  readonly displaytype: number;
  /** Value Vtiger's forms pre-fill. */
  readonly defaultvalue: string | null;
  /** The block the field is shown in. */
  readonly block: number | null;
  /** 1 when the field takes part in the duplicate check (NULL before Vtiger 7.1). */
  readonly isunique: number | null;
}

/** Reference targets: per field id (uitype 10) and per uitype (fixed ones). */
export interface ReferenceTargets {
  /** `vtiger_fieldmodulerel` targets in `sequence` order, by field id. */
  readonly byField: ReadonlyMap<number, readonly string[]>;
  /** `vtiger_ws_referencetype` targets, by uitype. */
  readonly byUitype: ReadonlyMap<number, readonly string[]>;
  /** Names of entity modules: the only targets a record reference can have. */
  readonly entityModules: ReadonlySet<string>;
}

/** The uitype of Vtiger's generic reference field. */
const UITYPE_REFERENCE = 10;

/** The salutation picklist (uitype 55) is role-based like uitype 15. */
const UITYPE_SALUTATION = 55;

/** The picklist table of a field, named after its field name (`vtiger_<fieldname>`). */
export function picklistTable(fieldName: string): string {
  return `vtiger_${fieldName}`;
}

function picklistKind(row: FieldRow, uitype: number, schema: SchemaInfo): PicklistKind | undefined {
  const kind = picklistKindOf(uitype) ??
    (uitype === UITYPE_SALUTATION && row.fieldname === "salutationtype" ? "role" : undefined);
  if (kind === undefined) return undefined;
  const table = schema.get(picklistTable(row.fieldname));
  return table?.columns.has(row.fieldname) && table.columns.has("sortorderid") ? kind : undefined;
}

function referenceModules(
  row: FieldRow,
  uitype: number,
  targets: ReferenceTargets,
): string[] | undefined {
  const declared = uitype === UITYPE_REFERENCE
    ? targets.byField.get(row.fieldid)
    : targets.byUitype.get(uitype);
  const modules = (declared ?? []).filter((name) => targets.entityModules.has(name));
  return modules.length === 0 ? undefined : modules;
}

/** Builds one field definition; `recordTables` decides `onRecordTable`. */
export function buildField(
  row: FieldRow,
  recordTables: Readonly<Record<string, string>>,
  schema: SchemaInfo,
  targets: ReferenceTargets,
  block?: string,
): FieldDefinition {
  const uitype = Number(row.uitype);
  const onRecordTable = Object.hasOwn(recordTables, row.tablename);
  const column = schema.get(row.tablename)?.columns.get(row.columnname);
  const picklist = picklistKind(row, uitype, schema);
  const references = referenceModules(row, uitype, targets);
  const defaultValue = row.defaultvalue ?? "";
  return {
    id: row.fieldid,
    name: row.fieldname,
    column: row.columnname,
    table: row.tablename,
    label: row.fieldlabel,
    uitype,
    ...parseTypeOfData(row.typeofdata ?? ""),
    presence: row.presence,
    displayType: row.displaytype,
    onRecordTable,
    ...(column?.maxLength === undefined ? {} : { maxLength: column.maxLength }),
    ...(defaultValue === "" ? {} : { defaultValue }),
    ...(picklist === undefined ? {} : { picklist }),
    ...(references === undefined ? {} : { referenceModules: references }),
    ...(block === undefined ? {} : { block }),
    ...(Number(row.isunique) === 1 ? { unique: true } : {}),
  };
}

/**
 * The field that takes the time part of a date-and-time field stored in a DATE
 * column: the third part of `typeofdata` (`DT~M~time_start`), when it names a
 * field of the same module.
 */
export function timeFieldName(row: FieldRow): string | undefined {
  const parts = (row.typeofdata ?? "").split("~");
  return parts[0] === "DT" && parts.length >= 3 && /^[a-z_]+$/i.test(parts[2])
    ? parts[2]
    : undefined;
}

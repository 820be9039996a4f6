/**
 * A Vtiger field (one row of `vtiger_field`) and the rules derived from its
 * uitype and `typeofdata`.
 *
 * @module
 */

/** How a picklist field picks its values. */
export type PicklistKind = "role" | "plain" | "multi";

/** One active field of a module, as Vtiger declares it in `vtiger_field`. */
export interface FieldDefinition {
  /** `vtiger_field.fieldid`: the order fields are returned in. */
  readonly id: number;
  /** `vtiger_field.fieldname`: the name clients use. */
  readonly name: string;
  /** `vtiger_field.columnname`. */
  readonly column: string;
  /** `vtiger_field.tablename`. */
  readonly table: string;
  /** `vtiger_field.fieldlabel`. */
  readonly label: string;
  /** `vtiger_field.uitype`. */
  readonly uitype: number;
  /** The type part of `typeofdata` (`V`, `I`, `N`, `NN`, `D`, `DT`, `T`, `E`, `C`, ...). */
  readonly dataType: string;
  /** Whether `typeofdata` ends in `~M`. */
  readonly mandatory: boolean;
  /** `vtiger_field.presence` (0 or 2 for active fields). */
  readonly presence: number;
  /** `vtiger_field.displaytype` (1 editable, 2 read only, 3 hidden, ...). */
  readonly displayType: number;
  /** Whether the column lives on one of the module's record tables. */
  readonly onRecordTable: boolean;
  /** Longest text the column holds, in characters, when it is a text column. */
  readonly maxLength?: number;
  /** `vtiger_field.defaultvalue`: what Vtiger's forms pre-fill (its webservice does not apply it). */
  readonly defaultValue?: string;
  /** Set for picklist fields: how values are chosen. */
  readonly picklist?: PicklistKind;
  /** For reference fields: the modules a value may point to. */
  readonly referenceModules?: readonly string[];
  /** The label of the block (`vtiger_blocks.blocklabel`) the field is shown in, when known. */
  readonly block?: string;
  /** `vtiger_field.isunique`: part of the duplicate check when the module allows no duplicates. */
  readonly unique?: boolean;
  /**
   * The one value Vtiger stores here whatever is sent (Calendar's
   * `activitytype` is always `Task`): that value is accepted, any other refused.
   */
  readonly fixedValue?: string;
  /**
   * For a date-and-time value stored as a date (`DT~M~time_start`): the field
   * its time part goes to, unless that field is given too.
   */
  readonly timeField?: string;
  /**
   * Set when the module's save computes the value itself (an activity's
   * `duration_hours` and `duration_minutes`, from its start and end): a value
   * sent is accepted and replaced, and none is ever required.
   */
  readonly derived?: boolean;
}

/** The separator Vtiger stores between the values of a multi-select picklist. */
export const MULTI_PICKLIST_SEPARATOR = " |##| ";

/** The largest value of Vtiger's INT columns (ids, integers). */
export const VTIGER_INT_MAX = 2147483647;

/** The uitype of the record number field (`account_no`, ...). */
export const UITYPE_RECORD_NUMBER = 4;

/** The uitype of the owner field (`assigned_user_id`: a user or a group). */
export const UITYPE_OWNER = 53;

/** Uitypes Vtiger fills in itself on every save: never written by clients. */
const SYSTEM_UITYPES: ReadonlySet<number> = new Set([UITYPE_RECORD_NUMBER, 70]);

/** Bookkeeping columns Vtiger's save overwrites with the acting user whatever is sent. */
const SYSTEM_COLUMNS: ReadonlySet<string> = new Set(["modifiedby", "smcreatorid"]);

/**
 * Display types whose values Vtiger's save writes (`CRMEntity::insertIntoEntityTable`
 * writes 1, 3 and 6; 6 holds `tags`, kept by Vtiger's tag tables, not written here).
 */
const WRITTEN_DISPLAY_TYPES: ReadonlySet<number> = new Set([1, 3]);

/** Uitypes whose value is the id of a user. */
const USER_REFERENCE_UITYPES: ReadonlySet<number> = new Set([52, 77, 101, 116]);

/** Splits a `typeofdata` string such as `V~M~LE~100` into type and mandatory flag. */
export function parseTypeOfData(typeOfData: string): { dataType: string; mandatory: boolean } {
  const [dataType = "V", flag = "O"] = typeOfData.split("~");
  return { dataType: dataType.trim() || "V", mandatory: flag.trim().toUpperCase() === "M" };
}

/** Maps a picklist uitype to its kind, or `undefined` for other fields. */
export function picklistKindOf(uitype: number): PicklistKind | undefined {
  if (uitype === 15) return "role";
  if (uitype === 16) return "plain";
  if (uitype === 33) return "multi";
  return undefined;
}

/**
 * Whether clients may write the field, as Vtiger's webservice save writes it:
 * a field on the record tables of display type 1 (editable) or 3 (set by the
 * program, such as Calendar's `time_start` or a contact's `salutationtype`),
 * and the owner; never a field Vtiger fills itself (record number, created
 * and modified times, modifier) nor a read-only one (display type 2).
 */
export function isClientWritable(field: FieldDefinition): boolean {
  return field.onRecordTable && !SYSTEM_UITYPES.has(field.uitype) &&
    !(field.uitype === 52 && SYSTEM_COLUMNS.has(field.column)) &&
    (WRITTEN_DISPLAY_TYPES.has(field.displayType) || field.uitype === UITYPE_OWNER);
}

/** Whether the field holds the id of a user (not a group). */
export function isUserReference(field: FieldDefinition): boolean {
  return USER_REFERENCE_UITYPES.has(field.uitype);
}

/** Whether the field holds the id of another record. */
export function isRecordReference(field: FieldDefinition): boolean {
  return (field.referenceModules?.length ?? 0) > 0;
}

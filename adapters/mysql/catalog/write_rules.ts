/**
 * The modules whose records cannot be written here, and why: those Vtiger's
 * own webservice does not create with a plain field map either, or whose
 * save runs business logic this service does not reproduce.
 *
 * @module
 */

/** Why each refused module is refused, by module name. */
export const WRITE_REFUSALS: Readonly<Record<string, string>> = {
  Emails: "an e-mail record is Vtiger's trace of a message its mail composer sent (recipients " +
    "resolved to records, tracking, attachments); one written here would record a message " +
    "nobody sent, so e-mails are read-only here: send them from Vtiger",
  Webmails: "the module has no fields and no tables of its own",
  Users: "users are not CRM records; Vtiger manages them through its settings",
};

/** The refusal for a module, or `undefined` when it can be written. */
export function writeRefusalFor(moduleName: string, hasBaseTable: boolean): string | undefined {
  if (Object.hasOwn(WRITE_REFUSALS, moduleName)) return WRITE_REFUSALS[moduleName];
  return hasBaseTable ? undefined : "the module declares no base table in vtiger_entityname";
}

/** Modules for which Vtiger adds no `vtiger_crmentity_user_field` row on create. */
export const NO_USER_FIELD_ROW: ReadonlySet<string> = new Set([
  "SMSNotifier",
  "PBXManager",
  "ModComments",
]);

/**
 * Tables Vtiger's retrieve never joins although a module lists them (several
 * rows per record, or not per record at all): their fields read as `""`.
 */
export const MULTIROW_SKIPPED_TABLES: ReadonlySet<string> = new Set([
  "vtiger_campaignrelstatus",
  "vtiger_attachments",
  "vtiger_email_track",
]);

/**
 * Columns a module's own `get_column_value` stores as NULL when left empty
 * (Vtiger's `Quotes` and `Invoice` classes override it), by module.
 */
const NULL_WHEN_EMPTY: Readonly<Record<string, ReadonlySet<string>>> = {
  Quotes: new Set(["potentialid", "contactid"]),
  Invoice: new Set(["salesorderid"]),
};

/** Whether the module stores its column as NULL when the field is left empty. */
export function nullWhenEmpty(moduleName: string, column: string): boolean {
  return Object.hasOwn(NULL_WHEN_EMPTY, moduleName) && NULL_WHEN_EMPTY[moduleName].has(column);
}

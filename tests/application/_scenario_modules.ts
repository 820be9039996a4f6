/**
 * The modules the permission scenario touches on the memory adapter beside
 * the demo's Accounts: Contacts with its "Reports To" reference, Documents,
 * Calendar (tasks) and ModComments, each reduced to the fields the scenario
 * uses, declared as Vtiger 7.1.0's `vtiger_field` declares them (ids, tables,
 * columns, uitypes, reference targets).
 *
 * @module
 */

import { DEMO_CONTACTS } from "../../adapters/memory/demo/demo_modules.ts";
import { type FieldDefinition, parseTypeOfData } from "../../domain/field.ts";
import type { ModuleDefinition } from "../../domain/module.ts";

type FieldRow = [
  id: number,
  name: string,
  column: string,
  table: string,
  uitype: number,
  typeOfData: string,
  displayType?: number,
  references?: readonly string[],
];

function fields(rows: readonly FieldRow[]): FieldDefinition[] {
  return rows.map(([id, name, column, table, uitype, typeOfData, displayType, references]) => ({
    id,
    name,
    column,
    table,
    label: name,
    uitype,
    ...parseTypeOfData(typeOfData),
    presence: 2,
    displayType: displayType ?? 1,
    onRecordTable: true,
    ...(references === undefined ? {} : { referenceModules: references }),
  }));
}

const CE = "vtiger_crmentity";

/** Contacts as the demo declares them, with "Reports To" (`contact_id`, uitype 57). */
export const SCENARIO_CONTACTS: ModuleDefinition = {
  ...DEMO_CONTACTS,
  fields: [
    ...DEMO_CONTACTS.fields,
    ...fields([[81, "contact_id", "reportsto", "vtiger_contactdetails", 57, "V~O", 1, [
      "Contacts",
    ]]]),
  ].sort((a, b) => a.id - b.id),
};

/** Documents, reduced to what the scenario touches. */
export const DOCUMENTS: ModuleDefinition = {
  name: "Documents",
  tabId: 8,
  baseTable: "vtiger_notes",
  baseIdColumn: "notesid",
  recordTables: { vtiger_crmentity: "crmid", vtiger_notes: "notesid" },
  labelFields: ["notes_title"],
  fields: fields([
    [157, "notes_title", "title", "vtiger_notes", 2, "V~M"],
    [160, "assigned_user_id", "smownerid", CE, 53, "V~M"],
  ]),
};

/** Calendar's tasks, with their two references (`parent_id` 66, `contact_id` 57). */
export const CALENDAR: ModuleDefinition = {
  name: "Calendar",
  tabId: 9,
  baseTable: "vtiger_activity",
  baseIdColumn: "activityid",
  recordTables: {
    vtiger_crmentity: "crmid",
    vtiger_activity: "activityid",
    vtiger_seactivityrel: "activityid",
    vtiger_cntactivityrel: "activityid",
  },
  labelFields: ["subject"],
  fields: fields([
    [232, "subject", "subject", "vtiger_activity", 2, "V~M"],
    [233, "assigned_user_id", "smownerid", CE, 53, "V~M"],
    [234, "date_start", "date_start", "vtiger_activity", 6, "DT~M"],
    [237, "due_date", "due_date", "vtiger_activity", 23, "D~M"],
    [238, "parent_id", "crmid", "vtiger_seactivityrel", 66, "I~O", 1, [
      "Accounts",
      "Campaigns",
      "HelpDesk",
      "Leads",
      "Potentials",
    ]],
    [239, "contact_id", "contactid", "vtiger_cntactivityrel", 57, "I~O", 1, ["Contacts"]],
    [240, "taskstatus", "status", "vtiger_activity", 1, "V~M"],
  ]),
};

/** ModComments, as Vtiger 7.1.0 declares it. */
export const MOD_COMMENTS: ModuleDefinition = {
  name: "ModComments",
  tabId: 48,
  baseTable: "vtiger_modcomments",
  baseIdColumn: "modcommentsid",
  recordTables: { vtiger_crmentity: "crmid", vtiger_modcomments: "modcommentsid" },
  labelFields: ["commentcontent"],
  fields: fields([
    [666, "commentcontent", "commentcontent", "vtiger_modcomments", 19, "V~M"],
    [667, "assigned_user_id", "smownerid", CE, 53, "V~M"],
    [668, "createdtime", "createdtime", CE, 70, "DT~O", 2],
    [669, "modifiedtime", "modifiedtime", CE, 70, "DT~O", 2],
    [670, "related_to", "related_to", "vtiger_modcomments", 10, "V~M", 1, [
      "Leads",
      "Contacts",
      "Accounts",
      "Potentials",
      "Project",
      "ProjectTask",
      "HelpDesk",
      "Faq",
      "Invoice",
      "Quotes",
      "PurchaseOrder",
      "SalesOrder",
    ]],
    [671, "creator", "smcreatorid", CE, 52, "V~O", 2],
    [672, "parent_comments", "parent_comments", "vtiger_modcomments", 10, "V~O", 1, [
      "ModComments",
    ]],
    [733, "userid", "userid", "vtiger_modcomments", 10, "V~O", 3],
  ]),
};

/**
 * The minimal structural types of the Vtiger tables (and vtrest's own tables)
 * the adapter reads and writes through Kysely's typed builder. Tables whose
 * names come from metadata (module record tables, picklist tables) are queried
 * through {@linkcode DynamicTables} instead.
 *
 * Integer columns come back as numbers, DECIMAL and date columns as strings
 * (the pool sets `dateStrings`), so the types say so.
 *
 * @module
 */

/** `vtiger_tab`: one row per module. */
export interface TabTable {
  /** Module id. */
  tabid: number;
  /** Module name (`Accounts`), as URLs spell it. */
  name: string;
  /** 0 active, 1 disabled, 2 active and hidden from the menu. */
  presence: number;
  /** 1 for modules without record ownership rules, 0 otherwise. */
  ownedby: number | null;
  /** 1 for entity (record) modules. */
  isentitytype: number;
  /** The key of the module's name in its language strings (`Accounts`). */
  tablabel: string | null;
  /** 0 when Vtiger's duplicate prevention is on for the module (7.x and later). */
  allowduplicates: number | null;
}

/** `vtiger_blocks`: the blocks fields are shown in. */
export interface BlocksTable {
  /** Block id (`vtiger_field.block`). */
  blockid: number;
  /** The module's id. */
  tabid: number;
  /** The key of the block's title in the module's language strings. */
  blocklabel: string;
}

/** `vtiger_field`: one row per field of a module. */
export interface FieldTable {
  /** The module's id. */
  tabid: number;
  /** Field id: the order fields are returned in. */
  fieldid: number;
  /** Field name, as clients use it. */
  fieldname: string;
  /** Column holding the value. */
  columnname: string;
  /** Table holding the value. */
  tablename: string;
  /** Label shown in Vtiger's forms. */
  fieldlabel: string;
  /** Kind of field (1 text, 15 picklist, 53 owner, ...), stored as text. */
  uitype: string;
  /** Type and mandatory flag (`V~M`, `D~O`, `DT~M~time_start`). */
  typeofdata: string;
  /** 0 or 2 active, 1 inactive. */
  presence: number;
  /** 1 editable, 2 read only, 3 hidden, ... */
  displaytype: number;
  /** Value Vtiger's forms pre-fill. */
  defaultvalue: string | null;
  /** 1 standard field, 2 custom field. */
  generatedtype: number;
  /** The block the field is shown in (`vtiger_blocks.blockid`). */
  block: number | null;
}

/** `vtiger_entityname`: a module's base table and label fields. */
export interface EntityNameTable {
  /** The module's id. */
  tabid: number;
  /** The module's name. */
  modulename: string;
  /** The module's base table. */
  tablename: string;
  /** Comma-separated base-table columns that make the record label. */
  fieldname: string;
  /** Id column of the base table. */
  entityidfield: string;
  /** Id column as Vtiger's list queries name it. */
  entityidcolumn: string;
}

/** `vtiger_fieldmodulerel`: the modules a uitype 10 field may point to. */
export interface FieldModuleRelTable {
  /** The reference field (uitype 10). */
  fieldid: number;
  /** The field's own module. */
  module: string;
  /** A module the field may point to. */
  relmodule: string;
  /** Not read by vtrest. */
  status: string | null;
  /** Order of the target modules. */
  sequence: number | null;
}

/** `vtiger_crmentity`: the row every entity record has. */
export interface CrmEntityTable {
  /** Record id. */
  crmid: number;
  /** User who created the record. */
  smcreatorid: number;
  /** Owner: a user or group id. */
  smownerid: number;
  /** User who last changed the record. */
  modifiedby: number;
  /** Module of the record (`Calendar` for Events too). */
  setype: string | null;
  /** The `description` field of every module. */
  description: string | null;
  /** Creation time, `YYYY-MM-DD HH:MM:SS`. */
  createdtime: string;
  /** Last change time, `YYYY-MM-DD HH:MM:SS`. */
  modifiedtime: string;
  /** Last view time (not written by vtrest). */
  viewedtime: string | null;
  /** Left NULL by Vtiger's save. */
  status: string | null;
  /** Written 0. */
  version: number;
  /** Written 1. */
  presence: number | null;
  /** 1 when the record is deleted. */
  deleted: number;
  /** Written 0: groups own records through `smownerid`. */
  smgroupid: number | null;
  /** The record label: the label fields' values joined by a space. */
  label: string | null;
}

/** A one-row, one-column id sequence (`vtiger_crmentity_seq`, ...). */
export interface SequenceTable {
  /** The last value handed out. */
  id: number;
}

/** `vtiger_modentity_num`: record numbering per module. */
export interface ModEntityNumTable {
  /** Row id. */
  num_id: number;
  /** Module the numbering belongs to. */
  semodule: string | null;
  /** Text before the number (`ACC`). */
  prefix: string;
  /** First number of the sequence. */
  start_id: string;
  /** Next number to hand out, its width kept (`0009`). */
  cur_id: string;
  /** `1` for the numbering in use. */
  active: string;
}

/** `vtiger_modtracker_basic`: one history entry. */
export interface ModTrackerBasicTable {
  /** Entry id, from `vtiger_modtracker_basic_seq`. */
  id: number;
  /** The record changed. */
  crmid: number | null;
  /** The record's module (`Calendar` for Events). */
  module: string | null;
  /** User who made the change. */
  whodid: number | null;
  /** When, `YYYY-MM-DD HH:MM:SS`. */
  changedon: string | null;
  /** 0 updated, 1 deleted, 2 created, 3 restored, 4 linked, 5 unlinked. */
  status: number | null;
}

/** `vtiger_modtracker_detail`: one changed field of a history entry. */
export interface ModTrackerDetailTable {
  /** The entry (`vtiger_modtracker_basic.id`). */
  id: number | null;
  /** Field name, or `label`, `record_id`, `record_module`. */
  fieldname: string | null;
  /** Old value, HTML-encoded (NULL on create). */
  prevalue: string | null;
  /** New value, HTML-encoded. */
  postvalue: string | null;
}

/** `vtiger_modtracker_tabs`: which modules ModTracker follows. */
export interface ModTrackerTabsTable {
  /** The module's id. */
  tabid: number;
  /** 1 when ModTracker records the module's changes. */
  visible: number | null;
}

/** `vtiger_users`: the columns a login needs. */
export interface UsersTable {
  /** User id. */
  id: number;
  /** Login name. */
  user_name: string | null;
  /** Password hash, per `crypt_type`. */
  user_password: string | null;
  /** Hash kind: `PHASH`, `PHP5.3MD5` or `MD5`. */
  crypt_type: string;
  /** Webservice access key. */
  accesskey: string | null;
  /** `Active` or `Inactive`. */
  status: string | null;
  /** 1 when the user is deleted. */
  deleted: number;
  /** `on` for administrators. */
  is_admin: string | null;
}

/** `vtiger_user2role`. */
export interface UserToRoleTable {
  /** The user. */
  userid: number;
  /** The user's role (`H2`). */
  roleid: string;
}

/** `vtiger_groups`. */
export interface GroupsTable {
  /** Group id (shares the id space of users as an owner). */
  groupid: number;
  /** Group name. */
  groupname: string | null;
}

/** `vtiger_role`: the role hierarchy. */
export interface RoleTable {
  /** Role id (`H2`). */
  roleid: string;
  /** Role name. */
  rolename: string | null;
  /** Path from the top role, `::`-separated (`H1::H2`). */
  parentrole: string | null;
  /** Depth in the hierarchy (0 for the top role). */
  depth: number | null;
}

/** `vtiger_role2profile`: the profiles of each role. */
export interface RoleToProfileTable {
  /** The role. */
  roleid: string;
  /** A profile of the role. */
  profileid: number;
}

/** `vtiger_profile2globalpermissions`: a profile's "View all" and "Edit all". */
export interface ProfileToGlobalPermissionsTable {
  /** The profile. */
  profileid: number;
  /** 1 View all, 2 Edit all. */
  globalactionid: number;
  /** 0 allowed, 1 not. */
  globalactionpermission: number | null;
}

/** `vtiger_profile2tab`: whether a profile may use a module. */
export interface ProfileToTabTable {
  /** The profile. */
  profileid: number | null;
  /** The module. */
  tabid: number | null;
  /** 0 the profile may use the module, 1 not. */
  permissions: number;
}

/** `vtiger_profile2standardpermissions`: a profile's standard actions per module. */
export interface ProfileToStandardPermissionsTable {
  /** The profile. */
  profileid: number;
  /** The module. */
  tabid: number;
  /** Action id: 0 Save, 1 EditView, 2 Delete, 3 index (list), 4 DetailView, 7 CreateView. */
  operation: number;
  /** 0 allowed, 1 not. */
  permissions: number | null;
}

/** `vtiger_profile2field`: a profile's view of each field. */
export interface ProfileToFieldTable {
  /** The profile. */
  profileid: number;
  /** The field's module. */
  tabid: number | null;
  /** The field. */
  fieldid: number;
  /** 0 visible, 1 hidden. */
  visible: number | null;
  /** 0 editable, 1 read only. */
  readonly: number | null;
}

/** `vtiger_def_org_share`: the organisation-wide sharing level of each module. */
export interface DefOrgShareTable {
  /** Row id; the last row of a module counts. */
  ruleid: number;
  /** The module. */
  tabid: number;
  /** Sharing level: 0 public read only, 1 read/create/edit, 2 and delete too, 3 private. */
  permission: number | null;
  /** Whether the level may be changed in Vtiger's settings. */
  editstatus: number | null;
}

/** `vtiger_def_org_field`: the organisation-wide view of each field. */
export interface DefOrgFieldTable {
  /** The field's module. */
  tabid: number | null;
  /** The field. */
  fieldid: number;
  /** 0 visible to the organisation, 1 hidden. */
  visible: number | null;
  /** 0 editable, 1 read only. */
  readonly: number | null;
}

/** `vtiger_users2group`: users who are direct members of a group. */
export interface UsersToGroupTable {
  /** The group. */
  groupid: number;
  /** A user who is a member. */
  userid: number;
}

/** `vtiger_group2role`: roles whose users are members of a group. */
export interface GroupToRoleTable {
  /** The group. */
  groupid: number;
  /** A role whose users are members. */
  roleid: string;
}

/** `vtiger_group2rs`: roles, with their subordinates, whose users are members of a group. */
export interface GroupToRoleAndSubordinatesTable {
  /** The group. */
  groupid: number;
  /** A role whose users, and its subordinate roles' users, are members. */
  roleandsubid: string;
}

/** `vtiger_group2grouprel`: groups contained in a group. */
export interface GroupToGroupTable {
  /** The containing group. */
  groupid: number;
  /** A group contained in it. */
  containsgroupid: number;
}

/** `vtiger_picklist`: the role-based picklists. */
export interface PicklistTable {
  /** Picklist id. */
  picklistid: number;
  /** Picklist name: the field name and `vtiger_<name>` value table. */
  name: string;
}

/** `vtiger_role2picklist`: the picklist values each role may use. */
export interface RoleToPicklistTable {
  /** The role. */
  roleid: string;
  /** The value (`picklist_valueid` of its value table). */
  picklistvalueid: number;
  /** The picklist. */
  picklistid: number;
  /** Order of the value for the role. */
  sortid: number | null;
}

/** `information_schema.columns`: the columns of every table the server holds. */
export interface InformationSchemaColumnsTable {
  /** Database (schema) name. */
  table_schema: string;
  /** Table name. */
  table_name: string;
  /** Column name. */
  column_name: string;
}

/** `vtiger_picklist_dependency`. */
export interface PicklistDependencyTable {
  /** Rule id: the order rules are returned in. */
  id: number;
  /** The module. */
  tabid: number;
  /** The picklist the rule starts from. */
  sourcefield: string | null;
  /** The dependent picklist. */
  targetfield: string | null;
  /** The source value the rule applies to (may be HTML-encoded). */
  sourcevalue: string | null;
  /** JSON array of the target values allowed (may be HTML-encoded). */
  targetvalues: string | null;
  /** Extra conditions (not read by vtrest). */
  criteria: string | null;
}

/** `vtiger_crmentity_user_field`: per-user columns of a record (starred). */
export interface CrmEntityUserFieldTable {
  /** The record. */
  recordid: number;
  /** The user the row is for. */
  userid: number;
  /** `1` when the user starred the record, `0` otherwise. */
  starred: string | null;
}

/** `vtrest_sessions`: vtrest's own session table. */
export interface SessionsTable {
  /** SHA-256 of the token, hexadecimal. */
  token_hash: string;
  /** The user the session is for. */
  user_id: number;
  /** When the session was opened: UTC, to the millisecond. */
  created_at: string;
  /** When the session expires: UTC, to the millisecond. */
  expires_at: string;
  /** The user's credential fingerprint at login (SHA-256, hexadecimal); `''` before migration 0003. */
  credential_fingerprint: string;
}

/** `vtrest_counters`: vtrest's windowed event counters (failed logins, and the like). */
export interface CountersTable {
  /** SHA-256 of what is counted, hexadecimal: fixed size whatever the client sent. */
  counter_key: string;
  /** Events in the current window. */
  hits: number;
  /** When the current window's first event happened: UTC, to the millisecond. */
  first_at: string;
  /** When its latest event happened: UTC, to the millisecond. */
  last_at: string;
  /** When the window is over and the row may be swept: UTC, to the millisecond. */
  expires_at: string;
}

/** Every table the adapter knows by name. */
export interface VtigerSchema {
  /** `vtiger_tab`: see {@linkcode TabTable}. */
  vtiger_tab: TabTable;
  /** `vtiger_field`: see {@linkcode FieldTable}. */
  vtiger_field: FieldTable;
  /** `vtiger_blocks`: see {@linkcode BlocksTable}. */
  vtiger_blocks: BlocksTable;
  /** `vtiger_entityname`: see {@linkcode EntityNameTable}. */
  vtiger_entityname: EntityNameTable;
  /** `vtiger_fieldmodulerel`: see {@linkcode FieldModuleRelTable}. */
  vtiger_fieldmodulerel: FieldModuleRelTable;
  /** `vtiger_crmentity`: see {@linkcode CrmEntityTable}. */
  vtiger_crmentity: CrmEntityTable;
  /** `vtiger_crmentity_seq`: see {@linkcode SequenceTable}. */
  vtiger_crmentity_seq: SequenceTable;
  /** `vtiger_modentity_num`: see {@linkcode ModEntityNumTable}. */
  vtiger_modentity_num: ModEntityNumTable;
  /** `vtiger_modtracker_basic`: see {@linkcode ModTrackerBasicTable}. */
  vtiger_modtracker_basic: ModTrackerBasicTable;
  /** `vtiger_modtracker_basic_seq`: see {@linkcode SequenceTable}. */
  vtiger_modtracker_basic_seq: SequenceTable;
  /** `vtiger_modtracker_detail`: see {@linkcode ModTrackerDetailTable}. */
  vtiger_modtracker_detail: ModTrackerDetailTable;
  /** `vtiger_modtracker_tabs`: see {@linkcode ModTrackerTabsTable}. */
  vtiger_modtracker_tabs: ModTrackerTabsTable;
  /** `vtiger_users`: see {@linkcode UsersTable}. */
  vtiger_users: UsersTable;
  /** `vtiger_user2role`: see {@linkcode UserToRoleTable}. */
  vtiger_user2role: UserToRoleTable;
  /** `vtiger_groups`: see {@linkcode GroupsTable}. */
  vtiger_groups: GroupsTable;
  /** `vtiger_role`: see {@linkcode RoleTable}. */
  vtiger_role: RoleTable;
  /** `vtiger_role2profile`: see {@linkcode RoleToProfileTable}. */
  vtiger_role2profile: RoleToProfileTable;
  /** `vtiger_profile2globalpermissions`: see {@linkcode ProfileToGlobalPermissionsTable}. */
  vtiger_profile2globalpermissions: ProfileToGlobalPermissionsTable;
  /** `vtiger_profile2tab`: see {@linkcode ProfileToTabTable}. */
  vtiger_profile2tab: ProfileToTabTable;
  /** `vtiger_profile2standardpermissions`: see {@linkcode ProfileToStandardPermissionsTable}. */
  vtiger_profile2standardpermissions: ProfileToStandardPermissionsTable;
  /** `vtiger_profile2field`: see {@linkcode ProfileToFieldTable}. */
  vtiger_profile2field: ProfileToFieldTable;
  /** `vtiger_def_org_share`: see {@linkcode DefOrgShareTable}. */
  vtiger_def_org_share: DefOrgShareTable;
  /** `vtiger_def_org_field`: see {@linkcode DefOrgFieldTable}. */
  vtiger_def_org_field: DefOrgFieldTable;
  /** `vtiger_users2group`: see {@linkcode UsersToGroupTable}. */
  vtiger_users2group: UsersToGroupTable;
  /** `vtiger_group2role`: see {@linkcode GroupToRoleTable}. */
  vtiger_group2role: GroupToRoleTable;
  /** `vtiger_group2rs`: see {@linkcode GroupToRoleAndSubordinatesTable}. */
  vtiger_group2rs: GroupToRoleAndSubordinatesTable;
  /** `vtiger_group2grouprel`: see {@linkcode GroupToGroupTable}. */
  vtiger_group2grouprel: GroupToGroupTable;
  /** `vtiger_picklist`: see {@linkcode PicklistTable}. */
  vtiger_picklist: PicklistTable;
  /** `vtiger_role2picklist`: see {@linkcode RoleToPicklistTable}. */
  vtiger_role2picklist: RoleToPicklistTable;
  /** `information_schema.columns`: see {@linkcode InformationSchemaColumnsTable}. */
  "information_schema.columns": InformationSchemaColumnsTable;
  /** `vtiger_picklist_dependency`: see {@linkcode PicklistDependencyTable}. */
  vtiger_picklist_dependency: PicklistDependencyTable;
  /** `vtiger_crmentity_user_field`: see {@linkcode CrmEntityUserFieldTable}. */
  vtiger_crmentity_user_field: CrmEntityUserFieldTable;
  /** `vtrest_sessions`: see {@linkcode SessionsTable}. */
  vtrest_sessions: SessionsTable;
  /** `vtrest_counters`: see {@linkcode CountersTable}. */
  vtrest_counters: CountersTable;
}

/** Tables named only at run time, from metadata: any column, any value. */
export type DynamicTables = Record<string, Record<string, unknown>>;

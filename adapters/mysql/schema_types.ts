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
  tabid: number;
  name: string;
  presence: number;
  ownedby: number | null;
  isentitytype: number;
}

/** `vtiger_field`: one row per field of a module. */
export interface FieldTable {
  tabid: number;
  fieldid: number;
  fieldname: string;
  columnname: string;
  tablename: string;
  fieldlabel: string;
  uitype: string;
  typeofdata: string;
  presence: number;
  displaytype: number;
  defaultvalue: string | null;
  generatedtype: number;
}

/** `vtiger_entityname`: a module's base table and label fields. */
export interface EntityNameTable {
  tabid: number;
  modulename: string;
  tablename: string;
  fieldname: string;
  entityidfield: string;
  entityidcolumn: string;
}

/** `vtiger_fieldmodulerel`: the modules a uitype 10 field may point to. */
export interface FieldModuleRelTable {
  fieldid: number;
  module: string;
  relmodule: string;
  status: string | null;
  sequence: number | null;
}

/** `vtiger_crmentity`: the row every entity record has. */
export interface CrmEntityTable {
  crmid: number;
  smcreatorid: number;
  smownerid: number;
  modifiedby: number;
  setype: string | null;
  description: string | null;
  createdtime: string;
  modifiedtime: string;
  viewedtime: string | null;
  status: string | null;
  version: number;
  presence: number | null;
  deleted: number;
  smgroupid: number | null;
  label: string | null;
}

/** A one-row, one-column id sequence (`vtiger_crmentity_seq`, ...). */
export interface SequenceTable {
  id: number;
}

/** `vtiger_modentity_num`: record numbering per module. */
export interface ModEntityNumTable {
  num_id: number;
  semodule: string | null;
  prefix: string;
  start_id: string;
  cur_id: string;
  active: string;
}

/** `vtiger_modtracker_basic`: one history entry. */
export interface ModTrackerBasicTable {
  id: number;
  crmid: number | null;
  module: string | null;
  whodid: number | null;
  changedon: string | null;
  status: number | null;
}

/** `vtiger_modtracker_detail`: one changed field of a history entry. */
export interface ModTrackerDetailTable {
  id: number | null;
  fieldname: string | null;
  prevalue: string | null;
  postvalue: string | null;
}

/** `vtiger_modtracker_tabs`: which modules ModTracker follows. */
export interface ModTrackerTabsTable {
  tabid: number;
  visible: number | null;
}

/** `vtiger_users`: the columns a login needs. */
export interface UsersTable {
  id: number;
  user_name: string | null;
  user_password: string | null;
  crypt_type: string;
  accesskey: string | null;
  status: string | null;
  deleted: number;
  is_admin: string | null;
}

/** `vtiger_user2role`. */
export interface UserToRoleTable {
  userid: number;
  roleid: string;
}

/** `vtiger_groups`. */
export interface GroupsTable {
  groupid: number;
  groupname: string | null;
}

/** `vtiger_role`: the role hierarchy. */
export interface RoleTable {
  roleid: string;
  rolename: string | null;
  parentrole: string | null;
  depth: number | null;
}

/** `vtiger_role2profile`: the profiles of each role. */
export interface RoleToProfileTable {
  roleid: string;
  profileid: number;
}

/** `vtiger_profile2globalpermissions`: a profile's "View all" and "Edit all". */
export interface ProfileToGlobalPermissionsTable {
  profileid: number;
  globalactionid: number;
  globalactionpermission: number | null;
}

/** `vtiger_profile2tab`: whether a profile may use a module. */
export interface ProfileToTabTable {
  profileid: number | null;
  tabid: number | null;
  permissions: number;
}

/** `vtiger_profile2standardpermissions`: a profile's standard actions per module. */
export interface ProfileToStandardPermissionsTable {
  profileid: number;
  tabid: number;
  operation: number;
  permissions: number | null;
}

/** `vtiger_profile2field`: a profile's view of each field. */
export interface ProfileToFieldTable {
  profileid: number;
  tabid: number | null;
  fieldid: number;
  visible: number | null;
  readonly: number | null;
}

/** `vtiger_def_org_share`: the organisation-wide sharing level of each module. */
export interface DefOrgShareTable {
  ruleid: number;
  tabid: number;
  permission: number | null;
  editstatus: number | null;
}

/** `vtiger_def_org_field`: the organisation-wide view of each field. */
export interface DefOrgFieldTable {
  tabid: number | null;
  fieldid: number;
  visible: number | null;
  readonly: number | null;
}

/** `vtiger_users2group`: users who are direct members of a group. */
export interface UsersToGroupTable {
  groupid: number;
  userid: number;
}

/** `vtiger_group2role`: roles whose users are members of a group. */
export interface GroupToRoleTable {
  groupid: number;
  roleid: string;
}

/** `vtiger_group2rs`: roles, with their subordinates, whose users are members of a group. */
export interface GroupToRoleAndSubordinatesTable {
  groupid: number;
  roleandsubid: string;
}

/** `vtiger_group2grouprel`: groups contained in a group. */
export interface GroupToGroupTable {
  groupid: number;
  containsgroupid: number;
}

/** `vtiger_picklist`: the role-based picklists. */
export interface PicklistTable {
  picklistid: number;
  name: string;
}

/** `vtiger_role2picklist`: the picklist values each role may use. */
export interface RoleToPicklistTable {
  roleid: string;
  picklistvalueid: number;
  picklistid: number;
  sortid: number | null;
}

/** `information_schema.columns`: the columns of every table the server holds. */
export interface InformationSchemaColumnsTable {
  table_schema: string;
  table_name: string;
  column_name: string;
}

/** `vtiger_picklist_dependency`. */
export interface PicklistDependencyTable {
  id: number;
  tabid: number;
  sourcefield: string | null;
  targetfield: string | null;
  sourcevalue: string | null;
  targetvalues: string | null;
  criteria: string | null;
}

/** `vtiger_crmentity_user_field`: per-user columns of a record (starred). */
export interface CrmEntityUserFieldTable {
  recordid: number;
  userid: number;
  starred: string | null;
}

/** `vtrest_sessions`: vtrest's own session table. */
export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

/** Every table the adapter knows by name. */
export interface VtigerSchema {
  vtiger_tab: TabTable;
  vtiger_field: FieldTable;
  vtiger_entityname: EntityNameTable;
  vtiger_fieldmodulerel: FieldModuleRelTable;
  vtiger_crmentity: CrmEntityTable;
  vtiger_crmentity_seq: SequenceTable;
  vtiger_modentity_num: ModEntityNumTable;
  vtiger_modtracker_basic: ModTrackerBasicTable;
  vtiger_modtracker_basic_seq: SequenceTable;
  vtiger_modtracker_detail: ModTrackerDetailTable;
  vtiger_modtracker_tabs: ModTrackerTabsTable;
  vtiger_users: UsersTable;
  vtiger_user2role: UserToRoleTable;
  vtiger_groups: GroupsTable;
  vtiger_role: RoleTable;
  vtiger_role2profile: RoleToProfileTable;
  vtiger_profile2globalpermissions: ProfileToGlobalPermissionsTable;
  vtiger_profile2tab: ProfileToTabTable;
  vtiger_profile2standardpermissions: ProfileToStandardPermissionsTable;
  vtiger_profile2field: ProfileToFieldTable;
  vtiger_def_org_share: DefOrgShareTable;
  vtiger_def_org_field: DefOrgFieldTable;
  vtiger_users2group: UsersToGroupTable;
  vtiger_group2role: GroupToRoleTable;
  vtiger_group2rs: GroupToRoleAndSubordinatesTable;
  vtiger_group2grouprel: GroupToGroupTable;
  vtiger_picklist: PicklistTable;
  vtiger_role2picklist: RoleToPicklistTable;
  "information_schema.columns": InformationSchemaColumnsTable;
  vtiger_picklist_dependency: PicklistDependencyTable;
  vtiger_crmentity_user_field: CrmEntityUserFieldTable;
  vtrest_sessions: SessionsTable;
}

/** Tables named only at run time, from metadata: any column, any value. */
export type DynamicTables = Record<string, Record<string, unknown>>;

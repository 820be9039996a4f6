/**
 * The original module's README (`/work/shared/spec/RestfulApi-README.txt`) as
 * fixtures for every layer's tests: its response bodies verbatim, kept as JSON
 * text so that tests can compare key order too, and the records, picklist
 * values, dependency rules and request values read from them.
 *
 * @module
 */

/** The README's example token: 32 hex characters. */
export const README_TOKEN = "f7171f3d8e13326762a45641c2dd1e39";

/** When the README's first list was taken (its `api_date_now`, in UTC). */
export const README_TIME = "2017-09-04T09:29:22Z";

/** The README's criteria: two conditions, ANDed. */
export const README_CRITERIA =
  "vtiger_account.accountname:MEDIACRM;vtiger_account.website:www.mediacrm.fr";

/** GET Accounts/{TOKEN}, at 2017-09-04 09:29:22. */
export const README_LIST = String
  .raw`{"success":true,"result":[{"accountname":"MEDIA 3+","account_no":"ACC1","phone":"","website":"","fax":"","tickersymbol":"","otherphone":"","account_id":"0","email1":"","employees":"0","email2":"","ownership":"","rating":"","industry":"","siccode":"","accounttype":"","annual_revenue":"0.00000000","emailoptout":"0","notify_owner":"0","assigned_user_id":"1","createdtime":"2016-10-28 14:40:37","modifiedtime":"2017-09-04 09:29:15","modifiedby":"1","bill_street":"34 all\u00e9e des Fr\u00eanes","ship_street":"34 all\u00e9e des Fr\u00eanes","bill_city":"Champs sur Marne","ship_city":"Champs sur Marne","bill_state":"","ship_state":"","bill_code":"77420","ship_code":"77420","bill_country":"France","ship_country":"France","bill_pobox":"","ship_pobox":"","description":"","campaignrelstatus":"","isconvertedfromlead":"0","record_id":"3","record_module":"Accounts","api_date_now":"2017-09-04 09:29:22"},{"accountname":"MEDIACRM","account_no":"ACC2","phone":"","website":"www.mediacrm.fr","fax":"","tickersymbol":"","otherphone":"","account_id":"0","email1":"","employees":"0","email2":"","ownership":"","rating":"","industry":"","siccode":"","accounttype":"","annual_revenue":"0.00000000","emailoptout":"0","notify_owner":"0","assigned_user_id":"1","createdtime":"2017-09-04 09:28:27","modifiedtime":"2017-09-04 09:28:27","modifiedby":"1","bill_street":"","ship_street":"","bill_city":"","ship_city":"","bill_state":"","ship_state":"","bill_code":"","ship_code":"","bill_country":"","ship_country":"","bill_pobox":"","ship_pobox":"","description":"","campaignrelstatus":"","isconvertedfromlead":"0","record_id":"24","record_module":"Accounts","api_date_now":"2017-09-04 09:29:22"}]}`;

/** GET Accounts/start/0/length/2/order/vtiger_account.accountname DESC/{TOKEN}, at 2017-09-04 10:14:38. */
export const README_LIST_ORDERED = String
  .raw`{"success":true,"result":[{"accountname":"MEDIACRM","account_no":"ACC2","phone":"","website":"www.mediacrm.fr","fax":"","tickersymbol":"","otherphone":"","account_id":"0","email1":"","employees":"0","email2":"","ownership":"","rating":"","industry":"","siccode":"","accounttype":"","annual_revenue":"0.00000000","emailoptout":"0","notify_owner":"0","assigned_user_id":"1","createdtime":"2017-09-04 09:28:27","modifiedtime":"2017-09-04 09:28:27","modifiedby":"1","bill_street":"","ship_street":"","bill_city":"","ship_city":"","bill_state":"","ship_state":"","bill_code":"","ship_code":"","bill_country":"","ship_country":"","bill_pobox":"","ship_pobox":"","description":"","campaignrelstatus":"","isconvertedfromlead":"0","record_id":"24","record_module":"Accounts","api_date_now":"2017-09-04 10:14:38"},{"accountname":"MEDIA 3+","account_no":"ACC1","phone":"","website":"","fax":"","tickersymbol":"","otherphone":"","account_id":"0","email1":"","employees":"0","email2":"","ownership":"","rating":"","industry":"","siccode":"","accounttype":"","annual_revenue":"0.00000000","emailoptout":"0","notify_owner":"0","assigned_user_id":"1","createdtime":"2016-10-28 14:40:37","modifiedtime":"2017-09-04 09:29:15","modifiedby":"1","bill_street":"34 all\u00e9e des Fr\u00eanes","ship_street":"34 all\u00e9e des Fr\u00eanes","bill_city":"Champs sur Marne","ship_city":"Champs sur Marne","bill_state":"","ship_state":"","bill_code":"77420","ship_code":"77420","bill_country":"France","ship_country":"France","bill_pobox":"","ship_pobox":"","description":"","campaignrelstatus":"","isconvertedfromlead":"0","record_id":"3","record_module":"Accounts","api_date_now":"2017-09-04 10:14:38"}]}`;

/** GET Accounts/criteria/vtiger_account.accountname:MEDIACRM;vtiger_account.website:www.mediacrm.fr/{TOKEN}, at 2017-09-04 09:47:16. */
export const README_LIST_CRITERIA = String
  .raw`{"success":true,"result":[{"accountname":"MEDIACRM","account_no":"ACC2","phone":"","website":"www.mediacrm.fr","fax":"","tickersymbol":"","otherphone":"","account_id":"0","email1":"","employees":"0","email2":"","ownership":"","rating":"","industry":"","siccode":"","accounttype":"","annual_revenue":"0.00000000","emailoptout":"0","notify_owner":"0","assigned_user_id":"1","createdtime":"2017-09-04 09:28:27","modifiedtime":"2017-09-04 09:28:27","modifiedby":"1","bill_street":"","ship_street":"","bill_city":"","ship_city":"","bill_state":"","ship_state":"","bill_code":"","ship_code":"","bill_country":"","ship_country":"","bill_pobox":"","ship_pobox":"","description":"","campaignrelstatus":"","isconvertedfromlead":"0","record_id":"24","record_module":"Accounts","api_date_now":"2017-09-04 09:47:16"}]}`;

/** GET Accounts/3/{TOKEN}, at 2017-09-04 09:53:04. */
export const README_RECORD_3 = String
  .raw`{"success":true,"result":{"accountname":"MEDIA 3+","account_no":"ACC1","phone":"","website":"","fax":"","tickersymbol":"","otherphone":"","account_id":"0","email1":"","employees":"0","email2":"","ownership":"","rating":"","industry":"","siccode":"","accounttype":"","annual_revenue":"0.00000000","emailoptout":"0","notify_owner":"0","assigned_user_id":"1","createdtime":"2016-10-28 14:40:37","modifiedtime":"2017-09-04 09:29:15","modifiedby":"1","bill_street":"34 all\u00e9e des Fr\u00eanes","ship_street":"34 all\u00e9e des Fr\u00eanes","bill_city":"Champs sur Marne","ship_city":"Champs sur Marne","bill_state":"","ship_state":"","bill_code":"77420","ship_code":"77420","bill_country":"France","ship_country":"France","bill_pobox":"","ship_pobox":"","description":"","campaignrelstatus":"","isconvertedfromlead":"0","record_id":"3","record_module":"Accounts","api_date_now":"2017-09-04 09:53:04"}}`;

/** GET Accounts/picklist/rating/{TOKEN}. */
export const README_PICKLIST = String
  .raw`{"success":true,"result":{"values":{"Acquired":"Acquired","Active":"Actif","Market Failed":"Market Failed","Project Cancelled":"Project Cancelled","Shutdown":"Shutdown"}}}`;

/** GET Accounts/picklist/rating/picklistdep/1/{TOKEN}. */
export const README_PICKLIST_WITH_DEPENDENCIES = String
  .raw`{"success":true,"result":{"values":{"Acquired":"Acquired","Active":"Actif","Market Failed":"Market Failed","Project Cancelled":"Project Cancelled","Shutdown":"Shutdown"},"dependencies":{"Acquired":{"accounttype":["Customer","Integrator","Investor","Partner","Press","Prospect","Reseller","Other"]},"__DEFAULT__":{"accounttype":["Analyst","Competitor","Customer","Integrator","Investor","Partner","Press","Prospect","Reseller","Other"]},"Active":{"accounttype":["Analyst","Competitor","Investor","Partner","Press","Prospect","Reseller","Other"]},"Market Failed":{"accounttype":["Analyst","Competitor","Customer","Integrator","Press","Prospect","Reseller","Other"]},"Project Cancelled":{"accounttype":["Analyst","Competitor","Customer","Integrator","Investor","Partner","Reseller","Other"]},"Shutdown":{"accounttype":["Analyst","Competitor","Customer","Integrator","Investor","Partner","Press","Prospect"]}}}}`;

/** The `result` of one of the README's response bodies. */
export function readmeResult<T = unknown>(body: string): T {
  const parsed = JSON.parse(body) as { success: boolean; result: T };
  if (parsed.success !== true) throw new Error("not a success body");
  return parsed.result;
}

/** One account as the README shows it: every value a string. */
export type ReadmeAccount = Readonly<Record<string, string>>;

function withoutNow(record: Record<string, string>): ReadmeAccount {
  const { api_date_now: _now, ...rest } = record;
  return rest;
}

/** Account 3 of the README ("MEDIA 3+"), without `api_date_now` (the server's time). */
export const README_ACCOUNT_3: ReadmeAccount = withoutNow(
  readmeResult<Record<string, string>>(README_RECORD_3),
);

/** Account 24 of the README ("MEDIACRM"), without `api_date_now` (the server's time). */
export const README_ACCOUNT_24: ReadmeAccount = withoutNow(
  readmeResult<Record<string, string>[]>(README_LIST_CRITERIA)[0],
);

/** The README's answer to `Accounts/picklist/rating`. */
export interface ReadmePicklist {
  /** Each value with its label. */
  readonly values: Readonly<Record<string, string>>;
  /** By source value, the allowed values of each target field (with `picklistdep=1`). */
  readonly dependencies?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** The `result` of `Accounts/picklist/rating`. */
export const README_RATING_PICKLIST: ReadmePicklist = readmeResult(README_PICKLIST);

/** The `result` of `Accounts/picklist/rating/picklistdep/1`, as its exact JSON text. */
export const README_RATING_WITH_DEPENDENCIES_JSON: string = JSON.stringify(
  readmeResult(README_PICKLIST_WITH_DEPENDENCIES),
);

/** Its `dependencies` object, as its exact JSON text. */
export const README_DEPENDENCIES_JSON: string = JSON.stringify(
  readmeResult<ReadmePicklist>(README_PICKLIST_WITH_DEPENDENCIES).dependencies,
);

/** The values of the `rating` picklist, in the README's order. */
export const RATING_VALUES: readonly string[] = Object.keys(README_RATING_PICKLIST.values);

/** The values of the `accounttype` picklist, in Vtiger's order. */
export const ACCOUNT_TYPES: readonly string[] = [
  "Analyst",
  "Competitor",
  "Customer",
  "Integrator",
  "Investor",
  "Partner",
  "Press",
  "Prospect",
  "Reseller",
  "Other",
];

function accountTypesExcept(...excluded: string[]): readonly string[] {
  return ACCOUNT_TYPES.filter((type) => !excluded.includes(type));
}

/**
 * The README's `rating` → `accounttype` dependency rules as
 * `vtiger_picklist_dependency` stores them, in row order: each rating's
 * allowed account types.
 */
export const README_RATING_DEPENDENCIES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["Acquired", accountTypesExcept("Analyst", "Competitor")],
  ["Active", accountTypesExcept("Customer", "Integrator")],
  ["Market Failed", accountTypesExcept("Investor", "Partner")],
  ["Project Cancelled", accountTypesExcept("Press", "Prospect")],
  ["Shutdown", accountTypesExcept("Reseller", "Other")],
];

/** The README's create: `accountname=MediaToolBox&email1=...&phone=+33656896325&...`. */
export const README_CREATE = {
  accountname: "MediaToolBox",
  email1: "contact@mediatoolbox.fr",
  phone: "+33656896325",
  bill_street: "100 street beta test\r\nBat. B",
  bill_code: "34000",
  bill_city: "Montpellier",
  bill_country: "France",
} as const;

/**
 * The README's create as the form body it posts: raw spaces, a raw `+` and a
 * CR LF, e-mail address filled in.
 */
export const README_CREATE_FORM =
  "accountname=MediaToolBox&email1=contact@mediatoolbox.fr&phone=+33656896325" +
  "&bill_street=100 street beta test\r\nBat. B&bill_code=34000&bill_city=Montpellier" +
  "&bill_country=France";

/** The README's update of record 25. */
export const README_UPDATE = {
  accountname: "MediaToolBox2",
  email1: "info@mediatoolbox.fr",
} as const;

/**
 * The results the original README shows, to compare this service's answers
 * with field for field (`api_date_now` left out: it is the server's time).
 *
 * @module
 */

/** Account 3 of the README ("MEDIA 3+"). */
export const README_ACCOUNT_3: Readonly<Record<string, string>> = {
  "accountname": "MEDIA 3+",
  "account_no": "ACC1",
  "phone": "",
  "website": "",
  "fax": "",
  "tickersymbol": "",
  "otherphone": "",
  "account_id": "0",
  "email1": "",
  "employees": "0",
  "email2": "",
  "ownership": "",
  "rating": "",
  "industry": "",
  "siccode": "",
  "accounttype": "",
  "annual_revenue": "0.00000000",
  "emailoptout": "0",
  "notify_owner": "0",
  "assigned_user_id": "1",
  "createdtime": "2016-10-28 14:40:37",
  "modifiedtime": "2017-09-04 09:29:15",
  "modifiedby": "1",
  "bill_street": "34 allée des Frênes",
  "ship_street": "34 allée des Frênes",
  "bill_city": "Champs sur Marne",
  "ship_city": "Champs sur Marne",
  "bill_state": "",
  "ship_state": "",
  "bill_code": "77420",
  "ship_code": "77420",
  "bill_country": "France",
  "ship_country": "France",
  "bill_pobox": "",
  "ship_pobox": "",
  "description": "",
  "campaignrelstatus": "",
  "isconvertedfromlead": "0",
  "record_id": "3",
  "record_module": "Accounts",
};

/** Account 24 of the README ("MEDIACRM"). */
export const README_ACCOUNT_24: Readonly<Record<string, string>> = {
  "accountname": "MEDIACRM",
  "account_no": "ACC2",
  "phone": "",
  "website": "www.mediacrm.fr",
  "fax": "",
  "tickersymbol": "",
  "otherphone": "",
  "account_id": "0",
  "email1": "",
  "employees": "0",
  "email2": "",
  "ownership": "",
  "rating": "",
  "industry": "",
  "siccode": "",
  "accounttype": "",
  "annual_revenue": "0.00000000",
  "emailoptout": "0",
  "notify_owner": "0",
  "assigned_user_id": "1",
  "createdtime": "2017-09-04 09:28:27",
  "modifiedtime": "2017-09-04 09:28:27",
  "modifiedby": "1",
  "bill_street": "",
  "ship_street": "",
  "bill_city": "",
  "ship_city": "",
  "bill_state": "",
  "ship_state": "",
  "bill_code": "",
  "ship_code": "",
  "bill_country": "",
  "ship_country": "",
  "bill_pobox": "",
  "ship_pobox": "",
  "description": "",
  "campaignrelstatus": "",
  "isconvertedfromlead": "0",
  "record_id": "24",
  "record_module": "Accounts",
};

/** The README's answer to `Accounts/picklist/rating`. */
export const README_RATING_PICKLIST = {
  "values": {
    "Acquired": "Acquired",
    "Active": "Actif",
    "Market Failed": "Market Failed",
    "Project Cancelled": "Project Cancelled",
    "Shutdown": "Shutdown",
  },
};

/** The README's answer to `Accounts/picklist/rating/picklistdep/1`, as its exact JSON text. */
export const README_RATING_WITH_DEPENDENCIES_JSON =
  '{"values":{"Acquired":"Acquired","Active":"Actif","Market Failed":"Market Failed","Project Cancelled":"Project Cancelled","Shutdown":"Shutdown"},"dependencies":{"Acquired":{"accounttype":["Customer","Integrator","Investor","Partner","Press","Prospect","Reseller","Other"]},"__DEFAULT__":{"accounttype":["Analyst","Competitor","Customer","Integrator","Investor","Partner","Press","Prospect","Reseller","Other"]},"Active":{"accounttype":["Analyst","Competitor","Investor","Partner","Press","Prospect","Reseller","Other"]},"Market Failed":{"accounttype":["Analyst","Competitor","Customer","Integrator","Press","Prospect","Reseller","Other"]},"Project Cancelled":{"accounttype":["Analyst","Competitor","Customer","Integrator","Investor","Partner","Reseller","Other"]},"Shutdown":{"accounttype":["Analyst","Competitor","Customer","Integrator","Investor","Partner","Press","Prospect"]}}}';

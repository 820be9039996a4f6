/**
 * `$tab_name_index` of every standard Vtiger entity module: the tables Vtiger's
 * retrieve joins for a record and the column of each holding the crmid. Same
 * data as `../shared/vtiger/tab_name_index.json` (a test keeps them equal), kept
 * here so that the service runs without the shared folder.
 *
 * @module
 */

/** Tables and their id columns, by module name. */
export const STANDARD_TAB_NAME_INDEX: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Accounts: {
    vtiger_account: "accountid",
    vtiger_accountbillads: "accountaddressid",
    vtiger_accountscf: "accountid",
    vtiger_accountshipads: "accountaddressid",
    vtiger_crmentity: "crmid",
  },
  Assets: {
    vtiger_assets: "assetsid",
    vtiger_assetscf: "assetsid",
    vtiger_crmentity: "crmid",
  },
  Calendar: {
    vtiger_activity: "activityid",
    vtiger_activity_reminder: "activity_id",
    vtiger_activitycf: "activityid",
    vtiger_cntactivityrel: "activityid",
    vtiger_crmentity: "crmid",
    vtiger_recurringevents: "activityid",
    vtiger_salesmanactivityrel: "activityid",
    vtiger_seactivityrel: "activityid",
  },
  Campaigns: {
    vtiger_campaign: "campaignid",
    vtiger_campaignscf: "campaignid",
    vtiger_crmentity: "crmid",
  },
  Contacts: {
    vtiger_contactaddress: "contactaddressid",
    vtiger_contactdetails: "contactid",
    vtiger_contactscf: "contactid",
    vtiger_contactsubdetails: "contactsubscriptionid",
    vtiger_crmentity: "crmid",
    vtiger_customerdetails: "customerid",
  },
  Documents: {
    vtiger_crmentity: "crmid",
    vtiger_notes: "notesid",
    vtiger_notescf: "notesid",
    vtiger_senotesrel: "notesid",
  },
  Emails: {
    vtiger_activity: "activityid",
    vtiger_cntactivityrel: "activityid",
    vtiger_crmentity: "crmid",
    vtiger_email_track: "mailid",
    vtiger_emaildetails: "emailid",
    vtiger_seactivityrel: "activityid",
  },
  Events: {
    vtiger_activity: "activityid",
    vtiger_activity_reminder: "activity_id",
    vtiger_activitycf: "activityid",
    vtiger_cntactivityrel: "activityid",
    vtiger_crmentity: "crmid",
    vtiger_recurringevents: "activityid",
    vtiger_salesmanactivityrel: "activityid",
    vtiger_seactivityrel: "activityid",
  },
  Faq: {
    vtiger_crmentity: "crmid",
    vtiger_faq: "id",
    vtiger_faqcf: "faqid",
    vtiger_faqcomments: "faqid",
  },
  HelpDesk: {
    vtiger_crmentity: "crmid",
    vtiger_ticketcf: "ticketid",
    vtiger_ticketcomments: "ticketid",
    vtiger_troubletickets: "ticketid",
  },
  Invoice: {
    vtiger_crmentity: "crmid",
    vtiger_inventoryproductrel: "id",
    vtiger_invoice: "invoiceid",
    vtiger_invoicebillads: "invoicebilladdressid",
    vtiger_invoicecf: "invoiceid",
    vtiger_invoiceshipads: "invoiceshipaddressid",
  },
  Leads: {
    vtiger_crmentity: "crmid",
    vtiger_leadaddress: "leadaddressid",
    vtiger_leaddetails: "leadid",
    vtiger_leadscf: "leadid",
    vtiger_leadsubdetails: "leadsubscriptionid",
  },
  ModComments: {
    vtiger_crmentity: "crmid",
    vtiger_modcomments: "modcommentsid",
    vtiger_modcommentscf: "modcommentsid",
  },
  PBXManager: {
    vtiger_crmentity: "crmid",
    vtiger_pbxmanager: "pbxmanagerid",
    vtiger_pbxmanagercf: "pbxmanagerid",
  },
  Potentials: {
    vtiger_crmentity: "crmid",
    vtiger_potential: "potentialid",
    vtiger_potentialscf: "potentialid",
  },
  PriceBooks: {
    vtiger_crmentity: "crmid",
    vtiger_pricebook: "pricebookid",
    vtiger_pricebookcf: "pricebookid",
  },
  Products: {
    vtiger_crmentity: "crmid",
    vtiger_productcf: "productid",
    vtiger_products: "productid",
    vtiger_producttaxrel: "productid",
    vtiger_seproductsrel: "productid",
  },
  Project: {
    vtiger_crmentity: "crmid",
    vtiger_project: "projectid",
    vtiger_projectcf: "projectid",
  },
  ProjectMilestone: {
    vtiger_crmentity: "crmid",
    vtiger_projectmilestone: "projectmilestoneid",
    vtiger_projectmilestonecf: "projectmilestoneid",
  },
  ProjectTask: {
    vtiger_crmentity: "crmid",
    vtiger_projecttask: "projecttaskid",
    vtiger_projecttaskcf: "projecttaskid",
  },
  PurchaseOrder: {
    vtiger_crmentity: "crmid",
    vtiger_inventoryproductrel: "id",
    vtiger_pobillads: "pobilladdressid",
    vtiger_poshipads: "poshipaddressid",
    vtiger_purchaseorder: "purchaseorderid",
    vtiger_purchaseordercf: "purchaseorderid",
  },
  Quotes: {
    vtiger_crmentity: "crmid",
    vtiger_inventoryproductrel: "id",
    vtiger_quotes: "quoteid",
    vtiger_quotesbillads: "quotebilladdressid",
    vtiger_quotescf: "quoteid",
    vtiger_quotesshipads: "quoteshipaddressid",
  },
  SMSNotifier: {
    vtiger_crmentity: "crmid",
    vtiger_smsnotifier: "smsnotifierid",
    vtiger_smsnotifiercf: "smsnotifierid",
  },
  SalesOrder: {
    vtiger_crmentity: "crmid",
    vtiger_inventoryproductrel: "id",
    vtiger_invoice_recurring_info: "salesorderid",
    vtiger_salesorder: "salesorderid",
    vtiger_salesordercf: "salesorderid",
    vtiger_sobillads: "sobilladdressid",
    vtiger_soshipads: "soshipaddressid",
  },
  ServiceContracts: {
    vtiger_crmentity: "crmid",
    vtiger_servicecontracts: "servicecontractsid",
    vtiger_servicecontractscf: "servicecontractsid",
  },
  Services: {
    vtiger_crmentity: "crmid",
    vtiger_producttaxrel: "productid",
    vtiger_service: "serviceid",
    vtiger_servicecf: "serviceid",
  },
  Users: {
    vtiger_asteriskextensions: "userid",
    vtiger_attachments: "attachmentsid",
    vtiger_user2role: "userid",
    vtiger_users: "id",
  },
  Vendors: {
    vtiger_crmentity: "crmid",
    vtiger_vendor: "vendorid",
    vtiger_vendorcf: "vendorid",
  },
};

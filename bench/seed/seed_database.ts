/**
 * Builds the benchmark's database: a fresh copy of the Vtiger 7.1.0 dump, four
 * more users in a role hierarchy (one of them in a group), Accounts and
 * Contacts made Private, then the records in bulk INSERTs, with the counters
 * Vtiger keeps (`vtiger_crmentity_seq`, `vtiger_modentity_num`,
 * `vtiger_users_seq`) left where Vtiger would have left them.
 *
 * @module
 */

import apacheMd5 from "apache-md5";
import type { Connection } from "mysql2/promise";
import {
  accountRows,
  BENCH_GROUP_ID,
  BENCH_PASSWORD,
  BENCH_USERS,
  contactRows,
  NON_ADMIN,
  type TableRows,
} from "./dataset.ts";
import { progressBar } from "./progress.ts";

/** Rows per INSERT statement. */
const BATCH = 2000;

/** The package's default export is the function itself (see the password verifier). */
const md5Crypt = apacheMd5 as unknown as (password: string, salt: string) => string;

/** How many records of each kind. */
export interface SeedSize {
  /** Accounts. */
  readonly accounts: number;
  /** Contacts (each linked to an Account). */
  readonly contacts: number;
}

/** Where the dump lies: `../shared/vtiger/` beside the repository. */
export const DUMP_URL = new URL("../../../shared/vtiger/vtiger-7.1.0.sql", import.meta.url);

/** Loads the 7.1.0 dump into the (empty) database the connection uses; needs multipleStatements. */
export async function loadDump(connection: Connection): Promise<void> {
  const started = performance.now();
  await connection.query(await Deno.readTextFile(DUMP_URL));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(`${"Vtiger 7.1.0 dump".padEnd(22)} loaded in ${seconds} s`);
}

/** `PHP5.3MD5`, as Vtiger hashes it: MD5-crypt salted with the name's first two letters. */
function vtigerHash(userName: string, password: string): string {
  const salt = `$1$${userName.slice(0, 2).padEnd(9, "0")}$`;
  return md5Crypt(password, salt);
}

/** Adds the bench users, puts the non-admin in the group, and makes Accounts and Contacts Private. */
export async function seedUsers(connection: Connection): Promise<void> {
  for (const user of BENCH_USERS) {
    await connection.query(
      `INSERT INTO vtiger_users (id, user_name, user_password, user_hash, first_name, last_name,
         is_admin, currency_id, email1, status, date_format, hour_format, start_hour, end_hour,
         crypt_type, accesskey, theme, language, time_zone, currency_grouping_pattern,
         currency_decimal_separator, currency_grouping_separator, currency_symbol_placement,
         no_of_currency_decimals, truncate_trailing_zeros, dayoftheweek, callduration,
         othereventduration, calendarsharedtype, default_record_view, leftpanelhide, rowheight,
         defaulteventstatus, defaultactivitytype, hidecompletedevents, defaultcalendarview,
         internal_mailer, deleted)
       SELECT ?, ?, ?, user_hash, 'Bench', ?, 'off', currency_id, ?, 'Active', date_format,
         hour_format, start_hour, end_hour, 'PHP5.3MD5', ?, theme, 'en_us', 'UTC',
         currency_grouping_pattern, currency_decimal_separator, currency_grouping_separator,
         currency_symbol_placement, no_of_currency_decimals, truncate_trailing_zeros,
         dayoftheweek, callduration, othereventduration, calendarsharedtype, default_record_view,
         leftpanelhide, rowheight, defaulteventstatus, defaultactivitytype, hidecompletedevents,
         defaultcalendarview, internal_mailer, 0
       FROM vtiger_users WHERE id = 1`,
      [
        user.id,
        user.userName,
        vtigerHash(user.userName, BENCH_PASSWORD),
        user.userName,
        `${user.userName}@example.com`,
        user.accessKey,
      ],
    );
    await connection.query("INSERT INTO vtiger_user2role (userid, roleid) VALUES (?, ?)", [
      user.id,
      user.roleId,
    ]);
  }
  const lastUser = Math.max(...BENCH_USERS.map((user) => user.id));
  await connection.query("UPDATE vtiger_users_seq SET id = ?", [lastUser]);
  await connection.query("INSERT INTO vtiger_users2group (groupid, userid) VALUES (?, ?)", [
    BENCH_GROUP_ID,
    NON_ADMIN.id,
  ]);
  // Accounts (tabid 6) and Contacts (tabid 4) share their level in Vtiger's sharing settings.
  await connection.query("UPDATE vtiger_def_org_share SET permission = 3 WHERE tabid IN (4, 6)");
}

async function insertRows(connection: Connection, part: TableRows): Promise<void> {
  if (part.rows.length === 0) return;
  const columns = part.columns.map((column) => `\`${column}\``).join(", ");
  await connection.query(`INSERT INTO \`${part.table}\` (${columns}) VALUES ?`, [part.rows]);
}

async function insertInBatches(
  connection: Connection,
  label: string,
  total: number,
  rowsOf: (from: number, to: number) => TableRows[],
): Promise<void> {
  const bar = progressBar(label, total);
  for (let from = 1; from <= total; from += BATCH) {
    const to = Math.min(total, from + BATCH - 1);
    await connection.beginTransaction();
    for (const part of rowsOf(from, to)) await insertRows(connection, part);
    await connection.commit();
    bar.update(to);
  }
  bar.finish();
}

/** Inserts the records and moves Vtiger's counters past them. */
export async function seedRecords(connection: Connection, size: SeedSize): Promise<void> {
  await connection.query("SET SESSION foreign_key_checks = 0, unique_checks = 0");
  try {
    await insertInBatches(connection, "Accounts", size.accounts, accountRows);
    await insertInBatches(
      connection,
      "Contacts",
      size.contacts,
      (from, to) => contactRows(from, to, size.accounts),
    );
  } finally {
    await connection.query("SET SESSION foreign_key_checks = 1, unique_checks = 1");
  }
  await connection.query("UPDATE vtiger_crmentity_seq SET id = ?", [
    1 + size.accounts + size.contacts,
  ]);
  // cur_id is the number the next record takes.
  await connection.query(
    "UPDATE vtiger_modentity_num SET cur_id = ? WHERE semodule = 'Accounts' AND active = '1'",
    [String(size.accounts + 1)],
  );
  await connection.query(
    "UPDATE vtiger_modentity_num SET cur_id = ? WHERE semodule = 'Contacts' AND active = '1'",
    [String(size.contacts + 1)],
  );
  const started = performance.now();
  await connection.query(
    `ANALYZE TABLE vtiger_crmentity, vtiger_account, vtiger_accountbillads, vtiger_accountshipads,
       vtiger_accountscf, vtiger_contactdetails, vtiger_contactaddress, vtiger_contactsubdetails,
       vtiger_contactscf, vtiger_customerdetails, vtiger_crmentity_user_field`,
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(`${"statistics".padEnd(22)} analyzed in ${seconds} s`);
}

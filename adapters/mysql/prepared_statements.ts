/**
 * The statements sent as prepared statements (mysql2's `execute`, the binary
 * protocol) instead of as text. Only the read of one record by id is: it runs
 * on nearly every request, with one text per module and field set, so each
 * connection prepares it once and then sends only the id, and neither the
 * client formats nor the server parses the 2.3 KB statement per request.
 * Measured on 2026-11-29 (`deno task bench --only=get_admin,get_non_admin`,
 * 100,000 Accounts, four runs each side in two alternated rounds on a noisy
 * 2-core machine): GET by id 1,263-2,239 req/s prepared against 1,337-1,974 as
 * text, means 1,692 against 1,512 (admin) and 1,911 against 1,496 (non-admin);
 * vtrest's CPU per request 628 against 690 µs and 569 against 718 µs (means).
 * Statements whose text varies with the request (lists, criteria) stay text:
 * each distinct text would take a prepared statement on the server.
 *
 * @module
 */

/** More texts than this and the set starts again (metadata reloads make new texts). */
const MAX_TEXTS = 512;

const prepared = new Set<string>();

/** Marks a statement's text to be sent prepared from now on. */
export function sendPrepared(sqlText: string): void {
  if (prepared.size >= MAX_TEXTS) prepared.clear();
  prepared.add(sqlText);
}

/** Whether a statement's text is sent prepared. */
export function isSentPrepared(sqlText: string): boolean {
  return prepared.has(sqlText);
}

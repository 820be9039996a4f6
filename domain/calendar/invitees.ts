/**
 * An event's invitees (`vtiger_invitees`), as a client names them in
 * `invitees`: user ids separated by `;` (as Vtiger's edit view sends its
 * `inviteesid`) or `,`, each plain (`5`) or in webservice form (`19x5`);
 * `""` invites nobody.
 *
 * @module
 */

import { excerpt } from "../excerpt.ts";
import { invalidFieldValue } from "../errors.ts";
import { VTIGER_INT_MAX } from "../field.ts";

/** The extra input that names an event's invitees. */
export const INVITEES_KEY = "invitees";

/** The most invitees one event may have here (Vtiger has no limit; this bounds the work). */
export const MAX_INVITEES = 100;

/** The status Vtiger's save gives a new invitee. */
export const INVITED_STATUS = "sent";

const USER_ID = /^(?:19x)?(\d{1,10})$/;

/** The user ids an `invitees` text names, in the order given, each once. */
export function parseInvitees(text: string): number[] {
  const ids: number[] = [];
  for (const item of text.split(/[;,]/)) {
    const trimmed = item.trim();
    if (trimmed === "") continue;
    const match = USER_ID.exec(trimmed);
    const id = match === null ? NaN : Number(match[1]);
    if (!(id > 0 && id <= VTIGER_INT_MAX)) {
      throw invalidFieldValue(
        INVITEES_KEY,
        `Field '${INVITEES_KEY}' names users by id separated by ';' (5;7 or 19x5;19x7), ` +
          `not '${excerpt(trimmed)}'`,
      );
    }
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > MAX_INVITEES) {
    throw invalidFieldValue(
      INVITEES_KEY,
      `Field '${INVITEES_KEY}' names ${ids.length} users; at most ${MAX_INVITEES} are accepted`,
    );
  }
  return ids;
}

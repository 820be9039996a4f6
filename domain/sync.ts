/**
 * Pages of changes for a client that mirrors a module, as Vtiger's
 * webservice `sync` cuts them: a page ends on a modified time, so that the
 * next page starts strictly after it and no change is skipped or repeated.
 *
 * @module
 */

import { invalidParameter } from "./errors.ts";
import { excerpt } from "./excerpt.ts";
import type { RecordChange } from "./ports/record_repository.ts";
import type { RecordView } from "./record.ts";

/** How many changes a sync page holds when no length is asked for (Vtiger's figure). */
export const DEFAULT_SYNC_LENGTH = 100;

/** What a sync answers. */
export interface SyncPage {
  /** The changed records the caller may read, as a list shapes them. */
  readonly updated: RecordView[];
  /** The ids of the deleted ones. */
  readonly deleted: string[];
  /** The modified time the next call starts after. */
  readonly lastModifiedTime: string;
  /** Whether changes later than `lastModifiedTime` are waiting. */
  readonly more: boolean;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Checks a sync's start time: `YYYY-MM-DD HH:MM:SS`, a real date and time. */
export function parseSyncTime(text: string): string {
  const match = DATE_TIME.exec(text.trim());
  const [, year, month, day, hour, minute, second] = (match ?? []).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real = match !== null && date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 &&
    minute < 60 && second < 60;
  if (!real) {
    throw invalidParameter(
      `Sync time '${excerpt(text)}' is not a date and time such as 2017-09-04 09:29:15`,
    );
  }
  return text.trim();
}

/**
 * The changes of one page, from the first `length + 1` changes after the
 * start: the first `length`, minus those sharing the last one's modified
 * time when the next change shares it too (they come whole on the next
 * page). `undefined` when every change of the page shares one modified time:
 * the page must then be that whole second, however many changes it holds.
 */
export function cutSyncPage(
  changes: readonly RecordChange[],
  length: number,
): RecordChange[] | undefined {
  if (changes.length <= length) return [...changes];
  const boundary = changes[length - 1].modifiedTime;
  if (changes[length].modifiedTime !== boundary) return changes.slice(0, length);
  const before = changes.slice(0, length).filter((change) => change.modifiedTime < boundary);
  return before.length === 0 ? undefined : before;
}

/**
 * vtrest's own tables keep instants as `datetime(3)` in UTC: these convert.
 *
 * @module
 */

/** `2017-09-04 09:29:22.123`: an instant as a UTC `datetime(3)` value. */
export function toSqlTime(date: Date): string {
  return date.toISOString().slice(0, 23).replace("T", " ");
}

/** The instant of a UTC `datetime(3)` value. */
export function fromSqlTime(text: string): Date {
  return new Date(`${text.replace(" ", "T")}Z`);
}

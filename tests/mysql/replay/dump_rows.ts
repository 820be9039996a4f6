/**
 * Rows of one table read straight from a `mysqldump` file (extended
 * `INSERT INTO ... VALUES (...),(...);` statements), without loading it:
 * how the stock replays learn the recorded install's field metadata.
 *
 * @module
 */

import type { Row } from "./snapshot.ts";

const ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  Z: "\x1a",
};

/** Parses the tuples of a VALUES list into arrays of text (NULL as `null`). */
function parseTuples(text: string): Array<Array<string | null>> {
  const tuples: Array<Array<string | null>> = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "(") {
      i++;
      continue;
    }
    i++;
    const values: Array<string | null> = [];
    while (i < text.length && text[i] !== ")") {
      if (text[i] === "'") {
        let value = "";
        i++;
        while (text[i] !== "'" || text[i + 1] === "'") {
          if (text[i] === "\\") {
            value += ESCAPES[text[i + 1]] ?? text[i + 1];
            i += 2;
          } else if (text[i] === "'") {
            value += "'";
            i += 2;
          } else {
            value += text[i++];
          }
        }
        i++;
        values.push(value);
      } else {
        let end = i;
        while (text[end] !== "," && text[end] !== ")") end++;
        const token = text.slice(i, end).trim();
        values.push(token === "NULL" ? null : token);
        i = end;
      }
      if (text[i] === ",") i++;
    }
    i++;
    tuples.push(values);
  }
  return tuples;
}

/** Every row of `table` in a dump, keyed by its columns from the CREATE TABLE. */
export function dumpRows(dump: string, table: string): Row[] {
  const create = dump.indexOf(`CREATE TABLE \`${table}\` (`);
  if (create < 0) return [];
  const body = dump.slice(create, dump.indexOf(";\n", create));
  const columns = [...body.matchAll(/^ {2}`([^`]+)`/gm)].map((match) => match[1]);
  const rows: Row[] = [];
  const marker = `INSERT INTO \`${table}\` VALUES`;
  for (let at = dump.indexOf(marker); at >= 0; at = dump.indexOf(marker, at + 1)) {
    const end = dump.indexOf(";\n", at);
    for (const tuple of parseTuples(dump.slice(at + marker.length, end))) {
      rows.push(Object.fromEntries(columns.map((column, i) => [column, tuple[i] ?? null])));
    }
  }
  return rows;
}

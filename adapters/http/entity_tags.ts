/**
 * Entity tags: a record's version (`domain/record_version.ts`) as a weak
 * `ETag`, and the `If-Match` / `If-None-Match` lists a client sends back.
 *
 * @module
 */

import { invalidParameter } from "../../domain/errors.ts";
import { excerpt } from "../../domain/excerpt.ts";
import { ANY_VERSION } from "../../domain/record_version.ts";

/** The most tags one header may list. */
const MAX_TAGS = 50;

/** What a tag's opaque part may hold (RFC 9110 `etagc`, printable ASCII without `"`). */
const OPAQUE = /^[\x21\x23-\x7e]*$/;

/**
 * A version as a weak entity tag: weak, since a record's answer also depends
 * on who reads it (hidden fields) and on the time (`api_date_now`).
 */
export function entityTag(version: string): string {
  return `W/"${version}"`;
}

/**
 * The versions a conditional header names: `*`, or each tag's opaque part,
 * weak or strong alike (vtrest compares tags weakly, also for `If-Match`,
 * since it only issues weak ones). `undefined` without the header; a
 * malformed list is `INVALID_PARAMETER`.
 */
export function conditionVersions(
  name: string,
  header: string | null | undefined,
): string[] | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (text === ANY_VERSION) return [ANY_VERSION];
  const items = text.split(",").map((item) => item.trim()).filter((item) => item !== "");
  if (items.length === 0 || items.length > MAX_TAGS) {
    throw invalidParameter(`Header ${name} must list 1 to ${MAX_TAGS} entity tags, or be *`);
  }
  return items.map((item) => {
    const tag = item.startsWith("W/") ? item.slice(2) : item;
    const opaque = tag.length >= 2 && tag.startsWith('"') && tag.endsWith('"')
      ? tag.slice(1, -1)
      : undefined;
    if (opaque === undefined || !OPAQUE.test(opaque)) {
      throw invalidParameter(
        `Header ${name} holds '${
          excerpt(item)
        }', which is not an entity tag such as W/"3-20170904092915"`,
      );
    }
    return opaque;
  });
}

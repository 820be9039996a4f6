/**
 * Path-style URLs (`Accounts/start/0/length/2/TOKEN`, `auth/LOGIN/PASSWORD`)
 * turned into the same parameter object query style carries, ready for
 * {@linkcode validateParams}.
 *
 * @module
 */

import { invalidParameter } from "../../domain/errors.ts";
import { TOKEN_PATTERN } from "../../domain/session.ts";
import { excerpt } from "../../domain/excerpt.ts";

/** The names that take the next segment as their value. */
export const PAIR_NAMES: readonly string[] = [
  "start",
  "length",
  "order",
  "criteria",
  "picklist",
  "picklistdep",
  "count",
  "fields",
  "sync",
  "related",
];

/** The names that stand alone in a path and mean `name=1` (`Accounts/describe/TOKEN`, `Documents/25/download/TOKEN`). */
export const FLAG_NAMES: readonly string[] = ["describe", "download"];

/** The module name of logins and logouts, matched case-insensitively in paths. */
export const AUTH_MODULE = "Auth";

/** The pseudo-module listing the caller's modules (`listtypes/TOKEN`), matched in any case. */
export const LIST_TYPES_MODULE = "listtypes";

/** More segments than any request of the protocol needs. */
const MAX_SEGMENTS = 32;

const RECORD_ID = /^\d+$/;

/**
 * A segment decoded. A malformed one is named by its place, never quoted: it
 * may be a password or a token.
 */
function decodeSegment(segment: string, index: number): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidParameter(
      `Path segment ${index + 1} after the base path is not valid URL encoding`,
    );
  }
}

function decodedOrUndefined(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The still-encoded segments of `pathname` after the base path, or
 * `undefined` when the path is not under it. Splitting before decoding keeps
 * an encoded `/` (`%2F`) inside its segment, e.g. in a criteria value.
 * A trailing slash is ignored.
 */
export function segmentsUnder(pathname: string, basePath: string): string[] | undefined {
  const base = basePath.split("/").filter((part) => part !== "");
  const segments = pathname.split("/").slice(1);
  if (segments.length > 0 && segments[segments.length - 1] === "") segments.pop();
  for (const [index, part] of base.entries()) {
    if (segments[index] === undefined || decodedOrUndefined(segments[index]) !== part) {
      return undefined;
    }
  }
  return segments.slice(base.length);
}

function authParams(rest: readonly string[], method: string): Record<string, string> {
  const params: Record<string, string> = { module: AUTH_MODULE };
  if (method === "DELETE") {
    if (rest.length > 1) {
      throw invalidParameter("A logout is DELETE auth/TOKEN, or DELETE auth with a Bearer token");
    }
    if (rest.length === 1) params.token = rest[0];
    return params;
  }
  if (rest.length === 1) params.key = rest[0];
  else if (rest.length === 2) [params.login, params.password] = rest;
  else if (rest.length > 2) {
    throw invalidParameter("A login is auth/LOGIN/PASSWORD or auth/ACCESSKEY");
  }
  return params;
}

function recordParams(
  module: string,
  rest: readonly string[],
  hasBearer: boolean,
): Record<string, string> {
  const params: Record<string, string> = { module };
  const tail = [...rest];
  // Without a Bearer header the token is the last segment; with one, there is none.
  if (!hasBearer && tail.length > 0) params.token = tail.pop()!;
  for (let index = 0; index < tail.length; index++) {
    const segment = tail[index];
    if (RECORD_ID.test(segment)) {
      if (params.id !== undefined) {
        throw invalidParameter(
          `Path names two record ids, '${excerpt(params.id)}' and '${excerpt(segment)}'`,
        );
      }
      params.id = segment;
    } else if (PAIR_NAMES.includes(segment)) {
      if (index + 1 >= tail.length) {
        throw invalidParameter(`Path parameter '${segment}' has no value`);
      }
      if (params[segment] !== undefined) {
        throw invalidParameter(`Parameter '${segment}' is given more than once`);
      }
      params[segment] = tail[++index];
    } else if (FLAG_NAMES.includes(segment)) {
      if (params[segment] !== undefined) {
        throw invalidParameter(`Parameter '${segment}' is given more than once`);
      }
      params[segment] = "1";
    } else if (hasBearer && index === tail.length - 1 && TOKEN_PATTERN.test(segment)) {
      throw invalidParameter(
        "The token is given both in the Authorization header and in the path; give it once",
      );
    } else {
      throw invalidParameter(
        `Path segment '${excerpt(segment)}' is neither a record id nor one of ${
          [...PAIR_NAMES, ...FLAG_NAMES].join(", ")
        }`,
      );
    }
  }
  return params;
}

/**
 * The parameters of a path-style request from its (encoded) segments under
 * the base path. After `{Module}` come `name/value` pairs or a bare numeric
 * id; the last segment is the token unless it came in a Bearer header. The
 * `auth` segment is matched case-insensitively, and its layout depends on the
 * method: `GET auth/LOGIN/PASSWORD`, `GET auth/KEY`, `DELETE auth/TOKEN`.
 */
export function pathParams(
  encodedSegments: readonly string[],
  method: string,
  hasBearer: boolean,
): Record<string, string> {
  if (encodedSegments.length > MAX_SEGMENTS) {
    throw invalidParameter(`Path has more than ${MAX_SEGMENTS} segments`);
  }
  const [first = "", ...rest] = encodedSegments.map((segment, index) =>
    decodeSegment(segment, index)
  );
  if (first.toLowerCase() === AUTH_MODULE.toLowerCase()) return authParams(rest, method);
  return recordParams(first, rest, hasBearer);
}

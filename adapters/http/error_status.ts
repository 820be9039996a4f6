/**
 * The one table that turns protocol outcomes into HTTP statuses: error codes,
 * success, creation, and the statuses hono itself raises. Nothing else in the
 * service knows which status an answer gets.
 *
 * @module
 */

import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "../../domain/errors.ts";

/** The HTTP status of every protocol error code (PROTOCOL.md, "The envelope"). */
export const STATUS_BY_CODE: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  AUTH_FAILED: 401,
  TOKEN_NOT_FOUND: 401,
  INVALID_TOKEN: 401,
  ACCESS_DENIED: 403,
  MODULE_NOT_FOUND: 404,
  RECORD_NOT_FOUND: 404,
  INVALID_PARAMETER: 400,
  MANDATORY_FIELDS_MISSING: 422,
  INVALID_FIELD_VALUE: 422,
  DUPLICATE_RECORD: 409,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  REQUEST_TIMEOUT: 408,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
  NOT_FOUND: 404,
  PRECONDITION_FAILED: 412,
  INTERNAL_ERROR: 500,
};

/** The status of a successful call. */
export const SUCCESS_STATUS: ContentfulStatusCode = 200;

/** The status of a call that created a record. */
export const CREATED_STATUS: ContentfulStatusCode = 201;

/** The status of a read whose record the client already holds (`If-None-Match`). */
export const NOT_MODIFIED_STATUS = 304;

const CODE_BY_HONO_STATUS: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: "INVALID_PARAMETER",
  413: "PAYLOAD_TOO_LARGE",
};

/** The protocol code for a status hono raises itself (its body limit, input it could not parse). */
export function codeOfHonoStatus(status: number): ErrorCode | undefined {
  return CODE_BY_HONO_STATUS[status];
}

/** The HTTP status for a protocol error code. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS_BY_CODE[code];
}

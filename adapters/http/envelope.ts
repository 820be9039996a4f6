/**
 * The JSON envelope every response wears, success or failure, always as
 * `application/json; charset=utf-8` (PROTOCOL.md, "The envelope").
 *
 * @module
 */

import { CREATED_STATUS, NOT_MODIFIED_STATUS, SUCCESS_STATUS } from "./error_status.ts";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "../../domain/errors.ts";

/** The content type of every response body. */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** A successful answer. */
export interface SuccessEnvelope {
  /** Always `true`. */
  readonly success: true;
  /** What the call produced. */
  readonly result: unknown;
}

/** A failed answer. */
export interface FailureEnvelope {
  /** Always `false`. */
  readonly success: false;
  /** The protocol code and a sentence for people. */
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

/** Either envelope. */
export type Envelope = SuccessEnvelope | FailureEnvelope;

/**
 * Serializes an envelope with the given status. `c.json` would say
 * `application/json` without the charset, which the protocol pins down.
 */
export function envelopeResponse(
  c: Context,
  envelope: Envelope,
  status: ContentfulStatusCode,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return c.body(JSON.stringify(envelope), status, {
    ...headers,
    "Content-Type": JSON_CONTENT_TYPE,
  });
}

/** `{"success":true,"result":...}`; `CREATED_STATUS` when a record was created. */
export function successResponse(
  c: Context,
  result: unknown,
  created = false,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return envelopeResponse(
    c,
    { success: true, result },
    created ? CREATED_STATUS : SUCCESS_STATUS,
    headers,
  );
}

/** 304 Not Modified: no body, the validator headers only (RFC 9110, 15.4.5). */
export function notModifiedResponse(
  c: Context,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return c.body(null, NOT_MODIFIED_STATUS, headers);
}

/** `{"success":false,"error":{"code","message"}}` with the given status. */
export function failureResponse(
  c: Context,
  code: ErrorCode,
  message: string,
  status: ContentfulStatusCode,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return envelopeResponse(c, { success: false, error: { code, message } }, status, headers);
}

/**
 * Typed domain errors. Each carries one of the protocol's error codes; only the
 * HTTP adapter knows which status a code becomes.
 *
 * @module
 */

import { excerpt } from "./excerpt.ts";

/** Every error code of the protocol (PROTOCOL.md). */
export const ERROR_CODES = [
  "AUTH_FAILED",
  "TOKEN_NOT_FOUND",
  "INVALID_TOKEN",
  "ACCESS_DENIED",
  "MODULE_NOT_FOUND",
  "RECORD_NOT_FOUND",
  "INVALID_PARAMETER",
  "MANDATORY_FIELDS_MISSING",
  "INVALID_FIELD_VALUE",
  "DUPLICATE_RECORD",
  "METHOD_NOT_ALLOWED",
  "PAYLOAD_TOO_LARGE",
  "REQUEST_TIMEOUT",
  "TOO_MANY_REQUESTS",
  "SERVICE_UNAVAILABLE",
  "NOT_FOUND",
  "PRECONDITION_FAILED",
  "INTERNAL_ERROR",
] as const;

/** One of the protocol's error codes. */
export type ErrorCode = typeof ERROR_CODES[number];

/** Extra facts an error may carry for its caller (never secrets). */
export interface ErrorDetails {
  /** Field names the error is about (missing mandatory fields, bad values). */
  readonly fields?: readonly string[];
  /** Seconds after which a throttled (or turned away) caller may try again. */
  readonly retryAfterSeconds?: number;
  /** In a batch create, the index (from 0) of the record the error is about. */
  readonly batchIndex?: number;
  /** The live record a `DUPLICATE_RECORD` repeats, only when the caller may see it. */
  readonly duplicateId?: number;
}

/** An error the domain or a use case raises on purpose, with a protocol code. */
export class DomainError extends Error {
  /** The protocol error code. */
  readonly code: ErrorCode;
  /** Optional structured facts about the error. */
  readonly details: ErrorDetails;

  /** Creates an error with a protocol code and a sentence-case message. */
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }
}

/** Tells whether a value is a {@linkcode DomainError}. */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Shorthand for an `INVALID_PARAMETER` error. */
export function invalidParameter(message: string): DomainError {
  return new DomainError("INVALID_PARAMETER", message);
}

/** Shorthand for an `INVALID_FIELD_VALUE` error about one field. */
export function invalidFieldValue(field: string, message: string): DomainError {
  return new DomainError("INVALID_FIELD_VALUE", message, { fields: [field] });
}

/** Shorthand for an `ACCESS_DENIED` error. */
export function accessDenied(message: string): DomainError {
  return new DomainError("ACCESS_DENIED", message);
}

/** Shorthand for a `RECORD_NOT_FOUND` error about one record of a module. */
export function recordNotFound(module: string, id: number | string): DomainError {
  return new DomainError("RECORD_NOT_FOUND", `${module} record ${id} does not exist`);
}

/** Shorthand for a `MODULE_NOT_FOUND` error. */
export function moduleNotFound(module: string): DomainError {
  return new DomainError(
    "MODULE_NOT_FOUND",
    `Module '${excerpt(module)}' does not exist or is disabled`,
  );
}

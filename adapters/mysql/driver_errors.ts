/**
 * Maps what the `mysql2` driver throws onto the protocol's errors: a database
 * that cannot be reached becomes `SERVICE_UNAVAILABLE`; any other driver
 * failure becomes a plain error whose message holds no SQL (the driver's own
 * error stays in `cause`, for the logs only).
 *
 * @module
 */

import { DomainError, isDomainError } from "../../domain/errors.ts";
import { STATEMENT_TIMEOUT_ERRNOS } from "./statement_limit.ts";

/** Driver and server error codes that mean the database is out of reach. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "POOL_CLOSED",
  "ER_ACCESS_DENIED_ERROR",
  "ER_DBACCESS_DENIED_ERROR",
  "ER_BAD_DB_ERROR",
  "ER_CON_COUNT_ERROR",
  "ER_TOO_MANY_USER_CONNECTIONS",
  "ER_SERVER_SHUTDOWN",
  "ER_LOCK_WAIT_TIMEOUT",
]);

/** A failure of the database that is not the client's fault; its cause keeps the details. */
export class DatabaseError extends Error {
  /** Wraps the driver's error without repeating its message (which may hold SQL). */
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = "DatabaseError";
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

function isFatal(error: unknown): boolean {
  return typeof error === "object" && error !== null &&
    (error as { fatal?: unknown }).fatal === true;
}

/** Whether the error (or one it wraps) says the database cannot be reached or stopped answering. */
export function isUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
    const code = errorCode(current);
    if ((code !== undefined && UNREACHABLE_CODES.has(code)) || isFatal(current)) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/** Whether the server stopped the statement at its time limit (the query timeout). */
export function isStatementTimeout(error: unknown): boolean {
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
    const number = errorNumber(current);
    if (number !== undefined && STATEMENT_TIMEOUT_ERRNOS.has(number)) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/** Turns any thrown value into the error the use cases should see. */
export function translateDriverError(error: unknown): Error {
  if (isDomainError(error)) return error;
  if (isStatementTimeout(error)) {
    return new DomainError(
      "SERVICE_UNAVAILABLE",
      "The database took longer than the query timeout to answer and stopped the statement; " +
        "nothing was written",
    );
  }
  if (isUnreachable(error)) {
    return new DomainError(
      "SERVICE_UNAVAILABLE",
      "The Vtiger database cannot be reached; nothing was written",
    );
  }
  if (error instanceof DatabaseError) return error;
  return new DatabaseError(`A database operation failed (${errorCode(error) ?? "unknown"})`, error);
}

/** Runs a database operation, translating what it throws. */
export async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw translateDriverError(error);
  }
}

/** Server errors about a value that does not fit its column (strict mode). */
const VALUE_ERROR_NUMBERS: ReadonlySet<number> = new Set([1264, 1265, 1292, 1366, 1406]);

/** Server error number of a deadlock: the transaction was rolled back and may be run again. */
const DEADLOCK_NUMBER = 1213;

function errorNumber(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const errno = (error as { errno?: unknown }).errno;
  return typeof errno === "number" ? errno : undefined;
}

/** Whether the server chose the transaction as a deadlock victim. */
export function isDeadlock(error: unknown): boolean {
  return errorNumber(error) === DEADLOCK_NUMBER;
}

/**
 * For a value the column refused (too long, out of range, a character its
 * charset lacks), the column's name; `undefined` for any other error.
 */
export function refusedValueColumn(error: unknown): string | undefined {
  const number = errorNumber(error);
  if (number === undefined || !VALUE_ERROR_NUMBERS.has(number)) return undefined;
  const message = (error as { message?: unknown }).message;
  if (typeof message !== "string") return undefined;
  const match = /for column [`']?(?:[^`'\s]+[`']?\.[`']?)*([^`'\s.]+)[`']?/i.exec(message);
  return match?.[1];
}

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

/**
 * Codes of a failure of the connection itself (refused, unreachable, timed
 * out, lost, the login or the database refused): the server is not serving
 * this client, whatever the statement. Not among them: a statement's own
 * errors, a lock wait or statement timeout (the server answers, slowly), and
 * a pool closed on purpose.
 */
const CONNECTION_FAILURE_CODES: ReadonlySet<string> = new Set(
  [...UNREACHABLE_CODES].filter((code) =>
    code !== "ER_LOCK_WAIT_TIMEOUT" && code !== "POOL_CLOSED"
  ),
);

/** Which database a `SERVICE_UNAVAILABLE` is about, in its message. */
export type DatabaseRole = "Vtiger database" | "Vtiger read replica";

/** Why the database cannot serve: out of reach, or a statement stopped at the query timeout. */
export type UnavailableReason = "unreachable" | "statement_timeout";

/** `SERVICE_UNAVAILABLE` translated from a driver error, which it keeps as its cause. */
export class DatabaseUnavailable extends DomainError {
  /** Why the database could not serve. */
  readonly reason: UnavailableReason;

  /** Says why the database (or replica) could not serve; `cause`: the driver's error. */
  constructor(reason: UnavailableReason, cause: unknown, role: DatabaseRole = "Vtiger database") {
    super(
      "SERVICE_UNAVAILABLE",
      reason === "unreachable"
        ? `The ${role} cannot be reached; nothing was written`
        : `The ${role} took longer than the query timeout to answer and stopped the statement; ` +
          "nothing was written",
    );
    this.reason = reason;
    this.cause = cause;
  }

  /** The same failure, said of the read replica. */
  ofReplica(): DatabaseUnavailable {
    return new DatabaseUnavailable(this.reason, this.cause, "Vtiger read replica");
  }
}

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

/**
 * Whether the error (or one it wraps, a {@linkcode DatabaseUnavailable}'s
 * cause included) is a failure of the connection rather than of a statement:
 * refused, unreachable, timed out, lost, refused at login, or a fatal
 * driver error. A statement timeout never is.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (isStatementTimeout(error)) return false;
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
    const code = errorCode(current);
    if ((code !== undefined && CONNECTION_FAILURE_CODES.has(code)) || isFatal(current)) {
      return true;
    }
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
  if (isStatementTimeout(error)) return new DatabaseUnavailable("statement_timeout", error);
  if (isUnreachable(error)) return new DatabaseUnavailable("unreachable", error);
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

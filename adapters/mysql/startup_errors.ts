/**
 * One line for a failed start: what went wrong opening the service, the
 * database's refusal in the driver's own words (access denied for user X,
 * unknown database Y, connection refused at host:port, timeout), never a
 * stack trace and never the password (the driver's messages hold none).
 *
 * @module
 */

import { isDomainError } from "../../domain/errors.ts";

/** Codes of the driver or the server that come from reaching and logging in to the database. */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_ACCESS_DENIED_ERROR",
  "ER_DBACCESS_DENIED_ERROR",
  "ER_BAD_DB_ERROR",
  "ER_CON_COUNT_ERROR",
  "ER_TOO_MANY_USER_CONNECTIONS",
  "ER_HOST_NOT_PRIVILEGED",
  "ER_HOST_IS_BLOCKED",
]);

/** An error a database operation at start-up threw, with the database it was opening. */
export class StartupDatabaseError extends Error {
  /**
   * Wraps the driver's error; the message says which database (`role`:
   * `database`, or `read replica` for `VTIGER_DB_READ_URL`'s) and where, the
   * cause says what.
   */
  constructor(where: string, cause: unknown, role: "database" | "read replica" = "database") {
    super(`cannot open the Vtiger ${role} ${where}`, { cause });
    this.name = "StartupDatabaseError";
  }
}

/** A start refused on purpose, with the whole line to print. */
export class StartupRefusal extends Error {
  /** Creates the refusal with its one-line message. */
  constructor(message: string) {
    super(message);
    this.name = "StartupRefusal";
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** The driver's own words for a failure, first of an aggregate (every address refused). */
function driverWords(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return driverWords(error.errors[0]);
  }
  const code = codeOf(error);
  const message = error instanceof Error ? error.message.trim() : String(error);
  if (message === "") return code ?? "unknown error";
  if (code === "ETIMEDOUT" || code === "PROTOCOL_SEQUENCE_TIMEOUT") {
    return `${message} (timeout)`;
  }
  return message;
}

/** Whether the error came from reaching or logging in to the database. */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isConnectionError);
  const code = codeOf(error);
  return code !== undefined && CONNECTION_CODES.has(code);
}

/** The one line a failed start prints (after `vtrest: `), for any error start-up can throw. */
export function describeStartupError(error: unknown): string {
  if (error instanceof StartupDatabaseError) return `${error.message}: ${driverWords(error.cause)}`;
  if (isDomainError(error) || error instanceof StartupRefusal) return error.message;
  if (error instanceof Error) {
    const code = codeOf(error);
    return code !== undefined && !error.message.includes(code)
      ? `start-up failed: ${error.message} (${code})`
      : `start-up failed: ${error.message}`;
  }
  return `start-up failed: ${String(error)}`;
}

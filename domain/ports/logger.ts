/**
 * A port of the domain: implemented by adapters, used by adapters and use
 * cases that report what happens.
 *
 * @module
 */

/** How much a log entry matters, least first. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

/** One level of {@linkcode LOG_LEVELS}. */
export type LogLevel = typeof LOG_LEVELS[number];

/**
 * The facts of one log entry, as short flat values. Never a token, a
 * password, an access key, a record's field values or SQL with its values.
 */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Where the service writes one line per event. */
export interface Logger {
  /** Writes the event (a short snake_case name, e.g. `request`) if its level is enabled. */
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

/**
 * The service's logger: one line per event on standard output, as JSON (one
 * object per line, for log collectors) or in a short human format, from a
 * minimum level up.
 *
 * @module
 */

import {
  LOG_LEVELS,
  type LogFields,
  type Logger,
  type LogLevel,
} from "../../domain/ports/logger.ts";

/** How lines are written: `json` (one object per line) or `pretty` (for people). */
export type LogFormat = "json" | "pretty";

/** Settings of {@linkcode LineLogger}. */
export interface LineLoggerOptions {
  /** The least level written (default `info`). */
  readonly level?: LogLevel;
  /** The line format (default `json`). */
  readonly format?: LogFormat;
  /** Where each line goes (default: standard output). */
  readonly write?: (line: string) => void;
  /** The clock of the `time` field (default: now). */
  readonly now?: () => Date;
}

/** The longest text value written; longer ones are cut, so that no entry floods the log. */
const MAX_VALUE_LENGTH = 500;

/** The names every line starts with, which fields cannot replace. */
const RESERVED: ReadonlySet<string> = new Set(["time", "level", "event"]);

/** Line breaks and other control characters, which would let a value forge a line. */
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

function cleanValue(value: string | number | boolean | null): string | number | boolean | null {
  if (typeof value !== "string") return value;
  const flat = value.replace(CONTROL, " ");
  return flat.length > MAX_VALUE_LENGTH ? `${flat.slice(0, MAX_VALUE_LENGTH)}…` : flat;
}

function prettyValue(value: string | number | boolean | null): string {
  const text = String(value);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

/** Writes each enabled event as one line. */
export class LineLogger implements Logger {
  #least: number;
  #format: LogFormat;
  #write: (line: string) => void;
  #now: () => Date;

  /** Creates a logger with the given settings. */
  constructor(options: LineLoggerOptions = {}) {
    this.#least = LOG_LEVELS.indexOf(options.level ?? "info");
    this.#format = options.format ?? "json";
    this.#write = options.write ?? ((line) => console.log(line));
    this.#now = options.now ?? (() => new Date());
  }

  /** Writes the event if its level is at least the logger's. */
  log(level: LogLevel, event: string, fields: LogFields = {}): void {
    if (LOG_LEVELS.indexOf(level) < this.#least) return;
    const facts: [string, string | number | boolean | null][] = [];
    for (const [name, value] of Object.entries(fields)) {
      if (value !== undefined && !RESERVED.has(name)) facts.push([name, cleanValue(value)]);
    }
    const time = this.#now().toISOString();
    if (this.#format === "json") {
      this.#write(JSON.stringify({ time, level, event, ...Object.fromEntries(facts) }));
      return;
    }
    const rest = facts.map(([name, value]) => ` ${name}=${prettyValue(value)}`).join("");
    this.#write(`${time} ${level.toUpperCase().padEnd(5)} ${event}${rest}`);
  }
}

/** A logger that writes nothing. */
export const SILENT_LOGGER: Logger = { log: () => {} };

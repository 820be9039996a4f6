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
  /** Where each line goes (default: standard output, in batches: {@linkcode stdoutLines}). */
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

/** How long a line may wait in the standard output batch, in milliseconds. */
const FLUSH_AFTER_MS = 10;

/** The batch size that is written at once, whatever the time, in characters. */
const FLUSH_AT_CHARS = 64 * 1024;

/**
 * Lines to standard output, gathered for up to 10 ms (or 64 KiB) and written
 * in one call: under load a line per request was one write per request
 * (`console.log`). The batch is written before the process exits through
 * `Deno.exit`, the end of its event loop (`unload`) or an uncaught error; a
 * process killed outright loses at most the last 10 ms of lines.
 */
export function stdoutLines(): (line: string) => void {
  const encoder = new TextEncoder();
  let pending: string[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const bytes = encoder.encode(pending.join(""));
    pending = [];
    size = 0;
    for (let written = 0; written < bytes.length;) {
      written += Deno.stdout.writeSync(bytes.subarray(written));
    }
  };
  globalThis.addEventListener("unload", flush);
  // Listening changes nothing for an uncaught error: the process still ends, lines first.
  globalThis.addEventListener("error", flush);
  globalThis.addEventListener("unhandledrejection", flush);
  return (line) => {
    pending.push(line, "\n");
    size += line.length + 1;
    if (size >= FLUSH_AT_CHARS) flush();
    else if (timer === undefined) {
      const started = setTimeout(flush, FLUSH_AFTER_MS);
      Deno.unrefTimer(started);
      timer = started;
    }
  };
}

/** The standard output batch every default logger shares, made on first use. */
let sharedStdout: ((line: string) => void) | undefined;

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
    this.#write = options.write ?? (sharedStdout ??= stdoutLines());
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

/**
 * A logger that keeps its entries, for tests that check what is logged.
 *
 * @module
 */

import type { LogFields, Logger, LogLevel } from "../../domain/ports.ts";

/** One kept entry. */
export interface LogEntry {
  /** Its level. */
  readonly level: LogLevel;
  /** Its event name. */
  readonly event: string;
  /** Its fields. */
  readonly fields: LogFields;
}

/** Keeps every entry, whatever its level. */
export class MemoryLogger implements Logger {
  /** The entries, oldest first. */
  readonly entries: LogEntry[] = [];

  /** Keeps the entry. */
  log(level: LogLevel, event: string, fields: LogFields = {}): void {
    this.entries.push({ level, event, fields });
  }

  /** The entries of one event. */
  of(event: string): LogEntry[] {
    return this.entries.filter((entry) => entry.event === event);
  }
}

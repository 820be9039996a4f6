/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

/** The time source. */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /**
   * The IANA zone the install writes wall-clock times in (Vtiger's
   * `$default_timezone`); UTC when absent.
   */
  readonly timeZone?: string;
}

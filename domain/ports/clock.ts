/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

/** The time source. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

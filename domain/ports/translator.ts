/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

/** Turns stored values into the labels a user's language shows. */
export interface Translator {
  /** The label of `value` in the module's language strings, or `value` itself. */
  translate(moduleName: string, value: string): string;
}

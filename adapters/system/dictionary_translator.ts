/**
 * Labels from a dictionary of strings by module, as Vtiger's language files
 * give them: the demo's fixed strings, or those read from a Vtiger install
 * (`vtiger_language_files.ts`).
 *
 * @module
 */

import type { Translator } from "../../domain/ports.ts";

/** Translates by module first, then from the shared (`Vtiger`) strings, else keeps the value. */
export class DictionaryTranslator implements Translator {
  #strings: Readonly<Record<string, Readonly<Record<string, string>>>>;

  /** Holds strings by module name; `Vtiger` holds the shared ones. */
  constructor(strings: Readonly<Record<string, Readonly<Record<string, string>>>> = {}) {
    this.#strings = strings;
  }

  /** The label of the value. */
  translate(moduleName: string, value: string): string {
    for (const scope of [moduleName, "Vtiger"]) {
      const strings = Object.hasOwn(this.#strings, scope) ? this.#strings[scope] : undefined;
      if (strings !== undefined && Object.hasOwn(strings, value)) return strings[value];
    }
    return value;
  }
}

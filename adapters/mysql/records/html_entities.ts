/**
 * PHP's `htmlentities($text, ENT_QUOTES, 'UTF-8')` and its inverse: Vtiger
 * stores ModTracker values HTML-encoded this way (its database layer encodes
 * every value it reads), and picklist dependency values may come encoded.
 *
 * @module
 */

import { decode, encode } from "html-entities";

/**
 * Encodes like PHP's `htmlentities(text, ENT_QUOTES, 'UTF-8')`: every
 * character with an HTML 4.01 named entity becomes that entity, `'` becomes
 * `&#039;`, and every other character stays as it is (PHP writes no numeric
 * references, which the library would for characters without a name).
 */
export function htmlEntities(text: string): string {
  let result = "";
  for (const char of text) {
    if (char === "'") {
      result += "&#039;";
      continue;
    }
    const encoded = encode(char, { mode: "extensive", level: "html4" });
    result += encoded.startsWith("&") && !encoded.startsWith("&#") ? encoded : char;
  }
  return result;
}

/** Decodes named and numeric character references, like `html_entity_decode`. */
export function decodeHtmlEntities(text: string): string {
  return decode(text, { level: "html5" });
}

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

/** A character reference: named, decimal or hexadecimal, with its semicolon. */
const REFERENCE = /&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*));/g;

/** Whether PHP's HTML 4.01 decoding turns a numeric reference into its character. */
function php401Allowed(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || code === 0x09 || code === 0x0a || code === 0x0d ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0x10ffff && (code & 0xffff) < 0xfffe &&
      (code < 0xfdd0 || code > 0xfdef));
}

/**
 * PHP's `html_entity_decode($text, ENT_QUOTES, 'UTF-8')` (Vtiger's
 * `decode_html`): HTML 4.01 named references and numeric ones with their
 * semicolon; `&apos;` (not HTML 4.01) and numeric references to characters
 * HTML 4.01 does not allow stay as written.
 */
export function phpHtmlEntityDecode(text: string): string {
  return text.replace(REFERENCE, (reference, decimal, hex, name) => {
    if (name !== undefined) {
      if (name === "apos") return reference;
      return decode(reference, { level: "html4", scope: "strict" });
    }
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex, 16);
    return php401Allowed(code) ? String.fromCodePoint(code) : reference;
  });
}

/** PHP's `trim($text)`: spaces, tabs, line breaks, NUL and vertical tabs at both ends. */
export function phpTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PHP_TRIMMED.has(text[start])) start++;
  while (end > start && PHP_TRIMMED.has(text[end - 1])) end--;
  return text.slice(start, end);
}

/** The characters PHP's `trim` takes off by default. */
const PHP_TRIMMED: ReadonlySet<string> = new Set([" ", "\t", "\n", "\r", "\0", "\x0B"]);

/**
 * Picklist labels from a Vtiger install's language files
 * (`<VTIGER_ROOT>/languages/<lang>/<Module>.php`, then `Vtiger.php`), read
 * with a real PHP parser (npm `php-parser`): the `$languageStrings` array of
 * each file, string keys to string values (concatenations of literals are
 * joined). Files are read once, into a {@linkcode DictionaryTranslator}.
 *
 * @module
 */

import { DictionaryTranslator } from "./dictionary_translator.ts";
import {
  isNode,
  literalText,
  type PhpNode,
  requireVtigerFolder,
  topLevelAssignments,
} from "./php_source.ts";

function arrayStrings(node: PhpNode): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const item of (node.items as unknown[] | undefined) ?? []) {
    if (!isNode(item) || item.kind !== "entry") continue;
    const key = literalText(item.key);
    const value = literalText(item.value);
    if (key !== undefined && value !== undefined) strings[key] = value;
  }
  return strings;
}

/** Parses a Vtiger language file and returns its `$languageStrings`. */
export function parseLanguageStrings(
  source: string,
  fileName = "language.php",
): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const { name, value } of topLevelAssignments(source, fileName)) {
    if (name === "languageStrings" && isNode(value) && value.kind === "array") {
      Object.assign(strings, arrayStrings(value));
    }
  }
  return strings;
}

/**
 * Reads every `<Module>.php` of `<root>/languages/<language>/` (not its
 * sub-folders) into a translator: a module's label of a value, else the
 * shared (`Vtiger.php`) one, else the value itself. A missing language folder
 * gives a translator that keeps values as they are; a missing `root` is an
 * error naming it.
 */
export async function loadVtigerLanguageFiles(
  root: string,
  language: string,
): Promise<DictionaryTranslator> {
  await requireVtigerFolder(root);
  const folder = `${root.replace(/\/+$/, "")}/languages/${language}`;
  const strings: Array<[string, Record<string, string>]> = [];
  let entries: Deno.DirEntry[] = [];
  try {
    entries = await Array.fromAsync(Deno.readDir(folder));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  for (const entry of entries) {
    if (!entry.isFile || !entry.name.endsWith(".php")) continue;
    const source = await Deno.readTextFile(`${folder}/${entry.name}`);
    strings.push([entry.name.slice(0, -4), parseLanguageStrings(source, entry.name)]);
  }
  return new DictionaryTranslator(Object.fromEntries(strings));
}

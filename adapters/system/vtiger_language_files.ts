/**
 * Picklist labels from a Vtiger install's language files
 * (`<VTIGER_ROOT>/languages/<lang>/<Module>.php`, then `Vtiger.php`), read
 * with a real PHP parser (npm `php-parser`): the `$languageStrings` array of
 * each file, string keys to string values (concatenations of literals are
 * joined). Files are read once, into a {@linkcode DictionaryTranslator}.
 *
 * @module
 */

import { Engine } from "php-parser";
import { DictionaryTranslator } from "./dictionary_translator.ts";

interface PhpNode {
  readonly kind: string;
  readonly [key: string]: unknown;
}

function isNode(value: unknown): value is PhpNode {
  return typeof value === "object" && value !== null && "kind" in value;
}

/** The text of a string literal, a number, or a `.` concatenation of them. */
function literalText(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.kind === "string" || node.kind === "number") return String(node.value);
  if (node.kind === "nowdoc" || node.kind === "encapsed" && node.type === "heredoc") {
    return typeof node.value === "string" ? node.value : undefined;
  }
  if (node.kind === "bin" && node.type === ".") {
    const left = literalText(node.left);
    const right = literalText(node.right);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
}

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
  const parser = new Engine({
    parser: { extractDoc: false, suppressErrors: true },
    ast: { withPositions: false },
  });
  const program = parser.parseCode(source, fileName) as unknown as PhpNode;
  const strings: Record<string, string> = {};
  for (const statement of (program.children as unknown[] | undefined) ?? []) {
    if (!isNode(statement) || statement.kind !== "expressionstatement") continue;
    const expression = statement.expression;
    if (!isNode(expression) || expression.kind !== "assign" || expression.operator !== "=") {
      continue;
    }
    const left = expression.left;
    if (!isNode(left) || left.kind !== "variable" || left.name !== "languageStrings") continue;
    if (isNode(expression.right) && expression.right.kind === "array") {
      Object.assign(strings, arrayStrings(expression.right));
    }
  }
  return strings;
}

/** Throws an error naming the folder when it does not exist or is not a folder. */
async function requireFolder(root: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(root);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`The Vtiger folder '${root}' does not exist`);
    }
    throw error;
  }
  if (!info.isDirectory) throw new Error(`The Vtiger folder '${root}' is not a folder`);
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
  await requireFolder(root);
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

/**
 * Settings of a Vtiger install read from its `config.inc.php` (parsed, never
 * run): the time zone Vtiger writes times in, `$default_timezone`.
 *
 * @module
 */

import { literalText, requireVtigerFolder, topLevelAssignments } from "./php_source.ts";

/** The install's `$default_timezone` in a `config.inc.php` source, if it sets one literally. */
export function parseDefaultTimeZone(
  source: string,
  fileName = "config.inc.php",
): string | undefined {
  let zone: string | undefined;
  for (const { name, value } of topLevelAssignments(source, fileName)) {
    if (name !== "default_timezone") continue;
    const text = literalText(value)?.trim();
    if (text !== undefined && text !== "") zone = text;
  }
  return zone;
}

/**
 * The `$default_timezone` of `<root>/config.inc.php`; `undefined` when the
 * file is absent or sets none literally. A `root` that is not a folder is an
 * error naming it.
 */
export async function readInstallTimeZone(root: string): Promise<string | undefined> {
  await requireVtigerFolder(root);
  const path = `${root.replace(/\/+$/, "")}/config.inc.php`;
  let source: string;
  try {
    source = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  return parseDefaultTimeZone(source, path);
}

/**
 * The clean-up the original module applied to every value a client writes.
 *
 * @module
 */

/** `<tag ...>`, `</tag>`, `<!-- ... -->`, `<!DOCTYPE>`, `<?php ... ?>`. */
const TAG = /<!--[\s\S]*?-->|<[A-Za-z/!?][^>]*>/g;

/** Strips HTML tags until none is left, so that `<<b>script>` cannot rebuild one. */
function stripTags(value: string): string {
  let current = value;
  for (;;) {
    const next = current.replace(TAG, "");
    if (next === current) return next;
    current = next;
  }
}

/**
 * Cleans one value as the original did: `\/` becomes `/` (the original PHP
 * client escapes slashes that way), then HTML tags are stripped, then
 * surrounding white space is trimmed. Unescaping first means `<\/b>` is
 * recognised as a tag too.
 */
export function cleanFieldValue(value: string): string {
  return stripTags(value.replaceAll("\\/", "/")).trim();
}

/**
 * Numbers as Vtiger's PHP computes and hands them to MySQL: IEEE doubles,
 * turned into text with PHP's `precision` setting (14 significant digits),
 * so that `3376.35 + 337.635 + 1450 + 116` is stored as `5279.985` and not
 * `5279.985000000001`.
 *
 * @module
 */

/** PHP's default `precision` ini setting, used when a float becomes a string. */
const PHP_PRECISION = 14;

/** A decimal text (or empty) as PHP's `(float)` reads it: empty and junk are 0. */
export function phpFloat(text: string | number | null | undefined): number {
  if (text === null || text === undefined) return 0;
  const value = typeof text === "number" ? text : Number.parseFloat(text);
  return Number.isFinite(value) ? value : 0;
}

/** The text PHP makes of a float (`(string) $x`), rounded to 14 significant digits. */
export function phpFloatText(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return "0";
  const rounded = Number(value.toPrecision(PHP_PRECISION));
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

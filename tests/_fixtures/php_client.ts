/**
 * Bodies as the original PHP client (`examples/php` of sardoj/VTRestfulAPI)
 * builds them, shared by the tests that replay its requests.
 *
 * @module
 */

/** The content type of the client's bodies. */
export const FORM = { "Content-Type": "application/x-www-form-urlencoded" } as const;

/** What the PHP client's sanitizeParams does to a body value. */
export function sanitized(value: string): string {
  return value.replaceAll("&#39;", "%27").replaceAll("+", "%2B").replaceAll("/", "\\/");
}

/** The client's body: `key=value&` for each value, the last `&` left in place. */
export function clientBody(values: Readonly<Record<string, string>>): string {
  return Object.entries(values).map(([key, value]) => `${key}=${sanitized(value)}&`).join("");
}

/** PHP's json_encode: `/` escaped as `\/`. */
export function phpJson(value: unknown): string {
  return JSON.stringify(value).replaceAll("/", "\\/");
}

/**
 * The address of the client a request comes from, for login throttling.
 *
 * @module
 */

import type { Context } from "hono";

/**
 * The socket's remote address, which Deno's server hands over as the app's
 * env; behind a trusted reverse proxy (`trustProxy`), the last address of
 * `X-Forwarded-For`, the one that proxy appended (earlier entries are the
 * client's own claims). `undefined` when unknown, as under `app.request`.
 */
export function clientAddress(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = c.req.header("X-Forwarded-For")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { remoteAddr?: { hostname?: unknown } } | undefined;
  const hostname = env?.remoteAddr?.hostname;
  return typeof hostname === "string" ? hostname : undefined;
}

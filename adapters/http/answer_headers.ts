/**
 * Setting a header on the answer once it exists, without copying it.
 * hono's `c.header` after the answer is made rebuilds the whole `Response`
 * (body, status and every header) for each header it sets; the answers this
 * app makes have mutable headers, so they are set in place, and only an
 * answer whose headers are immutable goes through `c.header`.
 *
 * @module
 */

import type { Context } from "hono";

/** Sets (or with `append`, appends) a header on `c.res`, in place when it can. */
export function setAnswerHeader(c: Context, name: string, value: string, append = false): void {
  try {
    if (append) c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    c.header(name, value, append ? { append: true } : undefined);
  }
}

/**
 * Compressed answers for clients that accept them: brotli when the client
 * prefers it (or rates it as high as gzip), else gzip or deflate through
 * hono's compress middleware. Bodies whose `Content-Length` says they are
 * small (under 1 KiB) are sent as they are, as hono's middleware does.
 *
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import { compress, COMPRESSIBLE_CONTENT_TYPE_REGEX } from "hono/compress";
import { setAnswerHeader } from "./answer_headers.ts";

/** Bodies smaller than this are not compressed. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/** The quality a client gives an encoding in `Accept-Encoding` (`*` counts for unnamed ones). */
function quality(header: string, encoding: string): number {
  let wildcard = 0;
  for (const part of header.split(",")) {
    const [name = "", ...parameters] = part.trim().toLowerCase().split(";");
    const q = parameters.map((item) => item.trim()).find((item) => item.startsWith("q="));
    const value = q === undefined ? 1 : Number(q.slice(2));
    if (name === encoding) return Number.isFinite(value) ? value : 0;
    if (name === "*") wildcard = Number.isFinite(value) ? value : 0;
  }
  return wildcard;
}

/** hono's compress middleware's tests, for the answer to a client that accepts no encoding. */
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;
const VARY_ACCEPT_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i;

/**
 * What hono's compress middleware does for a client that accepts no
 * encoding (it compresses nothing, but names `Accept-Encoding` in `Vary` on
 * an answer it would have compressed), with the header set in place: hono
 * sets it through `c.header`, which copies the whole answer.
 */
function varyOnly(c: Context): void {
  const response = c.res;
  const headers = response.headers;
  const length = headers.get("Content-Length");
  if (
    response.status === 206 || headers.has("Content-Encoding") ||
    headers.has("Transfer-Encoding") || c.req.method === "HEAD" ||
    (length !== null && length !== "" && Number(length) < COMPRESSION_THRESHOLD_BYTES) ||
    !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(headers.get("Content-Type") ?? "") ||
    NO_TRANSFORM.test(headers.get("Cache-Control") ?? "")
  ) {
    return;
  }
  const vary = headers.get("Vary");
  if (vary === "*" || (vary !== null && vary !== "" && VARY_ACCEPT_ENCODING.test(vary))) return;
  setAnswerHeader(c, "Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
}

/** The compression middleware. */
export function compressAnswers(): MiddlewareHandler {
  const others = compress({ threshold: COMPRESSION_THRESHOLD_BYTES });
  return async (c, next) => {
    const accepted = c.req.header("Accept-Encoding") ?? "";
    if (accepted === "") {
      await next();
      varyOnly(c);
      return;
    }
    const brotli = quality(accepted, "br");
    if (brotli === 0 || brotli < quality(accepted, "gzip")) return await others(c, next);
    await next();
    const response = c.res;
    const length = response.headers.get("Content-Length");
    const type = response.headers.get("Content-Type") ?? "";
    if (
      response.body === null || c.req.method === "HEAD" ||
      response.headers.has("Content-Encoding") ||
      (length !== null && Number(length) < COMPRESSION_THRESHOLD_BYTES) ||
      !/json|text/.test(type)
    ) {
      return;
    }
    // hono copies the old answer's headers onto the new one: fix them up afterwards.
    c.res = new Response(
      response.body.pipeThrough(new CompressionStream("brotli" as CompressionFormat)),
      response,
    );
    c.res.headers.delete("Content-Length");
    c.res.headers.set("Content-Encoding", "br");
    c.res.headers.append("Vary", "Accept-Encoding");
  };
}

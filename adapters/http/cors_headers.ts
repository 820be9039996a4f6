/**
 * CORS: hono's `cors` middleware for preflights (`OPTIONS`), and for every
 * other request the same headers it sets, set on the answer once it is made.
 * hono sets them before the route runs, which makes an empty answer first
 * and copies its headers onto the route's answer (a second `Response`).
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { setAnswerHeader } from "./answer_headers.ts";

/** Settings, as hono's `cors` takes them (one allowed origin, or `*`). */
export interface CorsSettings {
  readonly origin: string;
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge: number;
}

/** The middleware. */
export function corsHeaders(settings: CorsSettings): MiddlewareHandler {
  const preflight = cors({
    origin: settings.origin,
    allowMethods: [...settings.allowMethods],
    allowHeaders: [...settings.allowHeaders],
    exposeHeaders: [...settings.exposeHeaders],
    maxAge: settings.maxAge,
  });
  const exposed = settings.exposeHeaders.length > 0 ? settings.exposeHeaders.join(",") : undefined;
  const anyOrigin = settings.origin === "*";
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return await preflight(c, next);
    const allowed = anyOrigin
      ? "*"
      : (c.req.header("origin") || "") === settings.origin
      ? settings.origin
      : undefined;
    await next();
    if (allowed !== undefined) setAnswerHeader(c, "Access-Control-Allow-Origin", allowed);
    if (exposed !== undefined) setAnswerHeader(c, "Access-Control-Expose-Headers", exposed);
    if (!anyOrigin) setAnswerHeader(c, "Vary", "Origin", true);
  };
}

/**
 * The headers every answer carries so that nothing caches it and no browser
 * reads it as anything but JSON.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/**
 * hono's secure headers (`X-Content-Type-Options: nosniff`, no framing, no
 * referrer, ...) with a content security policy that allows nothing (the
 * answers are JSON, never pages). Left to the deployment: HSTS (it pins
 * HTTPS for a whole domain, the TLS front's call) and the cross-origin
 * resource policy (`CORS_ORIGIN` decides who reads the answers).
 */
const secure: MiddlewareHandler = secureHeaders({
  strictTransportSecurity: false,
  crossOriginResourcePolicy: false,
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
});

/**
 * `Cache-Control: no-store` on every answer, success or failure: they carry
 * tokens (login) and records (everything else), which no proxy or browser
 * cache may keep.
 */
const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
};

/** Both, for `app.use("*", ...)`. */
export const securityHeaders: readonly MiddlewareHandler[] = [secure, noStore];

/**
 * The headers every answer carries so that nothing caches it and no browser
 * reads it as anything but JSON.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { setAnswerHeader } from "./answer_headers.ts";

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
 * The secure headers and `Cache-Control: no-store` on every answer, success
 * or failure: they carry tokens (login) and records (everything else), which
 * no proxy or browser cache may keep. One middleware, and the header set in
 * place (`setAnswerHeader`), not through `c.header`, which copied the answer.
 */
const secureAndNoStore: MiddlewareHandler = (c, next) =>
  secure(c, async () => {
    await next();
    setAnswerHeader(c, "Cache-Control", "no-store");
  });

/** For `app.use("*", ...)`. */
export const securityHeaders: readonly MiddlewareHandler[] = [secureAndNoStore];

/**
 * The middleware that counts and times each request in the service's
 * metrics: apart from `metrics.ts`, so that the app loads prom-client only
 * when `METRICS` builds the metrics.
 *
 * @module
 */

import type { MiddlewareHandler } from "hono";
import "./app_env.ts";
import type { ServiceMetrics } from "./metrics.ts";
import { methodOf, routeOf } from "./request_log.ts";

/** The route label: the action a request was resolved to, else the route pattern that answered. */
function routeLabel(c: Parameters<MiddlewareHandler>[0]): string {
  return c.get("action") ?? routeOf(c);
}

/** The middleware that counts and times every request in the metrics. */
export function metricsMiddleware(metrics: ServiceMetrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      metrics.observe(
        methodOf(c),
        routeLabel(c),
        c.res.status,
        (performance.now() - started) / 1000,
      );
    }
  };
}

/**
 * The service's own routes, outside the base path: liveness (`/healthz`),
 * readiness (`/readyz`) and, when enabled, Prometheus metrics (`/metrics`).
 *
 * @module
 */

import type { Hono } from "hono";
import { successResponse } from "./envelope.ts";
import { DomainError } from "../../domain/errors.ts";
import type { ServiceMetrics } from "./metrics.ts";

/** What the service's own routes answer from. */
export interface HealthOptions {
  /** Why the service cannot answer now, or `undefined` when it can (default: always ready). */
  readonly readiness?: () => Promise<string | undefined>;
  /**
   * Facts `/readyz` adds to its answer, asked alongside `readiness` (the read
   * replica's state: `{ replica: "down" }` while reads fall back to the primary).
   */
  readonly readinessFacts?: () => Promise<Readonly<Record<string, string>>>;
  /** The metrics `/metrics` renders; without them `/metrics` is not a route. */
  readonly metrics?: ServiceMetrics;
}

/**
 * Adds `GET /healthz` (the process answers: always 200), `GET /readyz` (200
 * once the database answers and the metadata is loaded, else 503
 * `SERVICE_UNAVAILABLE` saying why; the readiness facts in its body) and,
 * with metrics, `GET /metrics`.
 */
export function addHealthRoutes(app: Hono, options: HealthOptions): void {
  app.get("/healthz", (c) => successResponse(c, { status: "ok" }));
  app.get("/readyz", async (c) => {
    const [reason, facts] = await Promise.all([
      options.readiness?.(),
      options.readinessFacts?.(),
    ]);
    if (reason !== undefined) {
      throw new DomainError("SERVICE_UNAVAILABLE", `Not ready: ${reason}`);
    }
    return successResponse(c, { status: "ready", ...facts });
  });
  const metrics = options.metrics;
  if (metrics !== undefined) {
    app.get("/metrics", async (c) => {
      const { body, contentType } = await metrics.render();
      return c.body(body, 200, { "Content-Type": contentType });
    });
  }
}

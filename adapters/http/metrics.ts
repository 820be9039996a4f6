/**
 * Prometheus metrics of the service, with prom-client on a registry of its
 * own: requests by route and status, their latency, and whatever gauges and
 * counters the composition root adds (the database pool, cache lookups).
 *
 * @module
 */

import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Seconds; a list on a large database takes tens of milliseconds, a stalled one 30 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The service's metrics. */
export class ServiceMetrics {
  #registry: Registry = new Registry();
  #requests: Counter<"method" | "route" | "status">;
  #latency: Histogram<"method" | "route" | "status">;

  /** Creates the request metrics. */
  constructor() {
    this.#requests = new Counter({
      name: "vtrest_http_requests_total",
      help: "Requests answered, by method, route (action or route pattern) and status",
      labelNames: ["method", "route", "status"],
      registers: [this.#registry],
    });
    this.#latency = new Histogram({
      name: "vtrest_http_request_duration_seconds",
      help: "Time to answer a request, by method, route (action or route pattern) and status",
      labelNames: ["method", "route", "status"],
      buckets: LATENCY_BUCKETS,
      registers: [this.#registry],
    });
  }

  /** Counts one answered request and its duration. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.#requests.inc(labels);
    this.#latency.observe(labels, seconds);
  }

  /** Adds the database pool's gauges, read at each scrape. */
  addPool(stats: () => { readonly inUse: number; readonly waiting: number }): void {
    this.#gauge(
      "vtrest_db_pool_connections_in_use",
      "Database connections handed out and not yet released",
      () => stats().inUse,
    );
    this.#gauge(
      "vtrest_db_pool_requests_waiting",
      "Requests for a database connection not yet served",
      () => stats().waiting,
    );
  }

  /** Adds the gauges of the reads worked on at once and waiting their turn, read at each scrape. */
  addReadAdmission(stats: () => { readonly running: number; readonly waiting: number }): void {
    this.#gauge(
      "vtrest_http_reads_in_flight",
      "Reads (GET and HEAD) being worked on, at most MAX_READS_IN_FLIGHT",
      () => stats().running,
    );
    this.#gauge(
      "vtrest_http_reads_waiting",
      "Reads waiting for their turn before their handler starts",
      () => stats().waiting,
    );
  }

  /** A gauge whose value `read` gives at each scrape. */
  #gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.#registry],
      collect() {
        this.set(read());
      },
    });
  }

  /** A counter of cache lookups by cache and outcome (hit, miss, stale); returns how to count one. */
  cacheLookups(): (cache: string, outcome: string) => void {
    const lookups = new Counter({
      name: "vtrest_cache_lookups_total",
      help:
        "Cache lookups by cache (modules, picklists, privileges) and outcome (hit, miss, stale)",
      labelNames: ["cache", "outcome"],
      registers: [this.#registry],
    });
    return (cache, outcome) => lookups.inc({ cache, outcome });
  }

  /** A counter of record reads by database (`replica`, `primary`); returns how to count one. */
  routedReads(): (replica: boolean) => void {
    const reads = new Counter({
      name: "vtrest_db_record_reads_total",
      help: "Record reads with a read replica configured, by the database that answered them",
      labelNames: ["database"],
      registers: [this.#registry],
    });
    return (replica) => reads.inc({ database: replica ? "replica" : "primary" });
  }

  /** A counter of replica reads the primary answered, by reason; returns how to count one. */
  replicaFallbacks(): (reason: "down" | "failed") => void {
    const fallbacks = new Counter({
      name: "vtrest_db_replica_fallbacks_total",
      help: "Record reads meant for the read replica that the primary answered, by reason " +
        "(down: the replica was marked down; failed: its connection failed during the read)",
      labelNames: ["reason"],
      registers: [this.#registry],
    });
    return (reason) => fallbacks.inc({ reason });
  }

  /** A gauge of whether the read replica serves (1) or is down (0); returns how to set it. */
  replicaUp(): (up: boolean) => void {
    const gauge = new Gauge({
      name: "vtrest_db_replica_up",
      help: "Whether the read replica serves reads (1) or is down, reads on the primary (0)",
      registers: [this.#registry],
    });
    gauge.set(1);
    return (up) => gauge.set(up ? 1 : 0);
  }

  /** The metrics in Prometheus' text format, with its content type. */
  async render(): Promise<{ body: string; contentType: string }> {
    return { body: await this.#registry.metrics(), contentType: this.#registry.contentType };
  }
}

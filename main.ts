/**
 * The composition root and entry point (`deno task start`): reads the
 * configuration, wires the adapters to the use cases, serves the HTTP app
 * with `Deno.serve`, and on SIGTERM or SIGINT stops accepting connections,
 * lets the requests in flight finish (at most `SHUTDOWN_GRACE_SECONDS`),
 * closes the database pool and exits 0. With no `VTIGER_DB_URL` it serves the
 * in-memory demo. A start-up failure is one line on standard error and exit
 * code 1.
 *
 * @module
 */

import { type Config, ConfigError, listenHost, readConfig } from "./adapters/env/config.ts";
import { observeCallers } from "./adapters/http/caller_observer.ts";
import { BadTokenLimit, limitBadTokens } from "./adapters/http/bad_token_limit.ts";
import { currentRequestSignal } from "./adapters/http/request_signal.ts";
import { currentReader } from "./adapters/http/current_reader.ts";
import { limitUserWork, UserWorkLimit } from "./adapters/http/user_work_limit.ts";
import { createApp } from "./adapters/http/app.ts";
import { yieldingPlace } from "./adapters/http/read_admission.ts";
import type { ServiceMetrics } from "./adapters/http/metrics.ts";
import { RequestDrain } from "./adapters/http/request_drain.ts";
import { serveClients } from "./adapters/http/connection_guard.ts";
import { noteRateState } from "./adapters/http/rate_limit_headers.ts";
import { MemoryCounterStore } from "./adapters/memory/memory_counter_store.ts";
import { describeStartupError } from "./adapters/mysql/startup_errors.ts";
import { LineLogger } from "./adapters/system/line_logger.ts";
import { graceTimeout, nextStopSignal } from "./adapters/system/stop_signals.ts";
import { WorkerPasswordVerifier } from "./adapters/system/worker_password_verifier.ts";
import { isKnownTimeZone } from "./domain/time_zone.ts";
import { createUseCases, type Ports } from "./application/use_cases.ts";
import type { CounterStore, Logger } from "./domain/ports.ts";

/** The permissions the service runs with: `deno task start` grants exactly these. */
const PERMISSIONS: readonly Deno.PermissionDescriptor[] = [
  { name: "net" },
  { name: "env" },
  { name: "read" },
];

/** How to start the service when `deno run main.ts` lacks the permissions. */
const HOW_TO_START = "start vtrest with `deno task start` " +
  "(or deno run --allow-net --allow-env --allow-read --allow-write --unstable-no-legacy-abort " +
  "main.ts)";

/** The service built from a configuration: its fetch handler and how to close it. */
export interface Service {
  /** Answers one request; `info.remoteAddr` is the client's address. */
  readonly fetch: (
    request: Request,
    info?: Deno.ServeHandlerInfo,
  ) => Response | Promise<Response>;
  /** What the start line says about the data served (never a password). */
  readonly facts: Readonly<Record<string, string>>;
  /** Stops the password workers and closes the database pool. */
  readonly close: () => Promise<void>;
}

/**
 * The zone the install writes times in: `$default_timezone` of `VTIGER_ROOT`'s
 * `config.inc.php` when it sets one, else `VTIGER_TIMEZONE`.
 */
async function installTimeZone(config: Config): Promise<string> {
  if (config.VTIGER_ROOT === undefined) return config.VTIGER_TIMEZONE;
  // Only an install folder needs the PHP parser: imported here, not at start.
  const { readInstallTimeZone } = await import("./adapters/system/vtiger_config_file.ts");
  const zone = await readInstallTimeZone(config.VTIGER_ROOT);
  if (zone === undefined) return config.VTIGER_TIMEZONE;
  if (!isKnownTimeZone(zone)) {
    throw new ConfigError(
      `VTIGER_ROOT's config.inc.php sets $default_timezone '${zone}', which is not a known time zone`,
    );
  }
  return zone;
}

/** The ports, and what the service's own routes need from them. */
interface OpenedPorts {
  readonly ports: Ports;
  readonly counters: CounterStore;
  readonly readiness?: () => Promise<string | undefined>;
  readonly readinessFacts?: () => Promise<Readonly<Record<string, string>>>;
  readonly close: () => Promise<void>;
}

/**
 * The database's ports when `VTIGER_DB_URL` is set, else the in-memory
 * demo's: each imported only when chosen, so that neither holds the other's
 * modules in memory.
 */
async function openPorts(
  config: Config,
  logger: Logger,
  metrics: ServiceMetrics | undefined,
): Promise<OpenedPorts> {
  const timeZone = await installTimeZone(config);
  if (config.VTIGER_DB_URL === undefined) {
    const { createDemoPorts } = await import("./adapters/memory/demo/demo_ports.ts");
    return {
      ports: createDemoPorts({ timeZone }),
      counters: new MemoryCounterStore(),
      close: () => Promise.resolve(),
    };
  }
  const { openMysqlPorts } = await import("./adapters/mysql/mysql_ports.ts");
  const opened = await openMysqlPorts({
    url: config.VTIGER_DB_URL,
    metadataTtlSeconds: config.METADATA_TTL_SECONDS,
    metadataCheckSeconds: config.METADATA_CHECK_SECONDS,
    privilegesTtlSeconds: config.PRIVILEGES_TTL_SECONDS,
    vtigerRoot: config.VTIGER_ROOT,
    vtigerLanguage: config.VTIGER_LANGUAGE,
    connectTimeoutSeconds: config.DB_CONNECT_TIMEOUT_SECONDS,
    onCacheLookup: metrics?.cacheLookups(),
    logger,
    timeZone,
    queryTimeoutSeconds: config.QUERY_TIMEOUT_SECONDS,
    currentSignal: currentRequestSignal,
    connectionLimit: config.POOL_SIZE,
    readUrl: config.VTIGER_DB_READ_URL,
    readYourWritesSeconds: config.READ_YOUR_WRITES_SECONDS,
    // Another instance's writes are seen when the session cache would see its logouts.
    readYourWritesCheckSeconds: config.AUTH_CACHE_SECONDS,
    currentReader,
    onRoutedRead: config.VTIGER_DB_READ_URL === undefined ? undefined : metrics?.routedReads(),
    replicaRetrySeconds: config.REPLICA_RETRY_SECONDS,
    ...(config.VTIGER_DB_READ_URL === undefined || metrics === undefined ? {} : {
      onReplicaFallback: metrics.replicaFallbacks(),
      onReplicaState: metrics.replicaUp(),
    }),
  });
  metrics?.addPool(opened.poolStats);
  // Loads the metadata now rather than on the first request; /readyz says 503 until it is.
  opened.catalog.listModules().catch(() => {});
  const replicaState = opened.replicaState;
  return {
    ports: opened.ports,
    counters: opened.counters,
    readiness: opened.readiness,
    ...(replicaState === undefined
      ? {}
      : { readinessFacts: async () => ({ replica: await replicaState() }) }),
    close: opened.close,
  };
}

/** Where the data comes from, for the start line: never the password. */
function dataFacts(config: Config): Record<string, string> {
  if (config.VTIGER_DB_URL === undefined) {
    return {
      data: "in-memory demo (lost on restart; log in as admin/admin or key DemoAccessKey016)",
    };
  }
  const where = (text: string) => {
    const url = new URL(text);
    return {
      host: `${url.hostname}:${url.port === "" ? "3306" : url.port}`,
      name: decodeURIComponent(url.pathname.replace(/^\//, "")),
    };
  };
  const primary = where(config.VTIGER_DB_URL);
  const replica = config.VTIGER_DB_READ_URL === undefined
    ? undefined
    : where(config.VTIGER_DB_READ_URL);
  return {
    data: "Vtiger database",
    db_host: primary.host,
    db_name: primary.name,
    ...(replica === undefined ? {} : { read_db_host: replica.host, read_db_name: replica.name }),
  };
}

/** Builds the whole service from a configuration: the composition of every adapter. */
export async function buildService(config: Config, logger: Logger): Promise<Service> {
  // prom-client is loaded only when the metrics are served.
  const metrics = config.METRICS
    ? new (await import("./adapters/http/metrics.ts")).ServiceMetrics()
    : undefined;
  const { ports, counters, readiness, readinessFacts, close } = await openPorts(
    config,
    logger,
    metrics,
  );
  // Password hashing runs in workers, so that no login holds the event loop.
  const passwords = new WorkerPasswordVerifier({
    workers: config.PASSWORD_WORKERS,
    maxQueue: config.PASSWORD_QUEUE_LENGTH,
  });
  const badTokens = config.BAD_TOKEN_LIMIT === 0
    ? undefined
    : new BadTokenLimit(config.BAD_TOKEN_LIMIT, config.BAD_TOKEN_WINDOW_SECONDS);
  const observed = observeCallers({ ...ports, counters, passwords: yieldingPlace(passwords) });
  const useCases = createUseCases(
    limitUserWork(
      badTokens === undefined ? observed : limitBadTokens(observed, badTokens),
      new UserWorkLimit(config.MAX_REQUESTS_PER_USER, {
        maxWaiting: config.MAX_WAITING_PER_USER,
        maxWaitMs: config.USER_WAIT_SECONDS * 1000,
      }),
    ),
    {
      sessionTtlSeconds: config.TOKEN_TTL_SECONDS,
      sessionMaxAgeSeconds: config.TOKEN_MAX_AGE_SECONDS,
      maxSessionsPerUser: config.MAX_SESSIONS_PER_USER,
      maxPageLength: config.MAX_PAGE_LENGTH,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
      maxBulk: config.MAX_BULK,
      onRateState: noteRateState,
      authCacheSeconds: config.AUTH_CACHE_SECONDS,
    },
  );
  const app = createApp(useCases, {
    basePath: config.BASE_PATH,
    corsOrigin: config.CORS_ORIGIN,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxUploadBytes: config.MAX_UPLOAD_BYTES,
    maxBodyBytesInFlight: config.MAX_BODY_BYTES_IN_FLIGHT,
    maxBodyValues: config.MAX_BODY_VALUES,
    bodyTimeoutSeconds: config.BODY_TIMEOUT_SECONDS,
    requestTimeoutSeconds: config.REQUEST_TIMEOUT_SECONDS,
    maxReadsInFlight: config.MAX_READS_IN_FLIGHT,
    trustProxy: config.TRUST_PROXY,
    ...(badTokens === undefined ? {} : { badTokens }),
    logger,
    readiness,
    readinessFacts,
    metrics,
  });
  const closeAll = async (): Promise<void> => {
    await passwords.close();
    await close();
  };
  return { fetch: app.fetch, facts: dataFacts(config), close: closeAll };
}

/** Whether every permission the service needs was granted (asking would prompt). */
function hasPermissions(): boolean {
  return PERMISSIONS.every((permission) =>
    Deno.permissions.querySync(permission).state === "granted"
  );
}

/** One line on standard error: the only output of a failed start. */
function fail(reason: string): number {
  console.error(`vtrest: ${reason}`);
  return 1;
}

/** Starts the service and serves until a stop signal; returns the exit code. */
export async function main(): Promise<number> {
  if (!hasPermissions()) return fail(HOW_TO_START);
  let config: Config;
  try {
    config = readConfig(Deno.env.toObject());
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }
  const logger = new LineLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  let service: Service;
  try {
    service = await buildService(config, logger);
  } catch (error) {
    return fail(describeStartupError(error));
  }
  const hostname = listenHost(config);
  const stopped = nextStopSignal();
  const drain = new RequestDrain();
  let server: { shutdown(): Promise<void> };
  try {
    server = serveClients({
      hostname,
      port: config.PORT,
      headerTimeoutSeconds: config.HEADER_TIMEOUT_SECONDS,
      idleTimeoutSeconds: config.IDLE_TIMEOUT_SECONDS,
      maxConnections: config.MAX_CONNECTIONS,
      onListen: (address) => {
        logger.log("info", "start", {
          url: `http://${
            address.hostname.includes(":") ? `[${address.hostname}]` : address.hostname
          }:${address.port}${config.BASE_PATH}`,
          ...service.facts,
        });
      },
    }, drain.wrap(service.fetch));
  } catch (error) {
    await service.close();
    const cause = error instanceof Deno.errors.AddrInUse
      ? "the address is already in use"
      : error instanceof Error
      ? error.message
      : String(error);
    return fail(`cannot listen on ${hostname}:${config.PORT}: ${cause}`);
  }
  // Deno's shutdown() would cut a body still being uploaded: drain first, then shut down.
  await shutDown(
    { signal: await stopped, drain, service, config, logger },
    () => server.shutdown(),
  );
  return 0;
}

/** What a shutdown closes, and where it reports. */
export interface ShutdownScope {
  /** The signal that asked for it. */
  readonly signal: Deno.Signal;
  /** The requests in flight. */
  readonly drain: RequestDrain;
  /** The service to close once they are done. */
  readonly service: Service;
  /** `SHUTDOWN_GRACE_SECONDS`. */
  readonly config: Pick<Config, "SHUTDOWN_GRACE_SECONDS">;
  /** Where the shutdown lines go. */
  readonly logger: Logger;
}

/**
 * Lets the requests in flight finish, then `afterDrain` (the listener's own
 * shutdown), within `SHUTDOWN_GRACE_SECONDS`; then closes the service (pool,
 * password workers) and logs `shutdown`, `shutdown_grace_exceeded` when the
 * grace ran out, and `stopped`.
 */
export async function shutDown(
  { signal, drain, service, config, logger }: ShutdownScope,
  afterDrain: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  logger.log("info", "shutdown", { signal, grace_seconds: config.SHUTDOWN_GRACE_SECONDS });
  const finished = await Promise.race([
    drain.drain().then(afterDrain).then(() => "finished" as const),
    graceTimeout(config.SHUTDOWN_GRACE_SECONDS),
  ]);
  if (finished === "timeout") {
    logger.log("warn", "shutdown_grace_exceeded", {
      grace_seconds: config.SHUTDOWN_GRACE_SECONDS,
      in_flight: drain.inFlight,
    });
  }
  await service.close();
  logger.log("info", "stopped", { signal });
}

if (import.meta.main) Deno.exit(await main());

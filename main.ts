/**
 * The composition root: reads the configuration, wires the adapters to the use
 * cases and hands the HTTP app to `deno serve` (`deno task start`). With no
 * `VTIGER_DB_URL` it serves the in-memory demo.
 *
 * @module
 */

import { createApp } from "./adapters/http/app.ts";
import { createDemoPorts } from "./adapters/memory/demo/demo_ports.ts";
import { MemoryLoginThrottle } from "./adapters/memory/memory_login_throttle.ts";
import { type Config, ConfigError, readConfig } from "./adapters/env/config.ts";
import { isDomainError } from "./domain/errors.ts";
import { openMysqlPorts } from "./adapters/mysql/mysql_ports.ts";
import { createUseCases, type Ports } from "./application/use_cases.ts";

interface Service {
  readonly fetch: (request: Request) => Response | Promise<Response>;
  readonly describe: string;
  readonly close: () => Promise<void>;
}

/** The database's ports when `VTIGER_DB_URL` is set, else the in-memory demo's. */
async function openPorts(config: Config): Promise<{ ports: Ports; close: () => Promise<void> }> {
  if (config.VTIGER_DB_URL === undefined) {
    return { ports: createDemoPorts(), close: () => Promise.resolve() };
  }
  const { ports, close } = await openMysqlPorts({
    url: config.VTIGER_DB_URL,
    metadataTtlSeconds: config.METADATA_TTL_SECONDS,
    privilegesTtlSeconds: config.PRIVILEGES_TTL_SECONDS,
    vtigerRoot: config.VTIGER_ROOT,
    vtigerLanguage: config.VTIGER_LANGUAGE,
  });
  return { ports, close };
}

/** Builds the whole service from a configuration. */
async function buildService(config: Config): Promise<Service> {
  const { ports, close } = await openPorts(config);
  const useCases = createUseCases({ throttle: new MemoryLoginThrottle(), ...ports }, {
    sessionTtlSeconds: config.TOKEN_TTL_SECONDS,
    maxPageLength: config.MAX_PAGE_LENGTH,
  });
  const app = createApp(useCases, {
    basePath: config.BASE_PATH,
    corsOrigin: config.CORS_ORIGIN,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxBodyBytesInFlight: config.MAX_BODY_BYTES_IN_FLIGHT,
    bodyTimeoutSeconds: config.BODY_TIMEOUT_SECONDS,
    trustProxy: config.TRUST_PROXY,
  });
  const describe = config.VTIGER_DB_URL === undefined
    ? "the in-memory demo (data lives only in memory and is lost on restart); " +
      "log in as admin/admin or with access key DemoAccessKey016"
    : "the Vtiger database of VTIGER_DB_URL";
  return { fetch: app.fetch, describe, close };
}

/** Reads the configuration and opens the service, or stops the process with one clear line. */
async function start(): Promise<{ config: Config; service: Service }> {
  try {
    const config = readConfig(Deno.env.toObject());
    return { config, service: await buildService(config) };
  } catch (error) {
    const reason = error instanceof ConfigError || isDomainError(error)
      ? error.message
      : `start-up failed: ${error instanceof Error ? error.message : String(error)}`;
    console.error(`vtrest: ${reason}`);
    Deno.exit(1);
  }
}

/** `deno serve`'s listen address from `HOSTNAME` and `PORT` (IPv6 addresses in brackets). */
function serveAddress(config: Config): string {
  const host = config.HOSTNAME.includes(":") ? `[${config.HOSTNAME}]` : config.HOSTNAME;
  return `tcp:${host}:${config.PORT}`;
}

const { config, service } = await start();

// `deno serve` reads DENO_SERVE_ADDRESS once this module has run, so PORT and
// HOSTNAME take effect through it (an address given explicitly wins).
if (Deno.env.get("DENO_SERVE_ADDRESS") === undefined) {
  Deno.env.set("DENO_SERVE_ADDRESS", serveAddress(config));
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, async () => {
    await service.close();
    Deno.exit(0);
  });
}

/** What `deno serve main.ts` (and so `deno task start`) serves. */
export default {
  fetch: service.fetch,
  onListen: (address: Deno.Addr): void => {
    const where = address.transport === "tcp"
      ? `http://${address.hostname}:${address.port}`
      : `${address.transport} socket`;
    console.log(`vtrest serves ${service.describe} at ${where}${config.BASE_PATH}`);
  },
} satisfies Deno.ServeDefaultExport;

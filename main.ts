/**
 * The composition root: reads the configuration, wires the adapters to the use
 * cases and serves the HTTP app. With no `VTIGER_DB_URL` it serves the
 * in-memory demo.
 *
 * @module
 */

import { createApp } from "./adapters/http/app.ts";
import { createDemoPorts } from "./adapters/memory/demo/demo_ports.ts";
import { MemoryLoginThrottle } from "./adapters/memory/memory_login_throttle.ts";
import { type Config, ConfigError, readConfig } from "./adapters/env/config.ts";
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
export async function buildService(config: Config): Promise<Service> {
  const { ports, close } = await openPorts(config);
  const useCases = createUseCases({ throttle: new MemoryLoginThrottle(), ...ports }, {
    sessionTtlSeconds: config.TOKEN_TTL_SECONDS,
    maxPageLength: config.MAX_PAGE_LENGTH,
  });
  const app = createApp(useCases, {
    basePath: config.BASE_PATH,
    corsOrigin: config.CORS_ORIGIN,
    maxBodyBytes: config.MAX_BODY_BYTES,
  });
  const describe = config.VTIGER_DB_URL === undefined
    ? "the in-memory demo (data lives only in memory and is lost on restart); " +
      "log in as admin/admin or with access key DemoAccessKey016"
    : "the Vtiger database of VTIGER_DB_URL";
  return { fetch: app.fetch, describe, close };
}

function loadConfig(): Config {
  try {
    return readConfig(Deno.env.toObject());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`vtrest: ${error.message}`);
      Deno.exit(1);
    }
    throw error;
  }
}

/**
 * Whether this process is `deno serve main.ts` rather than `deno run main.ts`.
 * Deno offers no API for it; the command line tells (Linux), and where it
 * cannot be read the service listens itself.
 */
function launchedByDenoServe(): boolean {
  try {
    return Deno.readTextFileSync("/proc/self/cmdline").split("\0")[1] === "serve";
  } catch {
    return false;
  }
}

const config = loadConfig();
const service = await buildService(config);
const servedByDeno = launchedByDenoServe();

/**
 * The fetch handler for `deno serve main.ts`. Under `deno run` the service
 * listens itself on `PORT`, and the export stays empty so that Deno does not
 * warn about an unused handler.
 */
export default (servedByDeno ? { fetch: service.fetch } : {}) as Deno.ServeDefaultExport;

if (import.meta.main && !servedByDeno) {
  const server = Deno.serve({
    port: config.PORT,
    hostname: config.HOSTNAME,
    onListen: ({ hostname, port }) => {
      console.log(
        `vtrest serves ${service.describe} at http://${hostname}:${port}${config.BASE_PATH}`,
      );
    },
  }, service.fetch);
  const stop = async (): Promise<void> => {
    await server.shutdown();
    await service.close();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
} else if (servedByDeno) {
  console.log(`vtrest serves ${service.describe} through deno serve`);
}

/**
 * The composition root: reads the configuration, wires the adapters to the use
 * cases and serves the HTTP app. With no `VTIGER_DB_URL` it serves the
 * in-memory demo.
 *
 * @module
 */

import { createApp } from "./adapters/http/app.ts";
import { createDemoPorts } from "./adapters/memory/demo/demo_ports.ts";
import { type Config, ConfigError, readConfig } from "./adapters/env/config.ts";
import { createUseCases, type Ports } from "./application/use_cases.ts";

interface Service {
  readonly fetch: (request: Request) => Response | Promise<Response>;
  readonly describe: string;
  readonly close: () => Promise<void>;
}

async function openPorts(config: Config): Promise<{ ports: Ports; close: () => Promise<void> }> {
  return { ports: createDemoPorts(), close: () => Promise.resolve() };
}

/** Builds the whole service from a configuration. */
export async function buildService(config: Config): Promise<Service> {
  const { ports, close } = await openPorts(config);
  const useCases = createUseCases(ports, {
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

const config = loadConfig();
const service = await buildService(config);

/** The fetch handler, so that `deno serve main.ts` runs the service too. */
export default { fetch: service.fetch } satisfies Deno.ServeDefaultExport;

if (import.meta.main) {
  const server = Deno.serve({
    port: config.PORT,
    hostname: config.HOSTNAME,
    onListen: ({ hostname, port }) => {
      console.log(
        `vtrest serves ${service.describe} at http://${hostname}:${port}${config.BASE_PATH}`,
      );
    },
  }, service.fetch);
  const stop = async () => {
    await server.shutdown();
    await service.close();
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

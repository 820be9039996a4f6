/**
 * The same service for `deno serve` (e.g. `deno serve --parallel`, one
 * worker per core): builds it as `main.ts` does and hands its fetch handler
 * to `deno serve`, listening on `LISTEN_HOST` and `PORT` unless
 * `DENO_SERVE_ADDRESS` says otherwise. `deno task start` (main.ts) is the
 * documented way to run vtrest: only it drains requests in flight on
 * SIGTERM; under `deno serve`, Deno handles signals itself.
 *
 * @module
 */

import { ConfigError, listenHost, readConfig } from "./adapters/env/config.ts";
import { describeStartupError } from "./adapters/mysql/startup_errors.ts";
import { LineLogger } from "./adapters/system/line_logger.ts";
import { buildService, type Service } from "./main.ts";

/** Builds the service, or stops the process with one line. */
async function start(): Promise<Service> {
  try {
    const config = readConfig(Deno.env.toObject());
    if (Deno.env.get("DENO_SERVE_ADDRESS") === undefined) {
      const host = listenHost(config);
      Deno.env.set(
        "DENO_SERVE_ADDRESS",
        `tcp:${host.includes(":") ? `[${host}]` : host}:${config.PORT}`,
      );
    }
    const logger = new LineLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
    return await buildService(config, logger);
  } catch (error) {
    console.error(
      `vtrest: ${error instanceof ConfigError ? error.message : describeStartupError(error)}`,
    );
    Deno.exit(1);
  }
}

const service = await start();

/** What `deno serve serve.ts` serves. */
export default { fetch: service.fetch } satisfies Deno.ServeDefaultExport;

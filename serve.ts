/**
 * The same service for `deno serve` (e.g. `deno serve --parallel`, one
 * worker per core): builds it as `main.ts` does and hands its fetch handler
 * to `deno serve`, listening on `LISTEN_HOST` and `PORT` unless
 * `DENO_SERVE_ADDRESS` says otherwise.
 *
 * On SIGTERM or SIGINT, `deno serve` closes its listener and waits for the
 * requests in flight; each worker here also answers any request that still
 * arrives (on a kept-alive connection) with 503 and `Connection: close`,
 * and once its requests in flight are done, or `SHUTDOWN_GRACE_SECONDS`
 * have passed, closes its database pool and password workers, without which
 * the open pool would keep the process alive after the drain.
 *
 * @module
 */

import { type Config, ConfigError, listenHost, readConfig } from "./adapters/env/config.ts";
import { RequestDrain } from "./adapters/http/request_drain.ts";
import { describeStartupError } from "./adapters/mysql/startup_errors.ts";
import { LineLogger } from "./adapters/system/line_logger.ts";
import { nextStopSignal } from "./adapters/system/stop_signals.ts";
import type { Logger } from "./domain/ports.ts";
import { buildService, type Service, shutDown } from "./main.ts";

/** A built service with what its shutdown needs. */
interface Started {
  readonly service: Service;
  readonly config: Config;
  readonly logger: Logger;
}

/** Builds the service, or stops the process with one line. */
async function start(): Promise<Started> {
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
    return { service: await buildService(config, logger), config, logger };
  } catch (error) {
    console.error(
      `vtrest: ${error instanceof ConfigError ? error.message : describeStartupError(error)}`,
    );
    Deno.exit(1);
  }
}

/** Waits for a stop signal, drains this worker's requests, then closes the service. */
async function closeOnStop({ service, config, logger }: Started, drain: RequestDrain) {
  await shutDown({ signal: await nextStopSignal(), drain, service, config, logger });
}

const started = await start();
const drain = new RequestDrain();
closeOnStop(started, drain).catch((error) => {
  console.error(`vtrest: shutdown failed: ${error instanceof Error ? error.message : error}`);
});

/** What `deno serve serve.ts` serves. */
export default { fetch: drain.wrap(started.service.fetch) } satisfies Deno.ServeDefaultExport;

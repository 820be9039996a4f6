/**
 * Two whole services (the entry point's own `buildService`, as `deno task
 * start` composes it) on one Vtiger database, called as a load balancer
 * would: helpers of the tests that show several instances behave as one.
 *
 * @module
 */

import { readConfig } from "../../adapters/env/config.ts";
import { RequestDrain } from "../../adapters/http/request_drain.ts";
import { buildService, type Service } from "../../main.ts";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";

const BASE = "http://vtrest.test/modules/RestfulApi";

/** One instance: answers a path under the base path, from a client address. */
export interface Instance {
  /** Answers `method path` (relative to the base path) as if sent from `client`. */
  call(path: string, init?: RequestInit & { client?: string }): Promise<Response>;
  /** The status of that answer (its body read and dropped). */
  status(path: string, init?: RequestInit & { client?: string }): Promise<number>;
  /** Closes its pool and password workers. */
  close(): Promise<void>;
}

/** Starts one instance on the database with these settings (the environment's variables). */
export async function startInstance(
  settings: Readonly<Record<string, string>>,
  logger: MemoryLogger = new MemoryLogger(),
): Promise<Instance> {
  const service: Service = await buildService(
    readConfig({ PASSWORD_WORKERS: "1", ...settings }),
    logger,
  );
  const fetch = new RequestDrain().wrap(service.fetch);
  const call = async (path: string, init: RequestInit & { client?: string } = {}) => {
    const { client, ...rest } = init;
    return await fetch(new Request(`${BASE}/${path}`, rest), {
      remoteAddr: { transport: "tcp", hostname: client ?? "198.51.100.7", port: 40_000 },
      completed: Promise.resolve(),
    });
  };
  return {
    call,
    status: async (path, init) => {
      const answer = await call(path, init);
      await answer.body?.cancel();
      return answer.status;
    },
    close: () => service.close(),
  };
}

/** Logs `admin` in on the instance and returns the token. */
export async function login(instance: Instance, password = "admin"): Promise<string> {
  const answer = await instance.call(`auth/admin/${password}`);
  const body = await answer.json();
  if (answer.status !== 200) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return body.result as string;
}

/**
 * Asks `probe` every `everyMs` until it returns true, at most `limitMs`;
 * returns the milliseconds it took, or `undefined` if it never did.
 */
export async function msUntil(
  probe: () => Promise<boolean>,
  limitMs: number,
  everyMs = 100,
): Promise<number | undefined> {
  const started = performance.now();
  while (performance.now() - started <= limitMs) {
    if (await probe()) return Math.round(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return undefined;
}

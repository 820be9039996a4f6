/**
 * Whether the service can answer from the database right now: the database
 * answers a trivial statement and the module metadata is loaded (loading it
 * if it is not yet), within a short deadline. The read replica is not asked
 * here: reads fall back to the primary when it is down, so its state is only
 * reported (`ReplicaHealth.check`), never a reason to be out of the balancer.
 *
 * @module
 */

import { sql } from "kysely";
import type { ModuleCatalog } from "../../domain/ports.ts";
import type { VtigerDb } from "./database.ts";

/** How long a readiness check may take before it counts as not ready, by default. */
export const DEFAULT_READINESS_TIMEOUT_MS = 2000;

/** Why the service is not ready, or `undefined` when it is. */
export async function mysqlReadiness(
  db: VtigerDb,
  catalog: Pick<ModuleCatalog, "listModules">,
  timeoutMs: number = DEFAULT_READINESS_TIMEOUT_MS,
): Promise<string | undefined> {
  const check = async (): Promise<string | undefined> => {
    try {
      await sql`SELECT 1`.execute(db);
    } catch {
      return "the Vtiger database cannot be reached";
    }
    try {
      await catalog.listModules();
    } catch {
      return "the module metadata cannot be loaded";
    }
    return undefined;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`the Vtiger database did not answer within ${timeoutMs} ms`),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([check(), late]);
  } finally {
    clearTimeout(timer);
  }
}

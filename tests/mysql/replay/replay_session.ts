/**
 * One loaded dump shared by every scenario of a replay test: vtrest opened on
 * it (HTTP app, the admin logged in, a replay clock in the install's zone),
 * its state before any scenario kept, and put back between scenarios, so the
 * dump loads once per test file instead of once per scenario.
 *
 * @module
 */

import { createApp } from "../../../adapters/http/app.ts";
import { openMysqlPorts } from "../../../adapters/mysql/mysql_ports.ts";
import { createUseCases } from "../../../application/use_cases.ts";
import { ADMIN_PASSWORD, setAdminPassword } from "../mysql_support.ts";
import { createVtigerDatabase, type VtigerVersion } from "../vtiger_test_database.ts";
import { ReplayClock, type ReplayTarget } from "./replay.ts";
import {
  openSnapshotConnection,
  restoreSnapshot,
  type Snapshot,
  takeSnapshot,
} from "./snapshot.ts";

/** The zone the oracle's install writes times in; every replay runs in it. */
export const ORACLE_TIME_ZONE = "Asia/Tokyo";

/** The admin password of the F-RevoCRM dump (set through Vtiger's own code). */
const FREVOCRM_ADMIN_PASSWORD = "VtAdmin#2026";

const BASE_PATH = "/modules/RestfulApi";

/** A dump loaded once, with vtrest on it. */
export interface ReplaySession extends AsyncDisposable {
  /** What a replay drives. */
  readonly target: ReplayTarget;
  /** The dump. */
  readonly version: VtigerVersion;
  /** Every row of the database as loaded. */
  readonly base: Snapshot;
  /** Puts the database back as it was before the first scenario. */
  reset(): Promise<void>;
}

/** Loads the dump, opens vtrest on it and logs the admin in. */
export async function openReplaySession(version: VtigerVersion): Promise<ReplaySession> {
  const database = await createVtigerDatabase(version);
  try {
    // The fork's admin logs in with the password its install set (its own PHASH hash).
    const fork = version.startsWith("frevocrm");
    if (!fork) await setAdminPassword(database);
    const clock = new ReplayClock(ORACLE_TIME_ZONE);
    const opened = await openMysqlPorts({
      url: database.url,
      clock,
      timeZone: ORACLE_TIME_ZONE,
      connectionLimit: 4,
    });
    const useCases = createUseCases(opened.ports);
    const token = await useCases.loginWithPassword.execute({
      userName: "admin",
      password: fork ? FREVOCRM_ADMIN_PASSWORD : ADMIN_PASSWORD,
    });
    const connection = openSnapshotConnection(database.name);
    const base: Snapshot = await takeSnapshot(connection);
    const target: ReplayTarget = {
      app: createApp(useCases, { basePath: BASE_PATH }),
      basePath: BASE_PATH,
      token,
      clock,
      connection,
    };
    return {
      target,
      version,
      base,
      reset: () => restoreSnapshot(connection, base),
      [Symbol.asyncDispose]: async () => {
        await connection.close();
        await opened.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

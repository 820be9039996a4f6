/**
 * Every port wired to a Vtiger MySQL database: the composition of the MySQL
 * adapter. Opening applies vtrest's migrations to the database first.
 *
 * @module
 */

import type { Ports } from "../../application/use_cases.ts";
import type { Clock, Translator } from "../../domain/ports.ts";
import { DictionaryTranslator } from "../system/dictionary_translator.ts";
import { RandomTokenGenerator } from "../system/random_token_generator.ts";
import { SystemClock } from "../system/system_clock.ts";
import { VtigerPasswordVerifier } from "../system/vtiger_password_verifier.ts";
import { sql } from "kysely";
import {
  type Database,
  type DatabaseOptions,
  DEFAULT_CONNECTION_LIMIT,
  DEFAULT_QUERY_TIMEOUT_SECONDS,
  openDatabase,
  type VtigerDb,
} from "./database.ts";
import { StartupDatabaseError } from "./startup_errors.ts";
import type { Logger } from "../../domain/ports.ts";
import { describeError } from "../system/error_description.ts";
import { LineLogger } from "../system/line_logger.ts";
import { mysqlReadiness } from "./mysql_readiness.ts";
import type { PoolStats } from "./pool_stats.ts";
import type { CacheOutcome } from "./ttl_cache.ts";
import { SCHEMA_SETUP_TIMEOUT_SECONDS, setUpSchema } from "./schema_setup.ts";
import { MetadataWatch } from "./metadata_watch.ts";
import { MysqlModuleCatalog } from "./mysql_module_catalog.ts";
import { MysqlPicklistRepository } from "./mysql_picklist_repository.ts";
import { MysqlRecordRepository } from "./mysql_record_repository.ts";
import { WorkGate } from "../system/work_gate.ts";
import { MysqlSessionStore } from "./mysql_session_store.ts";
import { MysqlCounterStore } from "./mysql_counter_store.ts";
import { MysqlUserDirectory } from "./mysql_user_directory.ts";
import { MysqlAccessPolicy } from "./privileges/mysql_access_policy.ts";
import { MysqlDocumentFiles } from "./modules/document_files.ts";
import { VtigerStorage } from "../system/vtiger_storage.ts";
import { DEFAULT_READ_YOUR_WRITES_SECONDS, RecentWrites } from "./replica/recent_writes.ts";
import { type CurrentReader, RoutedRecordRepository } from "./replica/routed_records.ts";
import { ReplicaHealth, type ReplicaState } from "./replica/replica_health.ts";

/** The default of {@linkcode MysqlPortsConfig.metadataTtlSeconds}. */
const DEFAULT_METADATA_TTL_SECONDS = 300;

/** What the MySQL ports need. */
export interface MysqlPortsConfig {
  /** `mysql://user:pass@host:3306/db` of the Vtiger database. */
  readonly url: string;
  /** How long module metadata and picklist values are cached, in seconds (default 300). */
  readonly metadataTtlSeconds?: number;
  /** A Vtiger install whose language files label picklist values. */
  readonly vtigerRoot?: string;
  /** The language of those labels (default `en_us`). */
  readonly vtigerLanguage?: string;
  /** Most pooled connections (default 10). */
  readonly connectionLimit?: number;
  /**
   * The query timeout in seconds (default 30): the server stops a statement
   * running longer and the request gets `SERVICE_UNAVAILABLE`.
   */
  readonly queryTimeoutSeconds?: number;
  /** The signal of the request being answered: its abort kills the request's statements. */
  readonly currentSignal?: () => AbortSignal | undefined;
  /** Seconds to wait for a new connection's handshake and login (default 10). */
  readonly connectTimeoutSeconds?: number;
  /** Told the outcome of every lookup in the metadata, picklist and privileges caches. */
  readonly onCacheLookup?: (
    cache: "modules" | "picklists" | "privileges",
    outcome: CacheOutcome,
  ) => void;
  /** Where a failed background reload of the metadata is reported (default: standard output). */
  readonly logger?: Logger;
  /** The time source (default the system clock). */
  readonly clock?: Clock;
  /** How long a user's computed permissions are cached, in seconds (default 60). */
  readonly privilegesTtlSeconds?: number;
  /** Called with each statement run and its bound values. */
  readonly onQuery?: (sql: string, parameters: readonly unknown[]) => void;
  /**
   * Least seconds between two checks of the metadata tables' fingerprint
   * (default 5): a change found makes module metadata and picklist values stale.
   */
  readonly metadataCheckSeconds?: number;
  /**
   * The IANA zone the install stores times in (Vtiger's `$default_timezone`,
   * default UTC); the system clock's zone when no `clock` is given.
   */
  readonly timeZone?: string;
  /**
   * `mysql://...` of a read replica of the database (`VTIGER_DB_READ_URL`):
   * record reads of GET requests go there (see `replica/routed_records.ts`).
   */
  readonly readUrl?: string;
  /** Seconds a caller's reads go to the primary after their write (default 5). */
  readonly readYourWritesSeconds?: number;
  /**
   * Seconds what the shared counters said of a user's last write is believed
   * (the session cache's lifetime; default 0: asked on every replica read).
   */
  readonly readYourWritesCheckSeconds?: number;
  /** The request being answered, for routing its reads; without it every read is the primary's. */
  readonly currentReader?: () => CurrentReader | undefined;
  /** Told of each record read routed to the replica (`true`) or the primary (`false`). */
  readonly onRoutedRead?: (replica: boolean) => void;
  /** Seconds between probes of a read replica found down (default 5). */
  readonly replicaRetrySeconds?: number;
  /** Told of each replica read the primary answered, and why (see `RecordRouting.onFallback`). */
  readonly onReplicaFallback?: (reason: "down" | "failed") => void;
  /** Told whether the read replica is up at each change of its state. */
  readonly onReplicaState?: (up: boolean) => void;
}

/** The opened ports, the module catalog and a way to close the pool. */
export interface MysqlPorts {
  /** Every port of the use cases. */
  readonly ports: Ports;
  /** The module catalog, whose cache can be dropped with `invalidate()`. */
  readonly catalog: MysqlModuleCatalog;
  /**
   * Counters in `vtrest_counters`, shared by every instance: give them to the
   * use cases as `counters` to throttle logins (left out of `ports`, so that
   * tests and library callers opt in).
   */
  readonly counters: MysqlCounterStore;
  /** The pool's connections in use and requests waiting for one, now. */
  poolStats(): PoolStats;
  /** Why the service cannot answer from the database now (unreachable, metadata not loaded), or `undefined`. */
  readiness(): Promise<string | undefined>;
  /** With a read replica, its state (probed if believed up): `/readyz` reports it. */
  readonly replicaState?: () => Promise<ReplicaState>;
  /** Closes every pooled connection. */
  close(): Promise<void>;
}

async function translatorFor(config: MysqlPortsConfig): Promise<Translator> {
  if (config.vtigerRoot === undefined) return new DictionaryTranslator();
  // Only an install folder needs the PHP parser: imported here, not at start.
  const { loadVtigerLanguageFiles } = await import("../system/vtiger_language_files.ts");
  return await loadVtigerLanguageFiles(config.vtigerRoot, config.vtigerLanguage ?? "en_us");
}

/**
 * Sets the schema up on a connection of its own, without the per-statement
 * timeout meant for requests: Kysely's migrator reads the schema of Vtiger's
 * hundreds of tables, which a busy server can take longer than that to answer.
 */
async function setUpOnOwnConnection(config: MysqlPortsConfig): Promise<void> {
  const setup = openDatabase(config.url, {
    connectionLimit: 1,
    queryTimeoutSeconds: SCHEMA_SETUP_TIMEOUT_SECONDS,
    connectTimeoutSeconds: config.connectTimeoutSeconds,
  });
  try {
    await setUpSchema(setup.db, setup.name, "start");
  } finally {
    await setup.close();
  }
}

/** Makes the first connection, so that a refusal is told in the driver's words. */
async function requireConnection(
  database: Database,
  role: "database" | "read replica" = "database",
): Promise<void> {
  try {
    await sql`SELECT 1`.execute(database.db);
  } catch (error) {
    throw new StartupDatabaseError(database.where, error, role);
  }
}

/** The pool options of the service's databases (the primary's and the replica's). */
function poolOptions(config: MysqlPortsConfig): DatabaseOptions {
  return {
    connectionLimit: config.connectionLimit,
    queryTimeoutSeconds: config.queryTimeoutSeconds,
    currentSignal: config.currentSignal,
    onQuery: config.onQuery,
    connectTimeoutSeconds: config.connectTimeoutSeconds,
  };
}

/** Lists hold at most half of a pool, so reads by id, logins and writes always get a connection. */
function listGate(config: MysqlPortsConfig): WorkGate {
  return new WorkGate(
    Math.max(1, Math.floor((config.connectionLimit ?? DEFAULT_CONNECTION_LIMIT) / 2)),
    {
      maxWaitMs: (config.queryTimeoutSeconds ?? DEFAULT_QUERY_TIMEOUT_SECONDS) * 1000,
      busy: "The database is busy with other lists",
    },
  );
}

/**
 * Connects to the database, applies vtrest's migrations (its own tables
 * only), and wires every port. `SERVICE_UNAVAILABLE` when the database
 * cannot be reached.
 */
export async function openMysqlPorts(config: MysqlPortsConfig): Promise<MysqlPorts> {
  // The language files first: a wrong VTIGER_ROOT is told before any connection is made.
  const translator = await translatorFor(config);
  const database = openDatabase(config.url, poolOptions(config));
  const replica = config.readUrl === undefined
    ? undefined
    : openDatabase(config.readUrl, poolOptions(config));
  let health: ReplicaHealth | undefined;
  const closeAll = async () => {
    health?.close();
    await database.close();
    await replica?.close();
  };
  try {
    await requireConnection(database);
    if (replica !== undefined) await requireConnection(replica, "read replica");
    await setUpOnOwnConnection(config);
    const db = database.db;
    const metadataTtlSeconds = config.metadataTtlSeconds ?? DEFAULT_METADATA_TTL_SECONDS;
    const logger = config.logger ?? new LineLogger();
    const watch = new MetadataWatch(db, { intervalSeconds: config.metadataCheckSeconds });
    const catalog = new MysqlModuleCatalog(db, {
      ttlSeconds: metadataTtlSeconds,
      watch,
      onReloadError: (error) =>
        logger.log("error", "metadata_reload_failed", {
          detail: "the metadata loaded before is kept",
          ...describeError(error),
        }),
      onLookup: (outcome) => config.onCacheLookup?.("modules", outcome),
    });
    const clock = config.clock ?? new SystemClock(config.timeZone);
    const timeZone = config.timeZone ?? clock.timeZone;
    const picklists = new MysqlPicklistRepository(db, {
      ttlSeconds: metadataTtlSeconds,
      clock,
      onLookup: (outcome) => config.onCacheLookup?.("picklists", outcome),
    });
    watch.onChange(() => {
      catalog.expire();
      picklists.expire();
    });
    const files = config.vtigerRoot === undefined
      ? undefined
      : new VtigerStorage(config.vtigerRoot);
    const counters = new MysqlCounterStore(db);
    const recordsOn = (on: VtigerDb) =>
      new MysqlRecordRepository(on, catalog, {
        timeZone,
        ...(files === undefined ? {} : { files }),
        listGate: listGate(config),
      });
    const primaryRecords = recordsOn(db);
    health = replica === undefined ? undefined : new ReplicaHealth({
      probe: () => sql`SELECT 1`.execute(replica.db),
      retrySeconds: config.replicaRetrySeconds,
      logger,
      clock,
      ...(config.onReplicaState === undefined ? {} : { onChange: config.onReplicaState }),
    });
    const records = replica === undefined ? primaryRecords : new RoutedRecordRepository({
      primary: primaryRecords,
      health,
      replica: recordsOn(replica.db),
      currentReader: config.currentReader ?? (() => undefined),
      recentWrites: new RecentWrites({
        counters,
        clock,
        windowSeconds: config.readYourWritesSeconds ?? DEFAULT_READ_YOUR_WRITES_SECONDS,
        checkSeconds: config.readYourWritesCheckSeconds ?? 0,
      }),
      ...(config.onRoutedRead === undefined ? {} : { onRead: config.onRoutedRead }),
      ...(config.onReplicaFallback === undefined ? {} : { onFallback: config.onReplicaFallback }),
    });
    const replicaHealth = health;
    const ports: Ports = {
      modules: catalog,
      records,
      files: new MysqlDocumentFiles(db, files),
      picklists,
      translator,
      users: new MysqlUserDirectory(db),
      sessions: new MysqlSessionStore(db),
      passwords: new VtigerPasswordVerifier(),
      policy: new MysqlAccessPolicy({
        db,
        catalog,
        clock,
        ttlSeconds: config.privilegesTtlSeconds,
        onLookup: (outcome) => config.onCacheLookup?.("privileges", outcome),
        onReloadError: (error) =>
          logger.log("error", "privileges_reload_failed", {
            detail: "the privileges loaded before are kept",
            ...describeError(error),
          }),
      }),
      clock,
      tokens: new RandomTokenGenerator(),
    };
    return {
      ports,
      catalog,
      counters,
      poolStats: () => database.stats(),
      readiness: () => mysqlReadiness(db, catalog),
      ...(replicaHealth === undefined ? {} : { replicaState: () => replicaHealth.check() }),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

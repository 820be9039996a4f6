/**
 * The service's configuration, read from the environment and validated once
 * at start-up.
 *
 * @module
 */

import { isIP } from "node:net";
import { z } from "zod";
import { DEFAULT_CONNECTION_LIMIT } from "../mysql/database.ts";
import { LOG_LEVELS } from "../../domain/ports/logger.ts";
import {
  DEFAULT_BASE_PATH,
  DEFAULT_BODY_TIMEOUT_SECONDS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_BODY_BYTES_IN_FLIGHT,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
} from "../http/app.ts";
import { DEFAULT_TIME_ZONE, isKnownTimeZone } from "../../domain/time_zone.ts";
import {
  DEFAULT_MAX_REQUESTS_PER_USER,
  DEFAULT_MAX_WAITING_PER_USER,
  DEFAULT_USER_WAIT_SECONDS,
} from "../http/user_work_limit.ts";
import { DEFAULT_MAX_BULK } from "../../application/create_record.ts";
import { DEFAULT_MAX_BODY_VALUES } from "../http/request_body.ts";
import { DEFAULT_MAX_READS_IN_FLIGHT } from "../http/read_admission.ts";
import {
  DEFAULT_HEADER_TIMEOUT_SECONDS,
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  DEFAULT_MAX_CONNECTIONS,
} from "../http/connection_guard.ts";
import { DEFAULT_QUERY_TIMEOUT_SECONDS } from "../mysql/database.ts";
import { DEFAULT_READ_YOUR_WRITES_SECONDS } from "../mysql/replica/recent_writes.ts";
import { DEFAULT_REPLICA_RETRY_SECONDS } from "../mysql/replica/replica_health.ts";
import { DEFAULT_METADATA_CHECK_SECONDS } from "../mysql/metadata_watch.ts";
import {
  DEFAULT_MAX_PAGE_LENGTH,
  DEFAULT_MAX_SESSIONS_PER_USER,
  DEFAULT_SESSION_MAX_AGE_SECONDS,
  DEFAULT_SESSION_TTL_SECONDS,
} from "../../application/use_cases.ts";

import {
  DEFAULT_PASSWORD_QUEUE_LENGTH,
  defaultPasswordWorkers,
} from "../system/worker_password_verifier.ts";
import {
  DEFAULT_BAD_TOKEN_LIMIT_SETTING,
  DEFAULT_BAD_TOKEN_WINDOW_SECONDS,
} from "../http/bad_token_limit.ts";
const WHOLE_NUMBER = "must be a whole number";

/**
 * Seconds a session and its user are used again without reading them: a
 * logout, deactivation or password change made elsewhere shows within this
 * time (a logout made here shows at once).
 */
export const DEFAULT_AUTH_CACHE_SECONDS = 5;

/** Database connections per process (`POOL_SIZE`). */
export const DEFAULT_POOL_SIZE: number = DEFAULT_CONNECTION_LIMIT;

/** An IPv4 or IPv6 address, or a DNS name (`localhost`, `api.internal`). */
const HOST_PATTERN =
  /^([0-9A-Fa-f:.]+|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)$/;

/** Where the service listens when nothing says otherwise: every IPv4 address. */
export const DEFAULT_LISTEN_HOST = "0.0.0.0";

const positiveInteger = (fallback: number) =>
  z.coerce.number(WHOLE_NUMBER).int(WHOLE_NUMBER).positive("must be above 0").default(fallback);

const schema = z.object({
  PORT: z.coerce.number(WHOLE_NUMBER).int(WHOLE_NUMBER).min(1, "must be 1 to 65535")
    .max(65535, "must be 1 to 65535").default(8080),
  LISTEN_HOST: z.string().regex(HOST_PATTERN, "must be an IP address or a host name").optional(),
  HOSTNAME: z.string().optional(),
  BASE_PATH: z.string().regex(/^(\/[A-Za-z0-9._~-]+)*$/, "must look like /modules/RestfulApi")
    .default(DEFAULT_BASE_PATH),
  VTIGER_DB_URL: z.string().regex(/^mysql:\/\/.+/, "must be mysql://user:pass@host:3306/db")
    .optional(),
  VTIGER_DB_READ_URL: z.string().regex(/^mysql:\/\/.+/, "must be mysql://user:pass@host:3306/db")
    .optional(),
  READ_YOUR_WRITES_SECONDS: positiveInteger(DEFAULT_READ_YOUR_WRITES_SECONDS),
  REPLICA_RETRY_SECONDS: positiveInteger(DEFAULT_REPLICA_RETRY_SECONDS),
  TOKEN_TTL_SECONDS: positiveInteger(DEFAULT_SESSION_TTL_SECONDS),
  TOKEN_MAX_AGE_SECONDS: positiveInteger(DEFAULT_SESSION_MAX_AGE_SECONDS),
  MAX_SESSIONS_PER_USER: positiveInteger(DEFAULT_MAX_SESSIONS_PER_USER),
  MAX_PAGE_LENGTH: positiveInteger(DEFAULT_MAX_PAGE_LENGTH),
  MAX_BODY_BYTES: positiveInteger(DEFAULT_MAX_BODY_BYTES),
  MAX_UPLOAD_BYTES: positiveInteger(DEFAULT_MAX_UPLOAD_BYTES),
  MAX_BODY_BYTES_IN_FLIGHT: positiveInteger(DEFAULT_MAX_BODY_BYTES_IN_FLIGHT),
  MAX_BODY_VALUES: positiveInteger(DEFAULT_MAX_BODY_VALUES),
  BODY_TIMEOUT_SECONDS: positiveInteger(DEFAULT_BODY_TIMEOUT_SECONDS),
  REQUEST_TIMEOUT_SECONDS: positiveInteger(DEFAULT_REQUEST_TIMEOUT_SECONDS),
  HEADER_TIMEOUT_SECONDS: z.coerce.number(WHOLE_NUMBER).int(WHOLE_NUMBER)
    .min(0, "must be 0 (no guard) or more").default(DEFAULT_HEADER_TIMEOUT_SECONDS),
  IDLE_TIMEOUT_SECONDS: positiveInteger(DEFAULT_IDLE_TIMEOUT_SECONDS),
  MAX_CONNECTIONS: positiveInteger(DEFAULT_MAX_CONNECTIONS),
  PASSWORD_WORKERS: positiveInteger(defaultPasswordWorkers()),
  PASSWORD_QUEUE_LENGTH: z.coerce.number(WHOLE_NUMBER).int(WHOLE_NUMBER).min(0, "must be 0 or more")
    .default(DEFAULT_PASSWORD_QUEUE_LENGTH),
  CORS_ORIGIN: z.string().min(1).default("*"),
  TRUST_PROXY: z.enum(["true", "false"], "must be true or false").default("false")
    .transform((value) => value === "true"),
  METADATA_TTL_SECONDS: positiveInteger(300),
  METADATA_CHECK_SECONDS: positiveInteger(DEFAULT_METADATA_CHECK_SECONDS),
  PRIVILEGES_TTL_SECONDS: positiveInteger(60),
  AUTH_CACHE_SECONDS: z.coerce.number(WHOLE_NUMBER).int(WHOLE_NUMBER).min(0, "must be 0 or more")
    .max(60, "must be at most 60").default(DEFAULT_AUTH_CACHE_SECONDS),
  POOL_SIZE: positiveInteger(DEFAULT_POOL_SIZE),
  VTIGER_ROOT: z.string().min(1).optional(),
  VTIGER_LANGUAGE: z.string().regex(/^[a-z]{2}_[a-z]{2}$/, "must look like en_us").default("en_us"),
  LOG_LEVEL: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(", ")}`).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"], "must be json or pretty").default("json"),
  SHUTDOWN_GRACE_SECONDS: positiveInteger(10),
  DB_CONNECT_TIMEOUT_SECONDS: positiveInteger(10),
  METRICS: z.enum(["true", "false"], "must be true or false").default("false")
    .transform((value) => value === "true"),
  VTIGER_TIMEZONE: z.string().refine(isKnownTimeZone, "must be an IANA time zone like Asia/Tokyo")
    .default(DEFAULT_TIME_ZONE),
  QUERY_TIMEOUT_SECONDS: z.coerce.number(WHOLE_NUMBER).int(WHOLE_NUMBER)
    .min(1, "must be 1 to 3600").max(3600, "must be 1 to 3600")
    .default(DEFAULT_QUERY_TIMEOUT_SECONDS),
  MAX_REQUESTS_PER_USER: positiveInteger(DEFAULT_MAX_REQUESTS_PER_USER),
  MAX_READS_IN_FLIGHT: positiveInteger(DEFAULT_MAX_READS_IN_FLIGHT),
  MAX_WAITING_PER_USER: z.coerce.number(WHOLE_NUMBER).int(WHOLE_NUMBER)
    .min(0, "must be 0 (none wait) or more").default(DEFAULT_MAX_WAITING_PER_USER),
  USER_WAIT_SECONDS: z.coerce.number(WHOLE_NUMBER).int(WHOLE_NUMBER)
    .min(0, "must be 0 (no wait) to 60").max(60, "must be 0 (no wait) to 60")
    .default(DEFAULT_USER_WAIT_SECONDS),
  MAX_BULK: positiveInteger(DEFAULT_MAX_BULK),
  BAD_TOKEN_LIMIT: z.coerce.number(WHOLE_NUMBER).int(WHOLE_NUMBER)
    .min(0, "must be 0 (no limit) or more").default(DEFAULT_BAD_TOKEN_LIMIT_SETTING),
  BAD_TOKEN_WINDOW_SECONDS: positiveInteger(DEFAULT_BAD_TOKEN_WINDOW_SECONDS),
  RATE_LIMIT_PER_MINUTE: z.coerce.number(WHOLE_NUMBER).int(WHOLE_NUMBER)
    .min(0, "must be 0 (no limit) or more").default(0),
});

/** The validated configuration. */
export type Config = z.infer<typeof schema>;

/** The variables the service reads. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

/** A configuration problem: one line naming the variable. */
export class ConfigError extends Error {
  /** Creates the error with its one-line message. */
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Hides the password of a URL-like value, so that a bad database URL never prints it. */
function redacted(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}

/** Reads the configuration from a set of variables (empty values count as unset). */
export function readConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const present = Object.fromEntries(
    CONFIG_VARIABLES.map((name) => [name, env[name] === "" ? undefined : env[name]]),
  );
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`${name} '${redacted(env[name] ?? "")}' is invalid: ${issue.message}`);
  }
  if (result.data.VTIGER_DB_READ_URL !== undefined && result.data.VTIGER_DB_URL === undefined) {
    throw new ConfigError(
      "VTIGER_DB_READ_URL is set without VTIGER_DB_URL: a replica needs its primary",
    );
  }
  return result.data;
}

/**
 * The host to listen on: `LISTEN_HOST` when set; otherwise `HOSTNAME` only
 * when it is an IP address (older settings used it); otherwise every address.
 * Shells and Docker set `HOSTNAME` to the machine's or container's name,
 * which must never decide where the service listens, so a name there is
 * ignored.
 */
export function listenHost(config: Pick<Config, "LISTEN_HOST" | "HOSTNAME">): string {
  if (config.LISTEN_HOST !== undefined) return config.LISTEN_HOST;
  if (config.HOSTNAME !== undefined && isIP(config.HOSTNAME) !== 0) return config.HOSTNAME;
  return DEFAULT_LISTEN_HOST;
}

/**
 * Every use case of the service, built from one set of ports: what the HTTP
 * adapter drives and what other Deno services can call directly.
 *
 * @module
 */

import type { ThrottlePolicy } from "../domain/login_throttling.ts";
import type {
  AccessPolicy,
  Clock,
  CounterStore,
  DocumentFiles,
  ModuleCatalog,
  PasswordVerifier,
  PicklistRepository,
  RecordRepository,
  SessionStore,
  TokenGenerator,
  Translator,
  UserDirectory,
} from "../domain/ports.ts";
import type { RateState } from "../domain/rate_limit.ts";
import { CreateRecord } from "./create_record.ts";
import { SessionCache } from "./session_cache.ts";
import { DeleteRecord } from "./delete_record.ts";
import { DescribeModule } from "./describe_module.ts";
import { DownloadDocument } from "./download_document.ts";
import { GetPicklist } from "./get_picklist.ts";
import { GetRecord } from "./get_record.ts";
import { ListRecords } from "./list_records.ts";
import { ListTypes } from "./list_types.ts";
import { SyncRecords } from "./sync_records.ts";
import { LinkRecords } from "./link_records.ts";
import { LoginWithAccessKey } from "./login_with_access_key.ts";
import { LoginWithPassword } from "./login_with_password.ts";
import { Logout } from "./logout.ts";
import { UpdateRecord } from "./update_record.ts";

/** Every port the use cases need, and their settings. */
export interface Ports {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Record storage. */
  readonly records: RecordRepository;
  /** Picklist values and rules. */
  readonly picklists: PicklistRepository;
  /** Labels for picklist values. */
  readonly translator: Translator;
  /** Users and groups. */
  readonly users: UserDirectory;
  /** Session storage. */
  readonly sessions: SessionStore;
  /** Password checks. */
  readonly passwords: PasswordVerifier;
  /** Privileges. */
  readonly policy: AccessPolicy;
  /** Time. */
  readonly clock: Clock;
  /** Tokens. */
  readonly tokens: TokenGenerator;
  /** Failed-login counts, shared by every instance; without them logins are not limited. */
  readonly counters?: CounterStore;
  /** The files of Documents records; without it they cannot be downloaded. */
  readonly files?: DocumentFiles;
}

/** How long a token lives without use, by default: one hour. */
export const DEFAULT_SESSION_TTL_SECONDS = 3600;

/** How long a token lives at most from its login, by default: one day. */
export const DEFAULT_SESSION_MAX_AGE_SECONDS = 86_400;

/** How many live sessions a user may have, by default; a new login revokes the oldest beyond. */
export const DEFAULT_MAX_SESSIONS_PER_USER = 100;

/** The largest page a list may ask for, by default. */
export const DEFAULT_MAX_PAGE_LENGTH = 1000;

/** Settings of the use cases. */
export interface UseCaseSettings {
  /** Sliding session lifetime in seconds (default `DEFAULT_SESSION_TTL_SECONDS`). */
  readonly sessionTtlSeconds?: number;
  /** Absolute session lifetime in seconds (default `DEFAULT_SESSION_MAX_AGE_SECONDS`). */
  readonly sessionMaxAgeSeconds?: number;
  /** Live sessions per user (default `DEFAULT_MAX_SESSIONS_PER_USER`); the oldest go first. */
  readonly maxSessionsPerUser?: number;
  /** The largest page a list may ask for (default `DEFAULT_MAX_PAGE_LENGTH`). */
  readonly maxPageLength?: number;
  /** The most records one batch create may hold (default `DEFAULT_MAX_BULK`). */
  readonly maxBulk?: number;
  /** Calls allowed per token and minute (default: no limit; needs `Ports.counters`). */
  readonly rateLimitPerMinute?: number;
  /** Told where a token stands against its rate limit after each counted call. */
  readonly onRateState?: (state: RateState) => void;
  /** The login throttle's numbers (default `DEFAULT_THROTTLE_POLICY`). */
  readonly throttlePolicy?: ThrottlePolicy;
  /**
   * Seconds a session and its user, once read, are used again without being
   * read (default 0: read on every call); see `session_cache.ts` for what
   * this delays.
   */
  readonly authCacheSeconds?: number;
}

/** The use cases, one per thing a client does. */
export interface UseCases {
  /** Log in with user name and password. */
  readonly loginWithPassword: LoginWithPassword;
  /** Log in with an access key. */
  readonly loginWithAccessKey: LoginWithAccessKey;
  /** Revoke a token. */
  readonly logout: Logout;
  /** List records. */
  readonly listRecords: ListRecords;
  /** Read one record. */
  readonly getRecord: GetRecord;
  /** Create a record. */
  readonly createRecord: CreateRecord;
  /** Update a record. */
  readonly updateRecord: UpdateRecord;
  /** Delete a record. */
  readonly deleteRecord: DeleteRecord;
  /** Read a picklist. */
  readonly getPicklist: GetPicklist;
  /** List the modules the caller may use. */
  readonly listTypes: ListTypes;
  /** Describe a module's fields as the caller sees them. */
  readonly describeModule: DescribeModule;
  /** The changes of a module since a time. */
  readonly syncRecords: SyncRecords;
  /** Link records to a record's related list, or unlink them. */
  readonly linkRecords: LinkRecords;
  /** Download a document's file. */
  readonly downloadDocument: DownloadDocument;
}

/** Builds every use case on the given ports. */
export function createUseCases(ports: Ports, settings: UseCaseSettings = {}): UseCases {
  const deps = {
    ...ports,
    sessionTtlSeconds: settings.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
    sessionMaxAgeSeconds: settings.sessionMaxAgeSeconds ?? DEFAULT_SESSION_MAX_AGE_SECONDS,
    maxSessionsPerUser: settings.maxSessionsPerUser ?? DEFAULT_MAX_SESSIONS_PER_USER,
    maxPageLength: settings.maxPageLength ?? DEFAULT_MAX_PAGE_LENGTH,
    ...(settings.throttlePolicy === undefined ? {} : { throttlePolicy: settings.throttlePolicy }),
    ...(settings.rateLimitPerMinute === undefined
      ? {}
      : { rateLimitPerMinute: settings.rateLimitPerMinute }),
    ...(settings.onRateState === undefined ? {} : { onRateState: settings.onRateState }),
    ...(settings.maxBulk === undefined ? {} : { maxBulk: settings.maxBulk }),
    ...((settings.authCacheSeconds ?? 0) > 0
      ? { sessionCache: new SessionCache(settings.authCacheSeconds ?? 0) }
      : {}),
  };
  return {
    loginWithPassword: new LoginWithPassword(deps),
    loginWithAccessKey: new LoginWithAccessKey(deps),
    logout: new Logout(deps),
    listRecords: new ListRecords(deps),
    getRecord: new GetRecord(deps),
    createRecord: new CreateRecord(deps),
    updateRecord: new UpdateRecord(deps),
    deleteRecord: new DeleteRecord(deps),
    getPicklist: new GetPicklist(deps),
    listTypes: new ListTypes(deps),
    describeModule: new DescribeModule(deps),
    syncRecords: new SyncRecords(deps),
    linkRecords: new LinkRecords(deps),
    downloadDocument: new DownloadDocument(deps),
  };
}

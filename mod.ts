/**
 * vtrest as a library: the use cases of the RestfulApi protocol, the ports
 * they need, the domain types those ports speak, and the adapters to build
 * them on (in-memory, MySQL, HTTP, logging). Internals (SQL builders, value
 * rules, history details) are not part of it.
 *
 * Import it from another Deno project as a workspace member, so that its own
 * `deno.json` imports resolve: put this repository in a folder of that
 * project (a clone, a git submodule or a symbolic link), list the folder in
 * the project's `deno.json` (`{"workspace": ["./vtrest"]}`) and import
 * `@vtrest/vtrest`.
 *
 * @example Compose the use cases on the in-memory demo and list accounts
 * ```ts
 * import { createDemoPorts, createUseCases } from "./mod.ts";
 *
 * const useCases = createUseCases(createDemoPorts());
 * const token = await useCases.loginWithPassword.execute({ userName: "admin", password: "admin" });
 * const accounts = await useCases.listRecords.execute({ token, module: "Accounts", length: 2 });
 * console.log(accounts.map((account) => account.accountname));
 * ```
 *
 * @module
 */

// The use cases and how to build them.
export * from "./application/use_cases.ts";
export type { Caller, CallerDeps } from "./application/authenticate_caller.ts";
export type { SessionDeps, SessionLifetimeSettings } from "./application/start_session.ts";
export { type CachedSession, SessionCache } from "./application/session_cache.ts";
export type { ThrottleDeps } from "./application/throttled_login.ts";
export type { WriteCheckDeps } from "./application/check_write.ts";
export type { ReachDeps } from "./application/find_reachable_record.ts";
export type { FieldValueSource, WriteSource } from "./application/field_value_source.ts";
export {
  CreateRecord,
  type CreateRecordDeps,
  type CreateRecordInput,
} from "./application/create_record.ts";
export {
  DeleteRecord,
  type DeleteRecordDeps,
  type DeleteRecordInput,
} from "./application/delete_record.ts";
export type { RecordChangeDeps, RecordChangeTarget } from "./application/open_record_for_change.ts";
export {
  DownloadDocument,
  type DownloadDocumentDeps,
  type DownloadDocumentInput,
} from "./application/download_document.ts";
export type { PreparedWrite, WriteInput } from "./application/write_input.ts";
export {
  DescribeModule,
  type DescribeModuleDeps,
  type DescribeModuleInput,
} from "./application/describe_module.ts";
export { ListTypes, type ListTypesDeps, type ListTypesInput } from "./application/list_types.ts";
export {
  SyncRecords,
  type SyncRecordsDeps,
  type SyncRecordsInput,
} from "./application/sync_records.ts";
export { DEFAULT_SYNC_LENGTH, type SyncPage } from "./domain/sync.ts";
export {
  LinkRecords,
  type LinkRecordsDeps,
  type LinkRecordsInput,
} from "./application/link_records.ts";
export type { RateLimitDeps } from "./application/rate_limit.ts";
export { RATE_WINDOW_SECONDS, type RateState } from "./domain/rate_limit.ts";
export {
  GetPicklist,
  type GetPicklistDeps,
  type GetPicklistInput,
} from "./application/get_picklist.ts";
export {
  GetRecord,
  type GetRecordDeps,
  type GetRecordInput,
  type RecordRead,
} from "./application/get_record.ts";
export {
  DEFAULT_PAGE_LENGTH,
  ListRecords,
  type ListRecordsDeps,
  type ListRecordsInput,
  type RecordPage,
} from "./application/list_records.ts";
export {
  LoginWithAccessKey,
  type LoginWithAccessKeyDeps,
} from "./application/login_with_access_key.ts";
export {
  LoginWithPassword,
  type LoginWithPasswordDeps,
  type LoginWithPasswordInput,
} from "./application/login_with_password.ts";
export { Logout, type LogoutDeps } from "./application/logout.ts";
export {
  UpdateRecord,
  type UpdateRecordDeps,
  type UpdateRecordInput,
} from "./application/update_record.ts";

// The ports, and the domain types they speak.
export type * from "./domain/ports.ts";
export { LOG_LEVELS } from "./domain/ports/logger.ts";
export {
  DomainError,
  ERROR_CODES,
  type ErrorCode,
  type ErrorDetails,
  isDomainError,
} from "./domain/errors.ts";
export type { ColumnRef } from "./domain/column.ts";
export {
  type Condition,
  type Direction,
  type Operator,
  OPERATORS,
  type OrderTerm,
} from "./domain/criteria.ts";
export { VALUE_KINDS, type ValueKind } from "./domain/value_kind.ts";
export type { FieldDefinition, PicklistKind } from "./domain/field.ts";
export type { ModuleDefinition } from "./domain/module.ts";
export type { ModuleInputs } from "./domain/module_inputs.ts";
export type { DocumentFile, UploadedFile } from "./domain/documents/upload.ts";
export type { LineItem, LineItemColumns, LineItemInput } from "./domain/inventory/line_items.ts";
export type {
  DescribedField,
  DescribedValue,
  ModuleActions,
  ModuleDescription,
  ModuleType,
} from "./domain/discovery.ts";
export { FIELD_TYPES, type FieldType } from "./domain/field_type.ts";
export { ANY_VERSION, recordVersion } from "./domain/record_version.ts";
export type {
  PicklistDependencies,
  PicklistDependency,
  PicklistResult,
  PicklistValues,
} from "./domain/picklist.ts";
export {
  adminPrivileges,
  type ModuleGrant,
  type OwnerScope,
  type ParentScope,
  type Privileges,
  type RecordAction,
  type RecordLocation,
} from "./domain/privileges.ts";
export {
  computePrivileges,
  type PrivilegeFacts,
  type ProfileFacts,
  type SharingRuleFacts,
  type TabFacts,
} from "./domain/privilege_facts.ts";
export {
  accessKeyLoginKey,
  backOffSeconds,
  DEFAULT_THROTTLE_POLICY,
  failureWindow,
  knownClientWindow,
  type PasswordLoginKeys,
  passwordLoginKeys,
  passwordLoginWait,
  type ThrottlePolicy,
} from "./domain/login_throttling.ts";
export type {
  FieldValues,
  RecordExtra,
  RecordExtraObject,
  RecordView,
  StoredRecord,
} from "./domain/record.ts";
export type { HistoryDetail } from "./domain/history.ts";
export {
  isExpired,
  type Session,
  type SessionEnd,
  sessionEnd,
  type SessionLifetime,
  sessionStillValid,
} from "./domain/session.ts";
export type { CryptType, StoredPassword, StoredUser, UserAccount } from "./domain/user.ts";
export {
  type LoginCredentials,
  MAX_ACCESS_KEY_LENGTH,
  MAX_PASSWORD_LENGTH,
  MAX_USER_NAME_LENGTH,
  requireCredentialLengths,
} from "./domain/credentials.ts";
export {
  decoyPassword,
  passwordKind,
  passwordKinds,
  type PasswordKindShare,
} from "./domain/login_decoy.ts";

// Adapters: HTTP.
export { createApp, type HttpApp, type HttpOptions } from "./adapters/http/app.ts";
export type { HealthOptions } from "./adapters/http/health_routes.ts";
export { ServiceMetrics } from "./adapters/http/metrics.ts";
export { type FetchHandler, RequestDrain } from "./adapters/http/request_drain.ts";
export { observeCallers } from "./adapters/http/caller_observer.ts";
export { currentScope, inRequestScope, RequestScope } from "./adapters/http/request_scope.ts";
export { yieldingPlace } from "./adapters/http/read_admission.ts";
export {
  BadTokenLimit,
  type BadTokenLimitOptions,
  limitBadTokens,
} from "./adapters/http/bad_token_limit.ts";

// Adapters: MySQL.
export {
  type MysqlPorts,
  type MysqlPortsConfig,
  openMysqlPorts,
} from "./adapters/mysql/mysql_ports.ts";
export { type CatalogOptions, MysqlModuleCatalog } from "./adapters/mysql/mysql_module_catalog.ts";
export {
  DEFAULT_METADATA_CHECK_SECONDS,
  MetadataWatch,
  type MetadataWatchOptions,
} from "./adapters/mysql/metadata_watch.ts";
export { MysqlCounterStore } from "./adapters/mysql/mysql_counter_store.ts";
export {
  DEFAULT_READ_YOUR_WRITES_SECONDS,
  RecentWrites,
  type RecentWritesSettings,
} from "./adapters/mysql/replica/recent_writes.ts";
export {
  DEFAULT_REPLICA_RETRY_SECONDS,
  ReplicaHealth,
  type ReplicaHealthOptions,
  type ReplicaState,
} from "./adapters/mysql/replica/replica_health.ts";
export {
  type CurrentReader,
  type RecordRouting,
  RoutedRecordRepository,
} from "./adapters/mysql/replica/routed_records.ts";
export { currentReader, type RequestReader } from "./adapters/http/current_reader.ts";
export type { PoolStats } from "./adapters/mysql/pool_stats.ts";
export type {
  ActivityKind,
  LabelRule,
  ModuleStorage,
  StorageTable,
} from "./adapters/mysql/catalog/module_storage.ts";
export type { ColumnInfo, TableInfo } from "./adapters/mysql/catalog/schema_reader.ts";
export type { CacheOutcome } from "./adapters/mysql/ttl_cache.ts";

// Adapters: in memory.
export {
  createDemoPorts,
  type DemoOptions,
  type DemoPorts,
} from "./adapters/memory/demo/demo_ports.ts";
export { MemoryAccessPolicy } from "./adapters/memory/memory_access_policy.ts";
export {
  DEFAULT_MAX_COUNTERS,
  MemoryCounterStore,
} from "./adapters/memory/memory_counter_store.ts";
export { MemoryModuleCatalog } from "./adapters/memory/memory_module_catalog.ts";
export { MemoryPicklistRepository } from "./adapters/memory/memory_picklist_repository.ts";
export {
  type MemoryHistoryEntry,
  type MemoryNumbering,
  MemoryRecordRepository,
  type MemoryRecordSeed,
} from "./adapters/memory/memory_record_repository.ts";
export { MemorySessionStore } from "./adapters/memory/memory_session_store.ts";
export { MemoryUserDirectory } from "./adapters/memory/memory_user_directory.ts";

// Adapters: system.
export { DictionaryTranslator } from "./adapters/system/dictionary_translator.ts";
export { loadVtigerLanguageFiles } from "./adapters/system/vtiger_language_files.ts";
export {
  LineLogger,
  type LineLoggerOptions,
  type LogFormat,
  SILENT_LOGGER,
} from "./adapters/system/line_logger.ts";
export { RandomTokenGenerator } from "./adapters/system/random_token_generator.ts";
export { SystemClock } from "./adapters/system/system_clock.ts";
export { VtigerPasswordVerifier } from "./adapters/system/vtiger_password_verifier.ts";
export {
  DEFAULT_PASSWORD_QUEUE_LENGTH,
  defaultPasswordWorkers,
  WorkerPasswordVerifier,
  type WorkerPoolOptions,
} from "./adapters/system/worker_password_verifier.ts";

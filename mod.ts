/**
 * vtrest as a library: the use cases of the RestfulApi protocol, the ports
 * they need, the domain types, and the adapters to build them on (in-memory,
 * MySQL, HTTP).
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

export * from "./application/use_cases.ts";
export type { Caller, CallerDeps } from "./application/authenticate_caller.ts";
export type { SessionDeps } from "./application/start_session.ts";
export type { ThrottleDeps } from "./application/throttled_login.ts";
export type { WriteCheckDeps } from "./application/check_write.ts";
export * from "./application/create_record.ts";
export * from "./application/delete_record.ts";
export * from "./application/get_picklist.ts";
export * from "./application/get_record.ts";
export * from "./application/list_records.ts";
export * from "./application/login_with_access_key.ts";
export * from "./application/login_with_password.ts";
export * from "./application/logout.ts";
export * from "./application/update_record.ts";
export type * from "./domain/ports.ts";
export * from "./domain/errors.ts";
export * from "./domain/column.ts";
export * from "./domain/criteria.ts";
export * from "./domain/field.ts";
export * from "./domain/history.ts";
export * from "./domain/module.ts";
export * from "./domain/picklist.ts";
export * from "./domain/privileges.ts";
export * from "./domain/privilege_facts.ts";
export * from "./domain/login_throttling.ts";
export * from "./domain/record.ts";
export * from "./domain/session.ts";
export type * from "./domain/user.ts";
export { createDemoPorts, type DemoPorts } from "./adapters/memory/demo/demo_ports.ts";
export { createApp, type HttpOptions } from "./adapters/http/app.ts";
export {
  type MysqlPorts,
  type MysqlPortsConfig,
  openMysqlPorts,
} from "./adapters/mysql/mysql_ports.ts";
export { MemoryAccessPolicy } from "./adapters/memory/memory_access_policy.ts";
export { MemoryLoginThrottle } from "./adapters/memory/memory_login_throttle.ts";
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
export { DictionaryTranslator } from "./adapters/system/dictionary_translator.ts";
export { loadVtigerLanguageFiles } from "./adapters/system/vtiger_language_files.ts";
export { RandomTokenGenerator } from "./adapters/system/random_token_generator.ts";
export { SystemClock } from "./adapters/system/system_clock.ts";
export { VtigerPasswordVerifier } from "./adapters/system/vtiger_password_verifier.ts";

/**
 * Every port of the domain, in one place for use cases and adapters.
 *
 * @module
 */

export type { AccessPolicy } from "./ports/access_policy.ts";
export type { Clock } from "./ports/clock.ts";
export type { DocumentFiles } from "./ports/document_files.ts";
export type { ModuleCatalog } from "./ports/module_catalog.ts";
export type { PasswordVerifier } from "./ports/password_verifier.ts";
export type { PicklistRepository } from "./ports/picklist_repository.ts";
export type { CounterStore, CounterWindow, WindowCount } from "./ports/counter_store.ts";
export type { LogFields, Logger, LogLevel } from "./ports/logger.ts";
export type {
  ChangeQuery,
  CountQuery,
  ListQuery,
  NewRecord,
  RecordChange,
  RecordRepository,
  RelatedRecord,
  WriteContext,
  WriteExtras,
} from "./ports/record_repository.ts";
export type { SessionStore } from "./ports/session_store.ts";
export type { TokenGenerator } from "./ports/token_generator.ts";
export type { Translator } from "./ports/translator.ts";
export type { UserDirectory } from "./ports/user_directory.ts";

/**
 * The in-memory demo: every port wired to the demo dataset. Nothing is kept
 * on disk; a restart starts from the same data.
 *
 * @module
 */

import type { Ports } from "../../../application/use_cases.ts";
import type { Clock } from "../../../domain/ports.ts";
import { RandomTokenGenerator } from "../../system/random_token_generator.ts";
import { SystemClock } from "../../system/system_clock.ts";
import { DictionaryTranslator } from "../../system/dictionary_translator.ts";
import { VtigerPasswordVerifier } from "../../system/vtiger_password_verifier.ts";
import { MemoryAccessPolicy } from "../memory_access_policy.ts";
import { MemoryModuleCatalog } from "../memory_module_catalog.ts";
import { MemoryPicklistRepository } from "../memory_picklist_repository.ts";
import { MemoryRecordRepository } from "../memory_record_repository.ts";
import { MemorySessionStore } from "../memory_session_store.ts";
import { MemoryUserDirectory } from "../memory_user_directory.ts";
import { DEMO_ACCOUNTS, DEMO_CONTACTS } from "./demo_modules.ts";
import { DEMO_PICKLISTS, DEMO_STRINGS } from "./demo_picklists.ts";
import { DEMO_NUMBERING, DEMO_RECORDS } from "./demo_records.ts";
import { DEMO_PRIVILEGE_FACTS, DEMO_SUPPORT_GROUP_ID, DEMO_USERS } from "./demo_users.ts";

/** The demo's ports, with the memory record repository exposed for inspection. */
export interface DemoPorts extends Ports {
  /** The record store, whose history tests can read. */
  readonly records: MemoryRecordRepository;
  /** The users, which tests (and embedders) can change. */
  readonly users: MemoryUserDirectory;
}

/** Settings of the demo. */
export interface DemoOptions {
  /** The time source (default the system clock in `timeZone`). */
  readonly clock?: Clock;
  /** The zone times are written in when no clock is given (default UTC). */
  readonly timeZone?: string;
}

/** Builds a fresh demo: each call starts from the same data. */
export function createDemoPorts(options: DemoOptions = {}): DemoPorts {
  const modules = [DEMO_ACCOUNTS, DEMO_CONTACTS];
  const catalog = new MemoryModuleCatalog(modules);
  const clock = options.clock ?? new SystemClock(options.timeZone);
  return {
    modules: catalog,
    records: new MemoryRecordRepository(modules, DEMO_RECORDS, DEMO_NUMBERING, {
      timeZone: clock.timeZone,
    }),
    picklists: new MemoryPicklistRepository(DEMO_PICKLISTS),
    translator: new DictionaryTranslator(DEMO_STRINGS),
    users: new MemoryUserDirectory(DEMO_USERS, [DEMO_SUPPORT_GROUP_ID]),
    sessions: new MemorySessionStore(),
    passwords: new VtigerPasswordVerifier(),
    policy: new MemoryAccessPolicy(DEMO_PRIVILEGE_FACTS, catalog),
    clock,
    tokens: new RandomTokenGenerator(),
  };
}

/**
 * The access policy of a Vtiger database: each user's permission facts are
 * read from Vtiger's tables, turned into privileges by the domain rules, and
 * cached per user for a short lifetime (`PRIVILEGES_TTL_SECONDS`), so that a
 * change made in Vtiger shows within about that time. Once a user's
 * privileges are older, the next request still gets them while they are
 * read again in the background (ten statements): no request waits for a
 * reload, only a user's first request does.
 *
 * @module
 */

import type { AccessPolicy, Clock, ModuleCatalog } from "../../../domain/ports.ts";
import { computePrivileges } from "../../../domain/privilege_facts.ts";
import { adminPrivileges, type Privileges } from "../../../domain/privileges.ts";
import type { UserAccount } from "../../../domain/user.ts";
import { guarded } from "../driver_errors.ts";
import type { VtigerDb } from "../database.ts";
import { loadPrivilegeFacts } from "./load_privilege_facts.ts";
import { type CacheOutcome, TtlCache } from "../ttl_cache.ts";

/** The default lifetime of cached privileges, in seconds. */
export const DEFAULT_PRIVILEGES_TTL_SECONDS = 60;

/** The default number of users whose privileges are kept. */
export const DEFAULT_PRIVILEGES_CACHE_SIZE = 1000;

/** What the policy reads from and how long it remembers. */
export interface MysqlAccessPolicyOptions {
  /** The Vtiger database. */
  readonly db: VtigerDb;
  /** The modules privileges are computed over. */
  readonly catalog: ModuleCatalog;
  /** The time source of the cache. */
  readonly clock: Clock;
  /** How long a user's privileges are reused, in seconds (default 60; 0 reads every time). */
  readonly ttlSeconds?: number;
  /** How many users' privileges are kept at most (default 1000), least recently used evicted. */
  readonly maxEntries?: number;
  /** Told the outcome of every cache lookup. */
  readonly onLookup?: (outcome: CacheOutcome) => void;
  /** Told of a background reload that failed (the previous privileges are kept). */
  readonly onReloadError?: (error: unknown) => void;
}

/** Vtiger's permission model, read from the database and cached per user. */
export class MysqlAccessPolicy implements AccessPolicy {
  #db: VtigerDb;
  #catalog: ModuleCatalog;
  #cache: TtlCache<number, Privileges>;

  /** Reads nothing until the first call. */
  constructor(options: MysqlAccessPolicyOptions) {
    this.#db = options.db;
    this.#catalog = options.catalog;
    this.#cache = new TtlCache(
      options.clock,
      options.ttlSeconds ?? DEFAULT_PRIVILEGES_TTL_SECONDS,
      options.maxEntries ?? DEFAULT_PRIVILEGES_CACHE_SIZE,
      { onLookup: options.onLookup, serveStale: options.onReloadError ?? (() => {}) },
    );
  }

  /**
   * The user's privileges: everything for an administrator, otherwise
   * computed from the tables, or reused when computed less than the
   * lifetime ago (and while they are computed again after that).
   */
  privilegesFor(user: UserAccount): Promise<Privileges> {
    if (user.isAdmin) return Promise.resolve(adminPrivileges(user.id));
    return this.#cache.get(user.id, () => this.#load(user.id));
  }

  async #load(userId: number): Promise<Privileges> {
    const modules = await this.#catalog.listModules();
    const facts = await guarded(() => loadPrivilegeFacts(this.#db, userId, modules));
    return computePrivileges(facts, modules);
  }
}

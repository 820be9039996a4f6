/**
 * Windowed counters in vtrest's own `vtrest_counters` table (migration 0002),
 * so that every instance of the service counts together: a login throttled
 * by one instance is throttled by all. Keys are stored as their SHA-256;
 * each add is one atomic upsert; expired rows are swept at most once a
 * minute per instance.
 *
 * @module
 */

import { sql } from "kysely";
import type { CounterStore, CounterWindow, WindowCount } from "../../domain/ports.ts";
import { counterDigest } from "../system/counter_key.ts";
import type { VtigerDb } from "./database.ts";
import { guarded } from "./driver_errors.ts";
import { fromSqlTime, toSqlTime } from "./sql_time.ts";

/** How often expired rows are swept, in milliseconds. */
const SWEEP_EVERY_MS = 60_000;

/** The most expired rows one sweep deletes, so that it never holds the table long. */
const SWEEP_BATCH = 1000;

/** The counter store over `vtrest_counters`. */
export class MysqlCounterStore implements CounterStore {
  readonly #db: VtigerDb;
  #lastSweep = 0;

  /** Counts through `db` (the migrations must have run). */
  constructor(db: VtigerDb) {
    this.#db = db;
  }

  /**
   * Counts one event for each key in one statement. A window that has ended
   * starts over at 1; MySQL assigns left to right, so `expires_at`, set last,
   * sees the new `first_at`.
   */
  async add(keys: readonly string[], now: Date, window: CounterWindow): Promise<void> {
    if (keys.length === 0) return;
    const at = toSqlTime(now);
    const until = toSqlTime(new Date(now.getTime() + window.seconds * 1000));
    const rows = keys.map((key) => sql`(${counterDigest(key)}, 1, ${at}, ${at}, ${until})`);
    const expires = window.from === "last"
      ? sql`VALUES(expires_at)`
      : sql`IF(first_at = VALUES(first_at), VALUES(expires_at), expires_at)`;
    await guarded(() =>
      sql`INSERT INTO vtrest_counters (counter_key, hits, first_at, last_at, expires_at)
        VALUES ${sql.join(rows)}
        ON DUPLICATE KEY UPDATE
          hits = IF(expires_at <= VALUES(last_at), 1, hits + 1),
          first_at = IF(expires_at <= VALUES(last_at), VALUES(first_at), first_at),
          last_at = VALUES(last_at),
          expires_at = ${expires}`.execute(this.#db)
    );
    await this.#sweep(now);
  }

  /** The live counts of the keys, in one query. */
  async read(keys: readonly string[], now: Date): Promise<ReadonlyMap<string, WindowCount>> {
    const counts = new Map<string, WindowCount>();
    if (keys.length === 0) return counts;
    const byDigest = new Map(keys.map((key) => [counterDigest(key), key]));
    const rows = await guarded(() =>
      this.#db.selectFrom("vtrest_counters")
        .select(["counter_key", "hits", "first_at", "last_at"])
        .where("counter_key", "in", [...byDigest.keys()])
        .where("expires_at", ">", toSqlTime(now))
        .execute()
    );
    for (const row of rows) {
      const key = byDigest.get(row.counter_key);
      if (key === undefined) continue;
      counts.set(key, {
        count: Number(row.hits),
        firstAt: fromSqlTime(row.first_at),
        lastAt: fromSqlTime(row.last_at),
      });
    }
    return counts;
  }

  /** Forgets the keys. */
  async clear(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await guarded(() =>
      this.#db.deleteFrom("vtrest_counters")
        .where("counter_key", "in", keys.map(counterDigest)).execute()
    );
  }

  /** Deletes a batch of expired rows, at most once a minute. */
  async #sweep(now: Date): Promise<void> {
    if (now.getTime() - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now.getTime();
    await guarded(() =>
      sql`DELETE FROM vtrest_counters WHERE expires_at <= ${toSqlTime(now)} LIMIT ${
        sql.lit(SWEEP_BATCH)
      }`.execute(this.#db)
    );
  }
}

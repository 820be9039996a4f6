/**
 * Sessions in vtrest's own `vtrest_sessions` table, shared by every instance
 * of the service. Times are stored in UTC with milliseconds.
 *
 * @module
 */

import type { SessionStore } from "../../domain/ports.ts";
import type { Session } from "../../domain/session.ts";
import type { VtigerDb } from "./database.ts";
import { guarded } from "./driver_errors.ts";
import { fromSqlTime, toSqlTime } from "./sql_time.ts";

/** How long an expired session is kept before a new login sweeps it away, in milliseconds. */
const SWEEP_AFTER_MS = 24 * 60 * 60 * 1000;

/** The session store over `vtrest_sessions`. */
export class MysqlSessionStore implements SessionStore {
  #db: VtigerDb;

  /** Stores through `db` (the migrations must have run). */
  constructor(db: VtigerDb) {
    this.#db = db;
  }

  /** Stores a new session, and removes sessions expired for more than a day. */
  async save(session: Session): Promise<void> {
    await guarded(async () => {
      await this.#db.insertInto("vtrest_sessions").values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        created_at: toSqlTime(session.createdAt),
        expires_at: toSqlTime(session.expiresAt),
        credential_fingerprint: session.credentialFingerprint,
      }).execute();
      const horizon = new Date(session.createdAt.getTime() - SWEEP_AFTER_MS);
      await this.#db.deleteFrom("vtrest_sessions").where("expires_at", "<", toSqlTime(horizon))
        .execute();
    });
  }

  /** The session with that token hash. */
  async find(tokenHash: string): Promise<Session | undefined> {
    const row = await guarded(() =>
      this.#db.selectFrom("vtrest_sessions").selectAll().where("token_hash", "=", tokenHash)
        .executeTakeFirst()
    );
    if (row === undefined) return undefined;
    return {
      tokenHash: row.token_hash,
      userId: Number(row.user_id),
      createdAt: fromSqlTime(row.created_at),
      expiresAt: fromSqlTime(row.expires_at),
      credentialFingerprint: row.credential_fingerprint,
    };
  }

  /** Moves a session's expiry. */
  async touch(tokenHash: string, expiresAt: Date): Promise<void> {
    await guarded(() =>
      this.#db.updateTable("vtrest_sessions").set({ expires_at: toSqlTime(expiresAt) })
        .where("token_hash", "=", tokenHash).execute()
    );
  }

  /** Removes a session; whether there was one. */
  async revoke(tokenHash: string): Promise<boolean> {
    const result = await guarded(() =>
      this.#db.deleteFrom("vtrest_sessions").where("token_hash", "=", tokenHash)
        .executeTakeFirst()
    );
    return Number(result.numDeletedRows) > 0;
  }

  /** Revokes the user's sessions but the `count` newest; how many were revoked. */
  async keepNewest(userId: number, count: number): Promise<number> {
    return await guarded(async () => {
      // The rows past the newest `count`, through the (user_id, created_at) index.
      const surplus = await this.#db.selectFrom("vtrest_sessions").select("token_hash")
        .where("user_id", "=", userId)
        .orderBy("created_at", "desc").orderBy("token_hash", "desc")
        .limit(SURPLUS_BATCH).offset(count).execute();
      if (surplus.length === 0) return 0;
      const result = await this.#db.deleteFrom("vtrest_sessions")
        .where("token_hash", "in", surplus.map((row) => row.token_hash)).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }
}

/**
 * The most surplus sessions one login revokes. Each login adds one session,
 * so one revoked per login keeps the bound; the batch only catches up after
 * the limit was lowered.
 */
const SURPLUS_BATCH = 1000;

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

/** How long an expired session is kept before a new login sweeps it away, in milliseconds. */
const SWEEP_AFTER_MS = 24 * 60 * 60 * 1000;

function toSqlTime(date: Date): string {
  return date.toISOString().slice(0, 23).replace("T", " ");
}

function fromSqlTime(text: string): Date {
  return new Date(`${text.replace(" ", "T")}Z`);
}

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
}

/**
 * Stops statements their client gave up on. A statement whose request was
 * abandoned (the client went away, or the answer took longer than the query
 * timeout) would otherwise keep running on the server after its connection is
 * dropped; `KILL QUERY <thread id>` stops it, sent on a connection of its own
 * since the statement's connection is busy with it.
 *
 * @module
 */

import { createPool, type Pool, type PoolOptions } from "mysql2";

/** How long a KILL may take, in milliseconds: the server answers it at once when alive. */
const KILL_TIMEOUT_MS = 5_000;

/** Sends `KILL QUERY` for the thread ids it is given, over one connection of its own. */
export class QueryKiller {
  readonly #options: PoolOptions;
  #pool: Pool | undefined;
  #pending = new Set<Promise<void>>();

  /** Connects like `options` (host, user, ...) when it first has something to kill. */
  constructor(options: PoolOptions) {
    this.#options = { ...options, connectionLimit: 1, queueLimit: 0 };
  }

  /**
   * Stops the statement the thread is running, if any. Never throws: a
   * statement that ended meanwhile is "unknown", and one the kill cannot
   * reach still ends at the server's own statement time limit.
   */
  kill(threadId: number): Promise<void> {
    if (!Number.isSafeInteger(threadId) || threadId < 1) return Promise.resolve();
    this.#pool ??= createPool(this.#options);
    const pool = this.#pool;
    const done = new Promise<void>((resolve) => {
      pool.query(
        { sql: "KILL QUERY ?", values: [threadId], timeout: KILL_TIMEOUT_MS },
        () => resolve(),
      );
    });
    this.#pending.add(done);
    done.finally(() => this.#pending.delete(done));
    return done;
  }

  /** Waits for the kills under way, then closes the connection. */
  async close(): Promise<void> {
    await Promise.all(this.#pending);
    const pool = this.#pool;
    this.#pool = undefined;
    if (pool !== undefined) await new Promise<void>((resolve) => pool.end(() => resolve()));
  }
}

/**
 * No statement outlives the query timeout, and none outlives its request.
 *
 * - The server stops every statement at the timeout itself (a time limit
 *   put on each statement, `statement_limit.ts`), so an expensive query ends
 *   there whatever happens to its client; the adapter reports it as
 *   `SERVICE_UNAVAILABLE`.
 * - A statement left unanswered a little longer (a hung server, a silent
 *   network, a statement the server limit does not cover) fails as mysql2's
 *   inactivity timeout would (`PROTOCOL_SEQUENCE_TIMEOUT`): its connection is
 *   destroyed, so that what it still had queued fails at once and the server
 *   rolls back its open transaction, and the statement is killed (`KILL
 *   QUERY`) on another connection. The deadline is an entry on the shared
 *   sweep (`deadline_sweep.ts`), not mysql2's `timeout` option, whose node
 *   timer per statement cost about 3 % of a GET by id's CPU; streamed
 *   statements keep mysql2's.
 * - A statement whose request was abandoned (the client went away: the
 *   request's signal aborted) is killed too, and its connection, which might
 *   otherwise carry the kill over to the next statement, is destroyed
 *   instead of going back to the pool.
 * - Waiting for a free connection is bounded by the same timeout.
 *
 * @module
 */

import type { MysqlPool, MysqlPoolConnection, MysqlQueryResult } from "kysely";
import type { Pool, PoolConnection, QueryOptions } from "mysql2";
import { DomainError } from "../../domain/errors.ts";
import type { QueryKiller } from "./query_killer.ts";
import { sharedDeadlines } from "../system/deadline_sweep.ts";
import { isSentPrepared } from "./prepared_statements.ts";
import { limitStatement, type ServerFlavour, serverFlavour } from "./statement_limit.ts";

/** How much longer than the server's limit the client waits for an answer. */
export const CLIENT_GRACE_MS = 2_000;

/** The code of mysql2's "Query inactivity timeout". */
const TIMEOUT_CODE = "PROTOCOL_SEQUENCE_TIMEOUT";

/** The error mysql2 gives a statement its `timeout` ran out on, made here for the sweep's. */
function inactivityTimeout(): Error {
  return Object.assign(new Error("Query inactivity timeout"), {
    errorno: TIMEOUT_CODE,
    code: TIMEOUT_CODE,
    syscall: "query",
  });
}

type QueryCallback = (error: unknown, result: MysqlQueryResult) => void;

/** How statements are guarded. */
export interface StatementGuards {
  /** The query timeout: the server's limit on each statement, in milliseconds. */
  readonly timeoutMs: number;
  /** Kills statements their client gave up on. */
  readonly killer: QueryKiller;
  /** The signal of the request being answered, if any: its abort abandons its statements. */
  readonly currentSignal?: () => AbortSignal | undefined;
}

function isTimeout(error: unknown): boolean {
  return typeof error === "object" && error !== null &&
    (error as { code?: unknown }).code === TIMEOUT_CODE;
}

/** What a statement of a request whose client went away fails with (a client matter, not a fault). */
function clientGone(): DomainError {
  return new DomainError(
    "INVALID_PARAMETER",
    "The client went away before the answer was ready; its statement was stopped",
  );
}

/** What waiting too long for a free connection fails with. */
function poolBusy(seconds: number): DomainError {
  return new DomainError(
    "SERVICE_UNAVAILABLE",
    `No database connection became free within ${seconds} seconds; try again shortly`,
    { retryAfterSeconds: 1 },
  );
}

/**
 * A connection with every statement limited, timed and tied to its request.
 * One per pool connection for all its leases (`pool_stats.ts` says why);
 * `lease()` starts each lease as the pool hands the connection out.
 */
class GuardedConnection implements MysqlPoolConnection {
  readonly #connection: PoolConnection;
  readonly #flavour: ServerFlavour;
  readonly #guards: StatementGuards;
  #abandoned = false;
  // Whether a statement went to the server in this lease: until one has, the connection is
  // as clean as the pool handed it out (the pool holds no connection left inside a transaction).
  #sent = false;
  readonly #abandon = (): void => {
    this.#abandoned = true;
    this.#guards.killer.kill(this.#connection.threadId);
  };

  constructor(connection: PoolConnection, flavour: ServerFlavour, guards: StatementGuards) {
    this.#connection = connection;
    this.#flavour = flavour;
    this.#guards = guards;
  }

  /** Starts a lease: nothing sent, nothing abandoned yet. */
  lease(): this {
    this.#abandoned = false;
    this.#sent = false;
    return this;
  }

  get config(): object {
    return this.#connection.config;
  }

  get threadId(): number {
    return this.#connection.threadId;
  }

  connect(callback?: (error: unknown) => void): void {
    this.#connection.connect(callback);
  }

  destroy(): void {
    this.#connection.destroy();
  }

  release(): void {
    if (this.#abandoned) this.#connection.destroy();
    else this.#connection.release();
  }

  query(
    sql: string,
    parameters: unknown,
    callback?: QueryCallback,
  ): ReturnType<MysqlPoolConnection["query"]> {
    const connection = this.#connection;
    const guards = this.#guards;
    const options: QueryOptions = {
      sql: limitStatement(sql, this.#flavour, guards.timeoutMs),
      values: parameters as QueryOptions["values"],
    };
    if (callback === undefined) {
      // Streamed (no callback to answer on the sweep's behalf): mysql2 times it.
      this.#sent = true;
      return connection.query({ ...options, timeout: guards.timeoutMs + CLIENT_GRACE_MS });
    }
    const signal = guards.currentSignal?.();
    if (signal?.aborted) {
      // Refused, not run. After an earlier statement of this lease, the connection may hold an
      // open transaction, so it is not reused; before any (a request that waited for a
      // connection while its client left), it goes back to the pool as it came.
      if (this.#sent) this.#abandoned = true;
      queueMicrotask(() => callback(clientGone(), undefined as unknown as MysqlQueryResult));
      return undefined as unknown as ReturnType<MysqlPoolConnection["query"]>;
    }
    const abandon = this.#abandon;
    signal?.addEventListener("abort", abandon, { once: true });
    this.#sent = true;
    let answered = false;
    const deadline = sharedDeadlines.arm(
      guards.timeoutMs + CLIENT_GRACE_MS,
      () => answer(inactivityTimeout(), undefined),
    );
    const answer = (error: unknown, result: unknown): void => {
      if (answered) return; // the deadline answered first; the late outcome is dropped
      answered = true;
      deadline.cancel();
      signal?.removeEventListener("abort", abandon);
      if (isTimeout(error)) {
        // The lease cannot end before its statements are answered: this is still its lease.
        this.#abandoned = true;
        guards.killer.kill(connection.threadId);
        connection.destroy();
      }
      const gone = error !== null && error !== undefined && signal?.aborted === true;
      callback(gone ? clientGone() : error, result as MysqlQueryResult);
    };
    // The read of one record by id goes prepared (prepared_statements.ts); the rest as text.
    return (isSentPrepared(sql)
      ? connection.execute(options, answer)
      : connection.query(options, answer)) as unknown as ReturnType<MysqlPoolConnection["query"]>;
  }
}

/** The server's flavour, asked once per pool (asked again after a failure). */
function flavourProbe(): (connection: PoolConnection) => Promise<ServerFlavour> {
  let known: Promise<ServerFlavour> | undefined;
  return (connection) => {
    known ??= new Promise<ServerFlavour>((resolve, reject) => {
      connection.query("SELECT VERSION() AS version", (error: unknown, rows: unknown) => {
        if (error) return reject(error);
        const version = (rows as { version?: unknown }[])[0]?.version;
        resolve(serverFlavour(typeof version === "string" ? version : ""));
      });
    }).catch((error) => {
      known = undefined;
      throw error;
    });
    return known;
  };
}

/** The pool as Kysely sees it, every connection it hands out guarding its statements. */
export function withStatementGuards(pool: Pool, guards: StatementGuards): MysqlPool {
  if (!Number.isSafeInteger(guards.timeoutMs) || guards.timeoutMs < 1) {
    throw new RangeError(
      `The query timeout ${guards.timeoutMs} ms must be a positive whole number`,
    );
  }
  const flavourOf = flavourProbe();
  const guarded = new WeakMap<PoolConnection, GuardedConnection>();
  const guardedOf = (connection: PoolConnection, flavour: ServerFlavour): GuardedConnection => {
    let known = guarded.get(connection);
    if (known === undefined) {
      known = new GuardedConnection(connection, flavour, guards);
      guarded.set(connection, known);
    }
    return known;
  };
  return {
    getConnection: (callback) => {
      let waiting = true;
      const deadline = sharedDeadlines.arm(guards.timeoutMs, () => {
        waiting = false;
        callback(poolBusy(guards.timeoutMs / 1000), undefined as unknown as MysqlPoolConnection);
      });
      pool.getConnection((error, connection) => {
        deadline.cancel();
        if (!waiting) {
          // Too late: the request already failed; the connection goes straight back.
          if (!error) connection.release();
          return;
        }
        if (error) return callback(error, connection as unknown as MysqlPoolConnection);
        flavourOf(connection).then(
          (flavour) => callback(null, guardedOf(connection, flavour).lease()),
          (failure) => {
            connection.release();
            callback(failure, connection as unknown as MysqlPoolConnection);
          },
        );
      });
    },
    end: (callback) => pool.end(callback),
  };
}

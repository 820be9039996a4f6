/**
 * Records the statements vtrest's own MySQL adapter runs for each benchmark
 * call, so that the baseline replays exactly the same SQL: the record
 * repository's statements for reads and writes (no authentication, no
 * permission lookups), the whole login use case for logins.
 *
 * Values that vary per request are found by the marker value the call was
 * recorded with (a record id, an e-mail address, the new crmid, the new
 * history id, the new token's hash) and turned into references.
 *
 * @module
 */

import { sql } from "kysely";
import { dynamic, openDatabase, type VtigerDb } from "../adapters/mysql/database.ts";
import { openMysqlPorts } from "../adapters/mysql/mysql_ports.ts";
import { selectRecords } from "../adapters/mysql/records/record_select.ts";
import { DEFAULT_AUTH_CACHE_SECONDS } from "../adapters/env/config.ts";
import { createUseCases } from "../application/use_cases.ts";
import { parseCriteria, parseOrder } from "../domain/criteria.ts";
import type { ModuleDefinition } from "../domain/module.ts";
import type { ListQuery } from "../domain/ports.ts";
import { ALL_OWNERS, requireAction } from "../domain/privileges.ts";
import { NAIVE_DEEP_PAGE } from "./calls.ts";
import {
  advancedSequence,
  isTransactionControl,
  type PlanAnswer,
  type PlanParameter,
  type PlanStatement,
  type ReplayPlan,
  type ReplayPlans,
} from "./replay_plan.ts";
import { accountCrmid, BENCH_PASSWORD, LOGIN_USER, NON_ADMIN } from "./seed/dataset.ts";

/** One statement as the adapter ran it. */
interface Recorded {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** What turns into a reference: the recorded value and its reference. */
type Markers = ReadonlyArray<readonly [unknown, PlanParameter]>;

function toPlan(recorded: readonly Recorded[], markers: Markers, answer: PlanAnswer): ReplayPlan {
  const transaction = recorded.some((statement) => isTransactionControl(statement.sql));
  const statements: PlanStatement[] = recorded
    .filter((statement) => !isTransactionControl(statement.sql))
    .map((statement) => {
      const defines = advancedSequence(statement.sql);
      return {
        sql: statement.sql,
        parameters: statement.parameters.map((value): PlanParameter => {
          const marker = markers.find(([recorded]) => recorded === value);
          return marker === undefined ? { value } : marker[1];
        }),
        ...(defines === undefined ? {} : { defines }),
      };
    });
  return { statements, transaction, answer };
}

/** Where history ids start on the benchmark database (the sequence only ever moves forward). */
const HISTORY_ID_FLOOR = 5_000_000;

/** Statistics of what was recorded, for the report. */
export interface CaptureResult {
  /** The plans by call name. */
  readonly plans: ReplayPlans;
  /** Statements per call as vtrest runs them (transaction control included). */
  readonly statementCounts: Readonly<Record<string, number>>;
  /** How long opening the ports took on the fresh database (vtrest's migrations), in ms. */
  readonly firstOpenMs: number;
  /** Statements per request end to end (use case with a warm token), by call. */
  readonly endToEnd: Readonly<Record<string, StatementCount>>;
}

/** What one request runs. */
export interface StatementCount {
  /** Every statement (transaction control excluded). */
  readonly statements: number;
  /** INSERT, UPDATE, DELETE and locking statements. */
  readonly writes: number;
  /** SELECTs of the record's fields (its `vtiger_crmentity` row joined to its module's tables). */
  readonly recordReads: number;
}

function countOf(recorded: readonly Recorded[]): StatementCount {
  const statements = recorded.filter((statement) => !isTransactionControl(statement.sql));
  return {
    statements: statements.length,
    writes: statements.filter((statement) => /^\s*(insert|update|delete)\b/i.test(statement.sql))
      .length,
    // A read of the record's fields: the record SELECT names each field's column after its field.
    recordReads:
      statements.filter((statement) =>
        /^\s*select\b/i.test(statement.sql) && /\bas\s+`accountname`/i.test(statement.sql)
      ).length,
  };
}

/** Records every call's statements on the benchmark database. */
export async function capturePlans(
  url: string,
  accountCount: number,
  deepStart: number,
): Promise<CaptureResult> {
  let recording: Recorded[] | undefined;
  const started = performance.now();
  const opened = await openMysqlPorts({
    url,
    onQuery: (text, parameters) => recording?.push({ sql: text, parameters: [...parameters] }),
  });
  const firstOpenMs = performance.now() - started;
  const direct = openDatabase(url, { connectionLimit: 1 });
  const plans: Record<string, ReplayPlan> = {};
  const counts: Record<string, number> = {};
  const endToEnd: Record<string, StatementCount> = {};
  const record = async <T>(body: () => Promise<T>): Promise<[T, Recorded[]]> => {
    recording = [];
    try {
      const result = await body();
      return [result, recording];
    } finally {
      recording = undefined;
    }
  };
  const keep = (name: string, recorded: Recorded[], markers: Markers, answer: PlanAnswer) => {
    plans[name] = toPlan(recorded, markers, answer);
    counts[name] = recorded.length;
  };
  try {
    const { ports } = opened;
    const accounts = await ports.modules.findModule("Accounts") as ModuleDefinition;
    const all = (query: Partial<ListQuery>): ListQuery => ({
      conditions: [],
      order: [],
      start: 0,
      length: 100,
      scope: ALL_OWNERS,
      ...query,
    });
    // Warm the caches (metadata, history sequence) so that only per-call statements are recorded.
    await ports.records.list(accounts, all({ length: 1 }));
    await ports.records.update(accounts, accountCrmid(1), { bill_pobox: "" }, {
      actorId: 1,
      now: new Date(),
    });
    // History ids far from any other value bound, so that the recorded one is recognized.
    await sql`UPDATE vtiger_modtracker_basic_seq SET id = GREATEST(id, ${HISTORY_ID_FLOOR})`
      .execute(direct.db);

    // As main.ts builds them: the shared counters of the database, the session cache.
    const useCases = createUseCases({ ...ports, counters: opened.counters }, {
      authCacheSeconds: DEFAULT_AUTH_CACHE_SECONDS,
    });
    const [token, login] = await record(() =>
      useCases.loginWithPassword.execute({
        userName: LOGIN_USER.userName,
        password: BENCH_PASSWORD,
        clientAddress: "127.0.0.1",
      })
    );
    keep("login", login, [[await ports.tokens.hash(token), { ref: "random" }]], "true");

    const id = accountCrmid(Math.min(77_777, accountCount));
    const [, get] = await record(() => ports.records.findById(accounts, id));
    keep("get_admin", get, [[id, { ref: "input" }]], "first row");
    keep("get_non_admin", get, [[id, { ref: "input" }]], "first row");

    const [, list] = await record(() => ports.records.list(accounts, all({})));
    keep("list_100", list, [], "rows");

    const nonAdmin = await ports.users.findById(NON_ADMIN.id);
    if (nonAdmin === undefined) throw new Error("The non-admin bench user is missing");
    const grant = requireAction(await ports.policy.privilegesFor(nonAdmin), accounts, "list");
    const [, scoped] = await record(() => ports.records.list(accounts, all({ scope: grant.read })));
    keep("list_100_non_admin", scoped, [], "rows");

    const email = "account77@example.com";
    const [, indexed] = await record(() =>
      ports.records.list(
        accounts,
        all({ conditions: parseCriteria(accounts, accounts.fields, `email1:${email}`) }),
      )
    );
    keep("criteria_indexed", indexed, [[email, { ref: "input" }]], "rows");

    const [, unindexed] = await record(() =>
      ports.records.list(
        accounts,
        all({ conditions: parseCriteria(accounts, accounts.fields, "bill_city:like:Mont%") }),
      )
    );
    keep("criteria_unindexed", unindexed, [], "rows");

    const [, ordered] = await record(() =>
      ports.records.list(
        accounts,
        all({ order: parseOrder(accounts, accounts.fields, "accountname") }),
      )
    );
    keep("order_name", ordered, [], "rows");

    const [, deep] = await record(() => ports.records.list(accounts, all({ start: deepStart })));
    keep("deep_page", deep, [], "rows");

    const storage = await opened.catalog.storageOf("Accounts");
    if (storage === undefined) throw new Error("Accounts has no storage");
    const naive = selectRecords(dynamic(direct.db), storage)
      .orderBy(sql`vtiger_crmentity.crmid`).limit(100).offset(deepStart).compile();
    keep(NAIVE_DEEP_PAGE, [{ sql: naive.sql, parameters: naive.parameters }], [], "rows");

    const values = {
      // Accounts refuse a name a live Account has: each run's names are its own.
      accountname: `Bench capture ${crypto.randomUUID()}`,
      bill_city: "Montpellier",
      email1: "capture@example.com",
      assigned_user_id: "1",
    };
    const [crmid, create] = await record(() =>
      ports.records.create(accounts, values, { actorId: 1, now: new Date() })
    );
    keep("create", create, [
      [values.accountname, { ref: "unique" }],
      [crmid, { ref: "crmid" }],
      [await lastHistoryId(direct.db), { ref: "historyId" }],
    ], "crmid");

    const renamed = `Renamed ${crypto.randomUUID()}`;
    const [, update] = await record(() =>
      ports.records.update(accounts, id, {
        accountname: renamed,
        bill_city: "Paris",
      }, {
        actorId: 1,
        now: new Date(),
        scope: ALL_OWNERS,
      })
    );
    keep("update", update, [
      [renamed, { ref: "unique" }],
      [id, { ref: "input" }],
      [await lastHistoryId(direct.db), { ref: "historyId" }],
    ], "true");

    const admin = await useCases.loginWithPassword.execute({
      userName: "admin",
      password: "admin",
    });
    const reader = await useCases.loginWithPassword.execute({
      userName: NON_ADMIN.userName,
      password: BENCH_PASSWORD,
    });
    const twice = async (body: () => Promise<unknown>): Promise<StatementCount> => {
      await body();
      return countOf((await record(body))[1]);
    };
    endToEnd.get_admin = await twice(() =>
      useCases.getRecord.execute({ token: admin, module: "Accounts", id })
    );
    endToEnd.get_non_admin = await twice(() =>
      useCases.getRecord.execute({ token: reader, module: "Accounts", id: accountCrmid(3) })
    );
    endToEnd.list_100 = await twice(() =>
      useCases.listRecords.execute({ token: admin, module: "Accounts" })
    );
    endToEnd.list_100_non_admin = await twice(() =>
      useCases.listRecords.execute({ token: reader, module: "Accounts" })
    );
    endToEnd.create = await twice(() =>
      useCases.createRecord.execute({
        token: admin,
        module: "Accounts",
        values: { ...values, accountname: `Bench ${crypto.randomUUID()}` },
      })
    );
    endToEnd.update = await twice(() =>
      useCases.updateRecord.execute({
        token: admin,
        module: "Accounts",
        id,
        values: { accountname: `Renamed ${crypto.randomUUID()}`, bill_city: "Lyon" },
      })
    );
  } finally {
    await opened.close();
    await direct.close();
  }
  return { plans, statementCounts: counts, firstOpenMs, endToEnd };
}

async function lastHistoryId(db: VtigerDb): Promise<number> {
  const result = await sql<{ id: number }>`SELECT id FROM vtiger_modtracker_basic_seq`.execute(db);
  return Number(result.rows[0]?.id);
}

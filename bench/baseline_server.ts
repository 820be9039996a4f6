/**
 * The baseline: the least a service on this stack can do per call. A bare
 * `Deno.serve` handler and a `mysql2` pool (same driver settings and pool
 * size as vtrest) replaying, for `GET /<call>?p=<value>`, the statements
 * vtrest's adapter ran for that call (`capture.ts`), then answering the rows
 * in the envelope. No authentication, no validation, no shaping.
 *
 * Each call leases a connection for its statements, as vtrest does: mysql2's
 * `pool.query` keeps each query until the next full collection under Deno
 * (a bare `Deno.serve` + `pool.query` of one row: 5.1 MB promoted to the old
 * generation per scavenge, against 28 KB leasing a connection), which cost
 * the baseline 12-14 % of its GET by id req/s and 50 MB of RSS.
 *
 * Run by the benchmark as `deno serve [--parallel] --port PORT bench/baseline_server.ts`, with
 * `BENCH_PLANS` (the plans file), `BENCH_DB_URL` and `POOL_SIZE` in the environment.
 *
 * @module
 */

import { createPool, type Pool, type PoolConnection, type ResultSetHeader } from "mysql2/promise";
import type { PlanParameter, ReplayPlan, ReplayPlans } from "./replay_plan.ts";

type Values = { input?: string; crmid?: number; historyId?: number; unique?: string };

function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function bind(parameter: PlanParameter, values: Values): unknown {
  if ("value" in parameter) return parameter.value;
  if (parameter.ref === "random") return randomHex();
  if (parameter.ref === "unique") return values.unique ??= `Bench ${randomHex().slice(0, 32)}`;
  return values[parameter.ref];
}

async function replay(connection: Pool | PoolConnection, plan: ReplayPlan, input?: string) {
  const values: Values = { input };
  let rows: unknown[] = [];
  for (const statement of plan.statements) {
    const [result] = await connection.query(
      statement.sql,
      statement.parameters.map((parameter) => bind(parameter, values)),
    );
    if (statement.defines !== undefined) {
      values[statement.defines] = (result as ResultSetHeader).insertId;
    }
    if (Array.isArray(result)) rows = result;
  }
  switch (plan.answer) {
    case "first row":
      return rows[0] ?? null;
    case "rows":
      return rows;
    case "crmid":
      return values.crmid;
    case "true":
      return true;
  }
}

async function run(pool: Pool, plan: ReplayPlan, input?: string): Promise<unknown> {
  if (!plan.transaction) {
    const connection = await pool.getConnection();
    try {
      return await replay(connection, plan, input);
    } finally {
      connection.release();
    }
  }
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const answer = await replay(connection, plan, input);
    await connection.commit();
    return answer;
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

const plans: ReplayPlans = JSON.parse(await Deno.readTextFile(Deno.env.get("BENCH_PLANS") ?? ""));
const url = new URL(Deno.env.get("BENCH_DB_URL") ?? "");
const pool = createPool({
  host: url.hostname,
  port: url.port === "" ? 3306 : Number(url.port),
  user: decodeURIComponent(url.username) || "root",
  password: decodeURIComponent(url.password),
  database: decodeURIComponent(url.pathname.slice(1)),
  charset: "utf8mb4",
  timezone: "Z",
  dateStrings: true,
  supportBigNumbers: true,
  bigNumberStrings: true,
  connectionLimit: Number(Deno.env.get("POOL_SIZE") ?? 10),
  enableKeepAlive: true,
});
const headers = { "Content-Type": "application/json; charset=utf-8" };

async function fetch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const plan = plans[url.pathname.slice(1)];
  if (plan === undefined) return new Response("no such call", { status: 404 });
  if (request.body !== null) await request.arrayBuffer();
  try {
    const result = await run(pool, plan, url.searchParams.get("p") ?? undefined);
    return new Response(JSON.stringify({ success: true, result }), { headers });
  } catch (error) {
    console.error(error);
    return new Response(JSON.stringify({ success: false }), { status: 500, headers });
  }
}

/** What `deno serve` serves. */
export default { fetch } satisfies Deno.ServeDefaultExport;

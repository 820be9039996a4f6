/**
 * vtrest side by side with Vtiger's own webservice (`webservice.php`), on the
 * same database: the same wrk, connections and seconds for Vtiger's
 * `retrieve` and vtrest's GET by id, and for Vtiger's `query` (`SELECT *
 * FROM Accounts LIMIT 100;`) and vtrest's list of 100. Both log in as the
 * admin; ids are drawn from the Accounts the database holds.
 *
 * ```sh
 * deno run -A bench/vtiger_webservice.ts --vtiger=http://127.0.0.1:19200 \
 *   --access-key=KEY --vtrest=http://127.0.0.1:18190 --password=PASS \
 *   --db-url=mysql://root@127.0.0.1:3306/DB [--seconds=5] [--connections=16]
 * ```
 *
 * A Vtiger to measure is stood up by `../shared/tools/vtiger-oracle/setup.sh`
 * (port 19200 by default). `--db-url` is the database both use (the
 * Accounts' ids are read there). Start vtrest on it with
 * `MAX_REQUESTS_PER_USER` above the connections (one user makes every call:
 * at the default 4 most answers are `TOO_MANY_REQUESTS`, counted as errors).
 *
 * @module
 */

import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { createConnection } from "mysql2/promise";
import type { BenchCall } from "./calls.ts";
import { type LoadResult, requireWrk, runLoad } from "./load_generator.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    vtiger: { type: "string" },
    "access-key": { type: "string" },
    vtrest: { type: "string" },
    password: { type: "string" },
    "db-url": { type: "string" },
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "16" },
  },
});
const vtiger = values.vtiger ?? "http://127.0.0.1:19300";
const vtrest = values.vtrest ?? "http://127.0.0.1:18190";
const seconds = Number(values.seconds);
const connections = Number(values.connections);

interface Envelope {
  readonly success: boolean;
  // deno-lint-ignore no-explicit-any
  readonly result: any;
}

async function json(url: string, init?: RequestInit): Promise<Envelope> {
  const response = await fetch(url, init);
  return await response.json();
}

/** Logs in to Vtiger's webservice with the access key: challenge, then md5(token + key). */
async function vtigerSession(): Promise<string> {
  const challenge = await json(`${vtiger}/webservice.php?operation=getchallenge&username=admin`);
  const key = createHash("md5").update(`${challenge.result.token}${values["access-key"]}`)
    .digest("hex");
  const login = await json(`${vtiger}/webservice.php`, {
    method: "POST",
    body: new URLSearchParams({ operation: "login", username: "admin", accessKey: key }),
  });
  if (!login.success) throw new Error(`Vtiger login failed: ${JSON.stringify(login)}`);
  return login.result.sessionName;
}

/** The Accounts' crmids, which must run without gaps (created one after another). */
async function accountIds(): Promise<{ first: number; count: number }> {
  const connection = await createConnection(values["db-url"] ?? "");
  const [rows] = await connection.query(
    `SELECT MIN(crmid) AS first, MAX(crmid) AS last, COUNT(*) AS count FROM vtiger_crmentity
     WHERE setype = 'Accounts' AND deleted = 0`,
  );
  await connection.end();
  const [{ first, last, count }] = rows as { first: number; last: number; count: number }[];
  if (Number(last) - Number(first) + 1 !== Number(count)) {
    throw new Error("The Accounts' ids have gaps: draw them from a database made for this");
  }
  return { first: Number(first), count: Number(count) };
}

function call(name: string, path: string): BenchCall {
  return { name, title: name, caller: "admin", method: "GET", path, ids: "accounts", load: "read" };
}

async function measure(
  origin: string,
  name: string,
  path: string,
  ids: { first: number; count: number },
  authorization?: string,
): Promise<LoadResult> {
  const spec = {
    origin,
    path,
    call: call(name, path),
    connections,
    accounts: ids.count,
    firstId: ids.first,
    ...(authorization === undefined ? {} : { authorization }),
  };
  await runLoad({ ...spec, seconds: 2 });
  return await runLoad({ ...spec, seconds });
}

await requireWrk();
const ids = await accountIds();
const session = await vtigerSession();
const login = await json(
  `${vtrest}/modules/RestfulApi/auth/admin/${encodeURIComponent(values.password ?? "")}`,
);
if (!login.success) throw new Error(`vtrest login failed: ${JSON.stringify(login)}`);
const bearer = `Bearer ${login.result}`;
const query = encodeURIComponent("SELECT * FROM Accounts LIMIT 100;");
const rows = [
  {
    call: "one record",
    vtiger: await measure(
      vtiger,
      "retrieve",
      `/webservice.php?operation=retrieve&sessionName=${session}&id=11x{id}`,
      ids,
    ),
    vtrest: await measure(vtrest, "get", "/modules/RestfulApi/Accounts/{id}", ids, bearer),
  },
  {
    call: "100 records",
    vtiger: await measure(
      vtiger,
      "query",
      `/webservice.php?operation=query&sessionName=${session}&query=${query}`,
      ids,
    ),
    vtrest: await measure(vtrest, "list", "/modules/RestfulApi/Accounts", ids, bearer),
  },
];
console.log(
  `| call | conns | Vtiger webservice req/s | p50 ms | p99 ms | errors | vtrest req/s | p50 ms | p99 ms | errors | vtrest / Vtiger |`,
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const row of rows) {
  const { vtiger: a, vtrest: b } = row;
  console.log(
    `| ${row.call} | ${connections} | ${a.rps} | ${a.p50Ms} | ${a.p99Ms} | ${a.errors} | ${b.rps} | ${b.p50Ms} | ${b.p99Ms} | ${b.errors} | ${
      (b.rps / Math.max(a.rps, 0.01)).toFixed(1)
    }× |`,
  );
}
console.log(`\n${ids.count} Accounts; ${seconds} s per call and side after 2 s of warm-up.`);

/**
 * `deno serve --parallel serve.ts` on a database: each worker keeps its own
 * session cache, and a logout answered by one worker is refused by every
 * worker within `AUTH_CACHE_SECONDS`. Each call opens a new connection, so
 * that the kernel spreads the calls over the workers' listeners. SIGTERM
 * then ends the process: the workers close their pools once drained (an open
 * pool used to keep it alive after deno serve's own drain, for good).
 */

import assert from "node:assert/strict";
import { setAdminPassword } from "../mysql/mysql_support.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "../mysql/vtiger_test_database.ts";
import { freePort } from "./_service_process.ts";

/** Calls made after a logout to see whether any worker still accepts the token. */
const PROBES = 24;

Deno.test({
  name: "deno serve --parallel: a logout in one worker is refused by all within the cache lifetime",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using database = await createVtigerDatabase("7.1.0");
    await setAdminPassword(database);
    const port = freePort();
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "serve",
        "--allow-net",
        "--allow-env",
        "--allow-read",
        "--unstable-no-legacy-abort",
        "--parallel",
        "serve.ts",
      ],
      cwd: new URL("../../", import.meta.url),
      env: {
        LISTEN_HOST: "127.0.0.1",
        PORT: String(port),
        NO_COLOR: "1",
        DENO_JOBS: "2",
        VTIGER_DB_URL: database.url,
        AUTH_CACHE_SECONDS: "1",
        PASSWORD_WORKERS: "1",
        MAX_REQUESTS_PER_USER: String(PROBES),
        LOG_LEVEL: "warn",
      },
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    const base = `http://127.0.0.1:${port}`;
    /** One call on a connection of its own (so that any worker may take it). */
    const status = async (path: string, method = "GET"): Promise<number> => {
      const client = Deno.createHttpClient({ poolMaxIdlePerHost: 0 });
      try {
        const answer = await fetch(`${base}${path}`, { method, client });
        await answer.body?.cancel();
        return answer.status;
      } finally {
        client.close();
      }
    };
    const accepted = async (token: string): Promise<number> => {
      const statuses = await Promise.all(
        Array.from({ length: PROBES }, () => status(`/modules/RestfulApi/Accounts/${token}`)),
      );
      assert.ok(statuses.every((code) => code === 200 || code === 401), String(statuses));
      return statuses.filter((code) => code === 200).length;
    };
    try {
      let ready = 0;
      for (let attempt = 0; attempt < 300 && ready !== 200; attempt++) {
        ready = await status("/readyz").catch(() => 0);
        if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(ready, 200, "the workers did not get ready");
      const login = await fetch(`${base}/modules/RestfulApi/auth/admin/admin`);
      const token = (await login.json()).result as string;
      assert.equal(await accepted(token), PROBES, "every worker accepts the token");
      assert.equal(await status(`/modules/RestfulApi/auth/${token}`, "DELETE"), 200);
      const right = await accepted(token);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const after = await accepted(token);
      console.log(
        `after the logout: ${right} of ${PROBES} calls accepted at once, ${after} after 1 s`,
      );
      assert.equal(after, 0, "every worker refuses it once AUTH_CACHE_SECONDS is over");
    } finally {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const { code } = await child.status;
      clearTimeout(killer);
      assert.equal(code, 0, "SIGTERM ends deno serve once the workers have drained");
    }
  },
});

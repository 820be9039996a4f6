/**
 * A start that cannot succeed stops with exit code 1 and exactly one line on
 * standard error naming the cause, never a stack trace and never the
 * database password: the real entry point, started as `deno task start`
 * starts it, in a child process with bad settings.
 */

import assert from "node:assert/strict";
import { freePort, runUntilExit, startService } from "./_service_process.ts";
import { MYSQL_TEST_URL, mysqlTestsEnabled } from "../mysql/vtiger_test_database.ts";

const SECRET = "Pa55-w0rd-Secret";

/** Runs a start that must fail, and returns its one line. */
async function oneLine(settings: Record<string, string>, args?: string[]): Promise<string> {
  const { code, stdout, stderr } = await runUntilExit(settings, args);
  assert.equal(code, 1, `exit code; stderr: ${stderr}`);
  assert.equal(stdout, "", "nothing on standard output");
  const lines = stderr.split("\n").filter((line) => line !== "");
  assert.equal(lines.length, 1, `one line on standard error, not: ${stderr}`);
  assert.ok(!stderr.includes(SECRET), "the password never appears");
  assert.ok(!/\bat .*:\d+:\d+/.test(stderr), "no stack trace");
  return lines[0];
}

Deno.test("a start that cannot succeed says why in one line", async (t) => {
  await t.step("a bad setting names the variable", async () => {
    assert.equal(
      await oneLine({ PORT: "80a" }),
      "vtrest: PORT '80a' is invalid: must be a whole number",
    );
    assert.match(await oneLine({ LOG_FORMAT: "xml" }), /^vtrest: LOG_FORMAT 'xml' is invalid/);
  });

  await t.step("a port already in use", async () => {
    const listener = Deno.listen({ hostname: "0.0.0.0", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    try {
      assert.equal(
        await oneLine({ PORT: String(port) }),
        `vtrest: cannot listen on 0.0.0.0:${port}: the address is already in use`,
      );
    } finally {
      listener.close();
    }
  });

  await t.step("a LISTEN_HOST that does not resolve", async () => {
    const port = freePort();
    assert.match(
      await oneLine({ LISTEN_HOST: "no-such-host.invalid", PORT: String(port) }),
      new RegExp(`^vtrest: cannot listen on no-such-host\\.invalid:${port}: .+`),
    );
  });

  await t.step("a VTIGER_ROOT that does not exist, before any connection", async () => {
    assert.equal(
      await oneLine({
        VTIGER_DB_URL: `mysql://vt:${SECRET}@127.0.0.1:1/vtiger`,
        VTIGER_ROOT: "/nonexistent/vtiger",
      }),
      "vtrest: start-up failed: The Vtiger folder '/nonexistent/vtiger' does not exist",
    );
  });

  await t.step("a database that refuses connections", async () => {
    const port = freePort();
    assert.equal(
      await oneLine({ VTIGER_DB_URL: `mysql://vt:${SECRET}@127.0.0.1:${port}/vtiger` }),
      `vtrest: cannot open the Vtiger database 'vtiger' at 127.0.0.1:${port}: ` +
        `connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  await t.step("a database that never answers: timeout", async () => {
    const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (silent.addr as Deno.NetAddr).port;
    const held: Deno.Conn[] = [];
    const accepting = (async () => {
      for await (const connection of silent) held.push(connection);
    })();
    try {
      assert.match(
        await oneLine({
          VTIGER_DB_URL: `mysql://vt:${SECRET}@127.0.0.1:${port}/vtiger`,
          DB_CONNECT_TIMEOUT_SECONDS: "1",
        }),
        new RegExp(
          `^vtrest: cannot open the Vtiger database 'vtiger' at 127\\.0\\.0\\.1:${port}: .*timeout`,
          "i",
        ),
      );
    } finally {
      silent.close();
      held.forEach((connection) => connection.close());
      await accepting.catch(() => {});
    }
  });

  await t.step("deno run main.ts without permissions says how to start", async () => {
    assert.match(
      await oneLine({}, ["run", "--no-prompt", "main.ts"]),
      /^vtrest: start vtrest with `deno task start` \(or deno run --allow-net .* main\.ts\)$/,
    );
  });
});

Deno.test({
  name: "a database that refuses the login or lacks the database says so in the driver's words",
  ignore: !mysqlTestsEnabled,
  fn: async (t) => {
    const server = new URL(MYSQL_TEST_URL!);
    const at = `${server.hostname}:${server.port || "3306"}`;
    await t.step("access denied", async () => {
      assert.match(
        await oneLine({ VTIGER_DB_URL: `mysql://ops_nobody:${SECRET}@${at}/vtiger` }),
        /^vtrest: cannot open the Vtiger database 'vtiger' at .*: Access denied for user 'ops_nobody'@'[^']+'/,
      );
    });
    await t.step("unknown database", async () => {
      const url = new URL(MYSQL_TEST_URL!);
      url.pathname = "/ops_no_such_database";
      assert.match(
        await oneLine({ VTIGER_DB_URL: url.href }),
        /^vtrest: cannot open the Vtiger database 'ops_no_such_database' at .*: Unknown database 'ops_no_such_database'$/,
      );
    });
  },
});

Deno.test("HOSTNAME set to a container id never moves the service off PORT", async () => {
  const port = freePort();
  const service = await startService({ HOSTNAME: "3f1c2b9a7d8e", PORT: String(port) });
  try {
    const start = JSON.parse(service.lines.find((line) => line.includes('"event":"start"'))!);
    assert.equal(start.url, `http://0.0.0.0:${port}/modules/RestfulApi`);
    const response = await fetch(`${service.base}/auth/admin/admin`);
    assert.equal(response.status, 200);
    await response.body?.cancel();
  } finally {
    service.kill("SIGTERM");
    assert.equal((await service.ended()).code, 0);
  }
});

Deno.test("LISTEN_HOST may be a host name: localhost is resolved", async () => {
  const port = freePort();
  const service = await startService({ LISTEN_HOST: "localhost", PORT: String(port) });
  try {
    const start = JSON.parse(service.lines.find((line) => line.includes('"event":"start"'))!);
    assert.match(start.url, new RegExp(`^http://(127\\.0\\.0\\.1|\\[::1\\]):${port}/`));
    const response = await fetch(`http://localhost:${port}/healthz`);
    assert.equal(response.status, 200);
    await response.body?.cancel();
  } finally {
    service.kill("SIGTERM");
    assert.equal((await service.ended()).code, 0);
  }
});

/** /healthz (liveness), /readyz (readiness), /metrics (Prometheus, only when enabled), compression. */

import assert from "node:assert/strict";
import { createApp } from "../../adapters/http/app.ts";
import { ServiceMetrics } from "../../adapters/http/metrics.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";
import { BASE, expectFailure, expectSuccess } from "./helpers.ts";

// A fixed clock: answers carry api_date_now, which must not change between two calls.
const useCases = () =>
  createUseCases(createDemoPorts({ clock: new FixedClock("2026-01-01T00:00:00Z") }));

Deno.test("readiness: 200 when ready, 503 saying why when not; liveness stays 200", async () => {
  let reason: string | undefined = "the Vtiger database cannot be reached";
  const app = createApp(useCases(), { readiness: () => Promise.resolve(reason) });
  const message = await expectFailure(await app.request("/readyz"), 503, "SERVICE_UNAVAILABLE");
  assert.equal(message, "Not ready: the Vtiger database cannot be reached");
  assert.deepEqual(await expectSuccess(await app.request("/healthz")), { status: "ok" });
  reason = undefined;
  assert.deepEqual(await expectSuccess(await app.request("/readyz")), { status: "ready" });
  assert.deepEqual(await expectSuccess(await createApp(useCases()).request("/readyz")), {
    status: "ready",
  });
});

Deno.test("readiness facts: the read replica's state in /readyz's body, ready either way", async () => {
  let replica = "down";
  const app = createApp(useCases(), {
    readiness: () => Promise.resolve(undefined),
    readinessFacts: () => Promise.resolve({ replica }),
  });
  assert.deepEqual(await expectSuccess(await app.request("/readyz")), {
    status: "ready",
    replica: "down",
  });
  replica = "up";
  assert.deepEqual(await expectSuccess(await app.request("/readyz")), {
    status: "ready",
    replica: "up",
  });
});

Deno.test("metrics: only when enabled, counting requests by route and status", async () => {
  await expectFailure(await createApp(useCases()).request("/metrics"), 404, "NOT_FOUND");

  const metrics = new ServiceMetrics();
  metrics.addPool(() => ({ inUse: 3, waiting: 1 }));
  const lookup = metrics.cacheLookups();
  lookup("modules", "hit");
  lookup("modules", "hit");
  lookup("privileges", "miss");
  const app = createApp(useCases(), { metrics });
  await app.request(`${BASE}/auth/admin/admin`);
  await app.request(`${BASE}/auth/admin/wrong`);
  await app.request("/nowhere");
  const response = await app.request("/metrics");
  assert.equal(response.status, 200);
  assert.match(response.headers.get("Content-Type") ?? "", /^text\/plain/);
  const text = await response.text();
  for (
    const line of [
      'vtrest_http_requests_total{method="GET",route="loginWithPassword",status="200"} 1',
      'vtrest_http_requests_total{method="GET",route="loginWithPassword",status="401"} 1',
      'vtrest_http_requests_total{method="GET",route="*",status="404"} 1',
      'vtrest_http_request_duration_seconds_count{method="GET",route="loginWithPassword",status="200"} 1',
      "vtrest_db_pool_connections_in_use 3",
      "vtrest_db_pool_requests_waiting 1",
      'vtrest_cache_lookups_total{cache="modules",outcome="hit"} 2',
      'vtrest_cache_lookups_total{cache="privileges",outcome="miss"} 1',
    ]
  ) {
    assert.ok(text.includes(line), `missing: ${line}`);
  }
  assert.ok(!text.includes("admin"), "no login names in labels");
});

Deno.test("metrics and request lines name no method a client made up (bounded labels)", async () => {
  const metrics = new ServiceMetrics();
  const logger = new MemoryLogger();
  const app = createApp(useCases(), { metrics, logger });
  for (let index = 0; index < 50; index++) {
    await app.request(`${BASE}/Accounts`, { method: `MADEUP${index}` });
  }
  const text = await (await app.request("/metrics")).text();
  assert.ok(!text.includes("MADEUP"), "made-up methods are no labels");
  const other = text.split("\n").filter((line) =>
    line.startsWith("vtrest_http_requests_total") && line.includes('method="other"')
  );
  assert.deepEqual(other, [
    'vtrest_http_requests_total{method="other",route="/modules/RestfulApi/*",status="405"} 50',
  ]);
  const methods = new Set(logger.entries.map((entry) => entry.fields.method));
  assert.deepEqual([...methods], ["other", "GET"]);
});

Deno.test("answers are compressed when the client accepts it", async (t) => {
  const app = createApp(useCases());
  const token = await expectSuccess(await app.request(`${BASE}/auth/admin/admin`)) as string;
  const plain = await (await app.request(`${BASE}/Accounts/${token}`)).text();
  assert.ok(plain.length > 1024, "a list larger than the threshold");

  for (
    const [accepted, encoding] of [
      ["br", "br"],
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["gzip;q=1, br;q=0.5", "gzip"],
      ["deflate", "deflate"],
      ["identity", null],
      ["", null],
    ] as const
  ) {
    await t.step(`Accept-Encoding: ${accepted || "(none)"}`, async () => {
      const response = await app.request(`${BASE}/Accounts/${token}`, {
        headers: { "Accept-Encoding": accepted },
      });
      assert.equal(response.headers.get("Content-Encoding"), encoding);
      const body = encoding === null ? response.body! : response.body!.pipeThrough(
        new DecompressionStream((encoding === "br" ? "brotli" : encoding) as CompressionFormat),
      );
      assert.equal(await new Response(body).text(), plain);
      if (encoding !== null) assert.match(response.headers.get("Vary") ?? "", /Accept-Encoding/);
    });
  }
});

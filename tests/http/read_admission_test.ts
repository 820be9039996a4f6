/**
 * The bound on reads worked on at once: reads beyond it wait their turn in
 * arrival order, writes pass, a read whose request was answered or abandoned
 * before its turn never runs, through the app a waiting read is answered by
 * its deadline, and a read waiting for its user's share or a password check
 * holds no place meanwhile.
 */

import assert from "node:assert/strict";
import { createApp } from "../../adapters/http/app.ts";
import { ServiceMetrics } from "../../adapters/http/metrics.ts";
import { ReadAdmission, yieldingPlace } from "../../adapters/http/read_admission.ts";
import { limitUserWork, UserWorkLimit } from "../../adapters/http/user_work_limit.ts";
import { RequestScope } from "../../adapters/http/request_scope.ts";
import { wrapping } from "../../adapters/http/port_wrapping.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import type { RecordRepository } from "../../domain/ports.ts";
import { rejectsDomainError } from "../domain/_assert_error.ts";
import { BASE, expectFailure, expectSuccess } from "./helpers.ts";

const scope = (method: string, signal = new AbortController().signal) =>
  new RequestScope(method, signal);

/** Work that runs until `finish()`, noting when it starts. */
function held(log: string[], name: string) {
  const done = Promise.withResolvers<string>();
  return {
    work: () => {
      log.push(name);
      return done.promise;
    },
    finish: () => done.resolve(name),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Waits until `condition` holds, failing after a second. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    assert.ok(waited < 1_000, `never came: ${what}`);
    await settle();
  }
}

/** Demo use cases whose lists wait for `open()`; `lists()` counts the lists started. */
function heldLists() {
  const demo = createDemoPorts();
  const opened = Promise.withResolvers<void>();
  let lists = 0;
  const list: RecordRepository["list"] = async (module, query) => {
    lists++;
    await opened.promise;
    return await demo.records.list(module, query);
  };
  return {
    useCases: createUseCases({ ...demo, records: wrapping(demo.records, "list", list) }),
    open: () => opened.resolve(),
    lists: () => lists,
  };
}

Deno.test("reads beyond the bound wait their turn in arrival order; writes pass", async () => {
  const admission = new ReadAdmission(2);
  const log: string[] = [];
  const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => held(log, name));
  const reads = [a, b, c].map((read) => admission.run(scope("GET"), read.work));
  const write = admission.run(scope("POST"), d.work);
  await settle();
  assert.deepEqual(log.toSorted(), ["a", "b", "d"], "the write does not wait for a place");
  assert.equal(admission.running, 2);
  assert.equal(admission.waiting, 1);
  b.finish();
  await settle();
  assert.equal(log.at(-1), "c");
  a.finish();
  c.finish();
  d.finish();
  assert.deepEqual(await Promise.all([...reads, write]), ["a", "b", "c", "d"]);
  assert.equal(admission.running, 0);
  assert.throws(() => new ReadAdmission(0), /The reads in flight 0 must be a positive/);
});

Deno.test("a read answered or abandoned before its turn does not run", async () => {
  const admission = new ReadAdmission(1);
  const log: string[] = [];
  const first = held(log, "first");
  const running = admission.run(scope("GET"), first.work);
  const answered = scope("GET");
  const leaving = new AbortController();
  const late = [
    admission.run(answered, held(log, "answered").work),
    admission.run(scope("HEAD", leaving.signal), held(log, "abandoned").work),
  ];
  const next = held(log, "next");
  const after = admission.run(scope("GET"), next.work);
  answered.end();
  leaving.abort();
  first.finish();
  for (const dropped of late) {
    await rejectsDomainError(dropped, "SERVICE_UNAVAILABLE", "ended before its turn");
  }
  await settle();
  assert.deepEqual(log, ["first", "next"]);
  next.finish();
  assert.equal(await running, "first");
  assert.equal(await after, "next");
  assert.equal(admission.running, 0);
  assert.equal(admission.waiting, 0);
});

Deno.test("through the app, a read waiting past its deadline is answered and never runs", async () => {
  const { useCases, open, lists } = heldLists();
  const app = createApp(useCases, { maxReadsInFlight: 1, requestTimeoutSeconds: 0.3 });
  const token = await expectSuccess(await app.request(`${BASE}/auth/admin/admin`)) as string;
  const holding = app.request(`${BASE}/Accounts/${token}`);
  await until(() => lists() === 1, "the first list");
  const waiting = await app.request(`${BASE}/Accounts/${token}`);
  await expectFailure(waiting, 503, "SERVICE_UNAVAILABLE");
  await expectFailure(await holding, 503, "SERVICE_UNAVAILABLE");
  open();
  await settle();
  assert.equal(lists(), 1, "the read answered by its deadline while it waited never ran");
  // A write is not held behind reads, and once the place is free reads run again.
  const created = await app.request(`${BASE}/Accounts/${token}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "accountname=Admitted",
  });
  await expectSuccess(created, 201);
  await expectSuccess(await app.request(`${BASE}/Accounts/${token}`));
  assert.equal(lists(), 2);
});

Deno.test("one user's burst, waiting for its own share, does not hold back another's read", async () => {
  const demo = createDemoPorts();
  const first = Promise.withResolvers<void>();
  let lists = 0;
  const list: RecordRepository["list"] = async (module, query) => {
    // The burst's first list holds its user's only share; any later list runs through.
    if (lists++ === 0) await first.promise;
    return await demo.records.list(module, query);
  };
  const limit = new UserWorkLimit(1, { maxWaiting: 4, maxWaitMs: 10_000 });
  const ports = limitUserWork({ ...demo, records: wrapping(demo.records, "list", list) }, limit);
  const app = createApp(createUseCases(ports), { maxReadsInFlight: 2, requestTimeoutSeconds: 2 });
  const login = async (user: string) =>
    await expectSuccess(await app.request(`${BASE}/auth/${user}/${user}`)) as string;
  const [admin, sales] = [await login("admin"), await login("sales")];
  const burst = Array.from({ length: 6 }, () => app.request(`${BASE}/Accounts/${admin}`));
  try {
    await until(() => limit.waiting(1) === 4, "four of the burst waiting for their user's share");
    const started = performance.now();
    await expectSuccess(await app.request(`${BASE}/Accounts/${sales}`));
    assert.ok(performance.now() - started < 1_000, "the other user's read waited on the burst");
  } finally {
    first.resolve();
  }
  const statuses = await Promise.all(burst.map(async (answer) => {
    const response = await answer;
    await response.body?.cancel();
    return response.status;
  }));
  assert.deepEqual(statuses.toSorted(), [200, 200, 200, 200, 200, 429]);
});

Deno.test("a login gives its read place back while its password is checked", async () => {
  const demo = createDemoPorts();
  const checked = Promise.withResolvers<void>();
  let checks = 0;
  const passwords = yieldingPlace({
    async verify(password, stored) {
      checks++;
      await checked.promise;
      return await demo.passwords.verify(password, stored);
    },
  });
  const app = createApp(createUseCases({ ...demo, passwords }), {
    maxReadsInFlight: 1,
    requestTimeoutSeconds: 2,
  });
  const token = await app.request(`${BASE}/auth/DemoAccessKey016`);
  const key = await expectSuccess(token) as string;
  const login = app.request(`${BASE}/auth/admin/admin`);
  try {
    await until(() => checks === 1, "the password check");
    const started = performance.now();
    await expectSuccess(await app.request(`${BASE}/Accounts/${key}`));
    assert.ok(performance.now() - started < 1_000, "the read waited on the password check");
  } finally {
    checked.resolve();
  }
  await expectSuccess(await login);
});

Deno.test("the metrics count the reads in flight and waiting, and answer while reads wait", async () => {
  const { useCases, open, lists } = heldLists();
  const metrics = new ServiceMetrics();
  const app = createApp(useCases, { maxReadsInFlight: 1, metrics });
  const token = await expectSuccess(await app.request(`${BASE}/auth/admin/admin`)) as string;
  const gauges = async () =>
    (await (await app.request("/metrics")).text()).split("\n").filter((line) =>
      line.startsWith("vtrest_http_reads_")
    );
  const reads = [
    app.request(`${BASE}/Accounts/${token}`),
    app.request(`${BASE}/Accounts/${token}`),
  ];
  try {
    await until(() => lists() === 1, "the first list");
    assert.deepEqual(await gauges(), [
      "vtrest_http_reads_in_flight 1",
      "vtrest_http_reads_waiting 1",
    ]);
  } finally {
    open();
  }
  for (const read of reads) await expectSuccess(await read);
  assert.deepEqual(await gauges(), [
    "vtrest_http_reads_in_flight 0",
    "vtrest_http_reads_waiting 0",
  ]);
});

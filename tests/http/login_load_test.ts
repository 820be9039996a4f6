/**
 * Logins with the longest passwords allowed, many at once, on the app the
 * service composes (password checks in workers): reads keep answering while
 * they run, and logins beyond the queue are turned away at once with 503 and
 * Retry-After instead of piling up.
 */

import assert from "node:assert/strict";
import { createApp } from "../../adapters/http/app.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { WorkerPasswordVerifier } from "../../adapters/system/worker_password_verifier.ts";
import { createUseCases } from "../../application/use_cases.ts";
import { MAX_PASSWORD_LENGTH } from "../../domain/credentials.ts";
import { adminToken, BASE, expectFailure } from "./helpers.ts";

function appWith(passwords: WorkerPasswordVerifier) {
  return createApp(createUseCases({ ...createDemoPorts(), passwords }));
}

const LONG = "p".repeat(MAX_PASSWORD_LENGTH);

Deno.test("reads answer while long-password logins are checked", async () => {
  await using passwords = new WorkerPasswordVerifier({ workers: 1, maxQueue: 64 });
  const app = appWith(passwords);
  const token = await adminToken(app);
  let loginsDone = 0;
  const logins = Array.from({ length: 30 }, async () => {
    const response = await app.request(`${BASE}/auth/admin/${LONG}`);
    await expectFailure(response, 401, "AUTH_FAILED");
    loginsDone++;
  });
  const readsBeforeLoginsDone: number[] = [];
  for (let read = 0; read < 5; read++) {
    const response = await app.request(`${BASE}/Accounts/3/${token}`);
    assert.equal(response.status, 200);
    await response.body?.cancel();
    readsBeforeLoginsDone.push(loginsDone);
  }
  await Promise.all(logins);
  // Thirty checks of a 1024-character MD5-crypt password take a second or so in
  // one worker; every read was answered long before the last of them.
  assert.ok(
    readsBeforeLoginsDone.every((done) => done < 30),
    `logins done when each read answered: ${readsBeforeLoginsDone.join(", ")}`,
  );
});

Deno.test("logins beyond the queue: 503 with Retry-After, at once", async () => {
  await using passwords = new WorkerPasswordVerifier({ workers: 1, maxQueue: 4 });
  const app = appWith(passwords);
  const responses = await Promise.all(
    Array.from({ length: 12 }, () => app.request(`${BASE}/auth/admin/${LONG}`)),
  );
  const statuses = responses.map((response) => response.status);
  assert.equal(statuses.filter((status) => status === 401).length, 5, statuses.join(" "));
  const refused = responses.filter((response) => response.status === 503);
  assert.equal(refused.length, 7);
  for (const response of refused) {
    assert.equal(response.headers.get("Retry-After"), "1");
    await expectFailure(response, 503, "SERVICE_UNAVAILABLE");
  }
  for (const response of responses.filter((response) => response.status === 401)) {
    await response.body?.cancel();
  }
});

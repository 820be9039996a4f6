/** Draining: requests in flight finish, new ones are refused with 503 and Connection: close. */

import assert from "node:assert/strict";
import { RequestDrain } from "../../adapters/http/request_drain.ts";

Deno.test("a drain waits for the requests in flight and refuses new ones", async () => {
  const drain = new RequestDrain();
  const release = Promise.withResolvers<void>();
  const handler = drain.wrap(async () => {
    await release.promise;
    return new Response("done");
  });
  const inFlight = handler(new Request("http://x/slow"));
  assert.equal(drain.inFlight, 1);

  let drained = false;
  const draining = drain.drain().then(() => (drained = true));
  const refused = await handler(new Request("http://x/new"));
  assert.equal(refused.status, 503);
  assert.equal(refused.headers.get("Connection"), "close");
  // Like every answer of the app, though it is answered before the app.
  assert.equal(refused.headers.get("Cache-Control"), "no-store");
  assert.equal(refused.headers.get("X-Content-Type-Options"), "nosniff");
  assert.equal((await refused.json()).error.code, "SERVICE_UNAVAILABLE");
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(drained, false, "still waiting for the request in flight");

  release.resolve();
  assert.equal(await (await inFlight).text(), "done");
  await draining;
  assert.equal(drained, true);
  assert.equal(drain.inFlight, 0);
});

Deno.test("a drain with nothing in flight resolves at once", async () => {
  const drain = new RequestDrain();
  await drain.drain();
  assert.equal(drain.draining, true);
});

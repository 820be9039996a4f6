/**
 * The client's address reaches the login throttle through the entry point's
 * own composition: `buildService` behind `RequestDrain.wrap`, as `main.ts`
 * serves it. The drain used to call the service with the request alone,
 * dropping `Deno.serve`'s connection info, so that without `TRUST_PROXY`
 * no login had an address: an attacker's five wrong passwords slowed the
 * owner's next login, which the known-client rule exists to prevent.
 */

import assert from "node:assert/strict";
import { readConfig } from "../../adapters/env/config.ts";
import { RequestDrain } from "../../adapters/http/request_drain.ts";
import { buildService } from "../../main.ts";
import { MemoryLogger } from "../_fixtures/memory_logger.ts";

const BASE = "http://vtrest.test/modules/RestfulApi";

function from(hostname: string): Deno.ServeHandlerInfo<Deno.NetAddr> {
  return {
    remoteAddr: { transport: "tcp", hostname, port: 40_000 },
    completed: Promise.resolve(),
  };
}

Deno.test("the entry point counts logins by the client's address (the owner's stays known)", async () => {
  const service = await buildService(readConfig({}), new MemoryLogger());
  try {
    const fetch = new RequestDrain().wrap(service.fetch);
    const login = async (password: string, client: string) =>
      (await fetch(new Request(`${BASE}/auth/admin/${password}`), from(client))).status;
    const owner = "198.51.100.7";
    const attacker = "203.0.113.66";
    assert.equal(await login("admin", owner), 200);
    for (let attempt = 0; attempt < 5; attempt++) {
      assert.equal(await login(`guess${attempt}`, attacker), 401);
    }
    assert.equal(await login("guess", attacker), 429, "the attacker's client waits");
    assert.equal(await login("admin", owner), 200, "the owner's known client does not");
  } finally {
    await service.close();
  }
});

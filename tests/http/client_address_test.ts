import assert from "node:assert/strict";
import { Hono } from "hono";
import { clientAddress } from "../../adapters/http/client_address.ts";

function appReading(trustProxy: boolean): Hono {
  const app = new Hono();
  app.get("/", (c) => c.text(clientAddress(c, trustProxy) ?? "unknown"));
  return app;
}

const socket = { remoteAddr: { transport: "tcp", hostname: "10.0.0.5", port: 4000 } };

Deno.test("client address for login throttling", async (t) => {
  await t.step("is the socket's address by default, whatever the headers claim", async () => {
    const response = await appReading(false).request(
      "/",
      { headers: { "X-Forwarded-For": "203.0.113.9" } },
      socket,
    );
    assert.equal(await response.text(), "10.0.0.5");
  });

  await t.step("behind a trusted proxy, is the address that proxy appended", async () => {
    const response = await appReading(true).request(
      "/",
      { headers: { "X-Forwarded-For": "198.51.100.1, 203.0.113.9" } },
      socket,
    );
    assert.equal(await response.text(), "203.0.113.9");
  });

  await t.step("is unknown without a socket", async () => {
    assert.equal(await (await appReading(false).request("/")).text(), "unknown");
  });
});

/**
 * The connection guard closes clients that hold a connection without sending
 * a request (silent, or a head a byte at a time, also on a kept-alive
 * connection) and connections left idle, never a request in progress; the
 * handler sees the client's own address. `Deno.serve` alone kept all of
 * these connections open for the 150 s they were watched.
 */

import assert from "node:assert/strict";
import { serveClients, serveGuarded } from "../../adapters/http/connection_guard.ts";

const encoder = new TextEncoder();
const HEAD = "GET /x HTTP/1.1\r\nHost: vtrest.test\r\n\r\n";

/** Resolves with the seconds until the server closed `conn`, reading (and dropping) what it sends. */
async function closedAfter(conn: Deno.Conn): Promise<number> {
  const started = performance.now();
  const buffer = new Uint8Array(4096);
  for (;;) {
    const read = await conn.read(buffer).catch(() => null);
    if (read === null) return (performance.now() - started) / 1000;
  }
}

/** Reads from `conn` until it holds one whole answer, returning its text. */
async function answer(conn: Deno.Conn): Promise<string> {
  const buffer = new Uint8Array(4096);
  let text = "";
  while (!text.endsWith("done")) {
    const read = await conn.read(buffer);
    if (read === null) break;
    text += new TextDecoder().decode(buffer.subarray(0, read));
  }
  return text;
}

function guarded(handlerSeconds = 0, idleTimeoutSeconds = 1, maxConnections?: number) {
  const seen: Deno.NetAddr[] = [];
  const server = serveGuarded({
    hostname: "127.0.0.1",
    port: 0,
    headerTimeoutSeconds: 0.5,
    idleTimeoutSeconds,
    ...(maxConnections === undefined ? {} : { maxConnections }),
  }, async (_request, info) => {
    seen.push(info.remoteAddr);
    await new Promise((resolve) => setTimeout(resolve, handlerSeconds * 1000));
    return new Response("done");
  });
  const connect = () => Deno.connect({ hostname: "127.0.0.1", port: server.addr.port });
  return { server, seen, connect };
}

Deno.test("a connection that sends no whole head is closed after the header timeout", async () => {
  const { server, connect } = guarded();
  const silent = await connect();
  const partial = await connect();
  const drip = await connect();
  await partial.write(encoder.encode("GET /x HTTP/1.1\r\n"));
  let dripping = true;
  const dripper = (async () => {
    await drip.write(encoder.encode("GET /x HTTP/1.1\r\n"));
    for (let index = 0; dripping; index++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await drip.write(encoder.encode(`X-${index}: 1\r\n`)).catch(() => (dripping = false));
    }
  })();
  const times = await Promise.all([silent, partial, drip].map(closedAfter));
  dripping = false;
  await dripper;
  for (const seconds of times) assert.ok(seconds < 3, `closed after ${seconds} s`);
  for (const conn of [silent, partial, drip]) conn.close();
  await server.shutdown();
});

Deno.test("requests are answered, with the client's own address; idle connections are closed", async () => {
  const { server, seen, connect } = guarded();
  const conn = await connect();
  await conn.write(encoder.encode(HEAD));
  assert.match(await answer(conn), /^HTTP\/1\.1 200 [\s\S]*done$/);
  assert.equal(seen.length, 1);
  assert.equal(seen[0].hostname, "127.0.0.1");
  assert.equal(seen[0].port, conn.localAddr.port, "the client's port, not the relay's");
  // Kept alive, then a second head sent a byte at a time: closed like the first would be.
  await conn.write(encoder.encode("GET /x HTTP/1.1\r\n"));
  const dripped = await closedAfter(conn);
  assert.ok(dripped < 3, `closed after ${dripped} s`);
  conn.close();

  const idle = await connect();
  await idle.write(encoder.encode(HEAD));
  await answer(idle);
  const idleFor = await closedAfter(idle);
  assert.ok(idleFor >= 0.9 && idleFor < 4, `idle closed after ${idleFor} s`);
  idle.close();
  await server.shutdown();
});

Deno.test("a client that goes away leaves no relay behind, idle timeout or not", async () => {
  const { server, connect } = guarded(0, 30);
  for (let index = 0; index < 20; index++) {
    const conn = await connect();
    await conn.write(encoder.encode(HEAD));
    await answer(conn);
    conn.close();
  }
  const silent = await connect();
  silent.close();
  for (let wait = 0; wait < 50 && server.connections > 0; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // After a wrk run of 1000 connections, 480 relays whose client had gone stayed in CLOSE-WAIT
  // until the idle timeout; a relay now ends as soon as its client does, with nothing pending.
  assert.equal(server.connections, 0);
  await server.shutdown();
});

Deno.test("a request in progress is never cut by the guard's timeouts", async () => {
  const { server, connect } = guarded(2);
  const conn = await connect();
  await conn.write(encoder.encode(HEAD));
  assert.match(await answer(conn), /^HTTP\/1\.1 200 [\s\S]*done$/);
  conn.close();
  await server.shutdown();
});

Deno.test("beyond maxConnections, a new client takes the place of the longest-waiting one", async () => {
  const { server, connect } = guarded(0.3, 5, 2);
  const waiting = await connect();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const busy = await connect();
  await busy.write(encoder.encode(HEAD));
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const fresh = await connect();
  await fresh.write(encoder.encode(HEAD));
  assert.ok(await closedAfter(waiting) < 0.4, "the silent one made room");
  assert.match(await answer(busy), /done$/, "a request in progress is never the one closed");
  assert.match(await answer(fresh), /done$/);
  // Both now wait between requests: once a second has passed, the one that has waited longer
  // makes room for the next.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const third = await connect();
  await third.write(encoder.encode(HEAD));
  assert.match(await answer(third), /done$/);
  assert.equal(server.connections, 2);
  for (const conn of [busy, fresh, third]) conn.close();
  await server.shutdown();
});

Deno.test("clients that have just been answered are not cut to make room for another", async () => {
  const { server, connect } = guarded(0, 5, 2);
  const first = await connect();
  const second = await connect();
  for (const conn of [first, second]) {
    await conn.write(encoder.encode(HEAD));
    assert.match(await answer(conn), /done$/);
  }
  const third = await connect();
  assert.ok(await closedAfter(third) < 0.5, "the newcomer is closed");
  for (const conn of [first, second]) {
    await conn.write(encoder.encode(HEAD));
    assert.match(await answer(conn), /done$/, "the busy clients go on");
  }
  for (const conn of [first, second]) conn.close();
  await server.shutdown();
});

Deno.test("serveClients with no header timeout serves straight from Deno.serve", async () => {
  let port = 0;
  const server = serveClients({
    hostname: "127.0.0.1",
    port: 0,
    headerTimeoutSeconds: 0,
    idleTimeoutSeconds: 1,
    onListen: (address) => (port = address.port),
  }, (_request, info) => new Response(`done ${info.remoteAddr.hostname}`));
  const response = await fetch(`http://127.0.0.1:${port}/x`);
  assert.equal(await response.text(), "done 127.0.0.1");
  await server.shutdown();
});

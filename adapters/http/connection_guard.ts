/**
 * Slow and idle clients, timed at the connection. `Deno.serve` has no header
 * or idle timeout (denoland/deno#3515; node:http's `headersTimeout` and
 * `requestTimeout` are not enforced under Deno 2.9 either: measured), so a
 * client could hold a connection without end by sending nothing, or its
 * headers a byte at a time. The guard listens itself and relays each
 * connection to `Deno.serve` on a loopback port, closing it when:
 * - a request's head is not complete `headerTimeoutSeconds` after its first
 *   byte (or after the connection opened, for the first request): the relay
 *   needs no HTTP parser of its own for that, since `Deno.serve` calls the
 *   handler exactly when it holds a whole head;
 * - no request is in progress and no byte went either way for
 *   `idleTimeoutSeconds`.
 * A request in progress is never cut here: bodies and requests have their
 * own deadlines (`BODY_TIMEOUT_SECONDS`, `REQUEST_TIMEOUT_SECONDS`). The
 * handler sees the client's own address, not the relay's.
 *
 * Each relayed connection holds three descriptors (the client's socket and
 * both ends of the loopback one), so the guard holds at most
 * `maxConnections` ({@linkcode DEFAULT_MAX_CONNECTIONS}): a connection
 * beyond it takes the place of the one that has waited longest with no
 * request in progress: one that has not yet had a request answered (silent
 * or sending its head), or one idle between requests for a second at least;
 * else it is closed, so that clients busy with requests are not cut to make
 * room for more of the same (300 wrk connections under a cap of 256: 480
 * requests/s and 817 read errors when any connection between two requests
 * could be cut). Without this cap, about a third of the descriptor limit in
 * silent connections (340 under systemd's default soft limit of 1024) made
 * `Deno.serve`'s own accept fail with EMFILE, which ended the process.
 *
 * @module
 */

/** The default time a request's head may take, in seconds (nginx's `client_header_timeout` is 60). */
export const DEFAULT_HEADER_TIMEOUT_SECONDS = 10;

/** The default time a connection may stay silent between requests, in seconds. */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

/**
 * The default cap on client connections held at once. Each holds three
 * descriptors (the client's socket and both ends of the loopback one), so 256
 * of them and the service's own (the database pool, files, Deno's, about 40
 * idle) stay under the soft limit of 1024 open files that systemd and most
 * shells give a process. Deno cannot read its limit without `--allow-all`.
 */
export const DEFAULT_MAX_CONNECTIONS = 256;

/** A handler as `Deno.serve` calls it. */
export type ServeHandler = (
  request: Request,
  info: Deno.ServeHandlerInfo<Deno.NetAddr>,
) => Response | Promise<Response>;

/** How the guard listens and times clients. */
export interface GuardOptions {
  /** The address to listen on (an IP address or a host name). */
  readonly hostname: string;
  /** The port to listen on (0: any free one). */
  readonly port: number;
  /** Seconds a request's head may take from its first byte. */
  readonly headerTimeoutSeconds: number;
  /** Seconds a connection may stay silent between requests. */
  readonly idleTimeoutSeconds: number;
  /** The most client connections held at once (default {@linkcode DEFAULT_MAX_CONNECTIONS}). */
  readonly maxConnections?: number;
  /** Called once listening, with the address. */
  readonly onListen?: (address: Deno.NetAddr) => void;
}

/** A guarded server: its address, and how to stop it. */
export interface GuardedServer {
  /** The address the guard listens on. */
  readonly addr: Deno.NetAddr;
  /** How many client connections are relayed now. */
  readonly connections: number;
  /** Stops taking connections (the ones open go on). */
  stopListening(): void;
  /** Shuts the server down: the relayed connections end with it. */
  shutdown(): Promise<void>;
}

/** How often connections are checked against the timeouts, in milliseconds. */
const SWEEP_EVERY_MS = 500;

/** How long the server may take to close its side of a closed relay, in milliseconds. */
const DRAIN_MS = 5000;

/**
 * Relays closed but not yet released by the server that the guard holds on
 * top of `maxConnections` before it refuses newcomers instead of making room.
 */
export const CLOSING_SLACK = 32;

/** How long a connection idle between requests must have waited to make room for another. */
const EVICTABLE_AFTER_MS = 1000;

/** How long the guard waits before accepting again after accept failed, in milliseconds. */
const ACCEPT_RETRY_MS = 50;

/** Bytes relayed per read from the client (request heads and bodies). */
const REQUEST_CHUNK_BYTES = 16 * 1024;

/**
 * Bytes relayed per read from the server. Answers run to hundreds of KiB (a
 * list of 100 Accounts is ~100 KiB), and every read and write is an op through
 * the event loop: with 16 KiB, a 100 KiB answer relayed at 1,860-2,060 req/s
 * for 200-236 µs of CPU each; with 64 KiB, 4,670-6,420 req/s for 144-194 µs
 * (256 KiB gained little more; direct: 53 µs). 64 KiB held per connection is
 * 16 MiB at the cap of 256.
 */
const ANSWER_CHUNK_BYTES = 64 * 1024;

/** Bytes read per read while discarding what the server still sends on a closed relay. */
const DRAIN_CHUNK_BYTES = 16 * 1024;

/** One client connection and its relay to the server. */
class Relay {
  readonly client: Deno.Conn<Deno.NetAddr>;
  readonly upstream: Deno.Conn<Deno.NetAddr>;
  /** Requests whose head the server has, not yet answered. */
  requests = 0;
  /** When the head being awaited began (its first byte, or the opening), if one is awaited. */
  headSince: number | undefined;
  /** Whether bytes of a head arrived that the server has not yet called the handler for. */
  headStarted = false;
  /** Whether the server has called the handler for a request of this connection. */
  served = false;
  /** When a byte last went either way. */
  lastActivity: number;
  /** Settles once the server's side has ended and all it sent reached the client. */
  delivered: Promise<void> = Promise.resolve();
  closed = false;

  constructor(client: Deno.Conn<Deno.NetAddr>, upstream: Deno.Conn<Deno.NetAddr>, now: number) {
    this.client = client;
    this.upstream = upstream;
    this.headSince = now;
    this.lastActivity = now;
  }

  /**
   * Since when the relay has waited for its client with no request in
   * progress, if it may make room for another at `now`: always before its
   * first request, else only once it has waited `evictableAfterMs`.
   */
  waitingSince(now: number, evictableAfterMs: number): number | undefined {
    if (this.requests > 0) return undefined;
    const since = this.headSince ?? this.lastActivity;
    return !this.served || now - since >= evictableAfterMs ? since : undefined;
  }

  /** Whether the relay overran a timeout at `now`. */
  overdue(now: number, headerMs: number, idleMs: number): boolean {
    if (this.requests > 0) return false;
    if (this.headSince !== undefined && now - this.headSince > headerMs) return true;
    return now - this.lastActivity > idleMs;
  }

  /**
   * Closes the client's connection and ends the relay's side towards the
   * server, which then closes its own: the relay ends once it has (see
   * {@linkcode drainUntilClosed}), so that no descriptor of the server
   * outlives the relay's count of it.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.client.close();
    } catch {
      // Already closed by its peer.
    }
    this.upstream.closeWrite().catch(() => {});
  }
}

/**
 * Reads what the server still sends on `upstream` until it closes its side
 * (or `ms` pass), then closes `upstream`. Closing it at once would leave the
 * server's end open until its own loop got round to it: under a storm of
 * reconnections (wrk's 300 connections against a cap of 256, ulimit -n
 * 1024), those ends piled up until Deno.serve's accept failed with EMFILE.
 */
async function drainUntilClosed(upstream: Deno.Conn, ms: number): Promise<void> {
  const buffer = new Uint8Array(DRAIN_CHUNK_BYTES);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    for (;;) {
      const read = await Promise.race([upstream.read(buffer), timeout]);
      if (read === null) break;
    }
  } catch {
    // The server reset it: closed as well.
  } finally {
    clearTimeout(timer);
    try {
      upstream.close();
    } catch {
      // Already closed.
    }
  }
}

/** Copies `from` to `to` until either ends, `chunkBytes` at most per read, calling `onBytes` for each. */
async function pump(
  from: Deno.Conn,
  to: Deno.Conn,
  chunkBytes: number,
  onBytes: () => void,
): Promise<void> {
  const buffer = new Uint8Array(chunkBytes);
  try {
    for (;;) {
      const read = await from.read(buffer);
      if (read === null) break;
      onBytes();
      let written = 0;
      while (written < read) written += await to.write(buffer.subarray(written, read));
    }
    await to.closeWrite();
  } catch {
    // A side went away: the relay closes both.
  }
}

/**
 * Serves `handler` behind the guard. The server proper listens on an
 * ephemeral port of 127.0.0.1; the client's address reaches the handler by
 * the relay's own port on that side.
 */
export function serveGuarded(options: GuardOptions, handler: ServeHandler): GuardedServer {
  const headerMs = options.headerTimeoutSeconds * 1000;
  const idleMs = options.idleTimeoutSeconds * 1000;
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const listener = Deno.listen({ hostname: options.hostname, port: options.port });
  const relays = new Map<number, Relay>();
  /** Client connections accepted and not yet closed, relayed or still connecting upstream. */
  let open = 0;

  /** Closes the relay that has waited longest (and long enough) with nothing in progress. */
  const evictOne = (): boolean => {
    const now = Date.now();
    let oldest: Relay | undefined;
    let since = Infinity;
    for (const relay of relays.values()) {
      const waiting = relay.closed ? undefined : relay.waitingSince(now, EVICTABLE_AFTER_MS);
      if (waiting !== undefined && waiting < since) [oldest, since] = [relay, waiting];
    }
    oldest?.close();
    return oldest !== undefined;
  };

  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request, info) => {
      const relay = relays.get(info.remoteAddr.port);
      if (relay === undefined) return handler(request, info);
      relay.requests++;
      relay.served = true;
      relay.headSince = undefined;
      relay.headStarted = false;
      const done = () => {
        relay.requests--;
        relay.lastActivity = Date.now();
      };
      try {
        const answer = handler(request, { ...info, remoteAddr: relay.client.remoteAddr });
        if (answer instanceof Response) {
          done();
          return answer;
        }
        return answer.finally(done);
      } catch (error) {
        done();
        throw error;
      }
    },
  );
  const serverPort = server.addr.port;

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const relay of relays.values()) {
      if (relay.overdue(now, headerMs, idleMs)) relay.close();
    }
  }, SWEEP_EVERY_MS);
  Deno.unrefTimer(sweep);

  const relay = async (client: Deno.Conn<Deno.NetAddr>) => {
    let upstream: Deno.Conn<Deno.NetAddr>;
    try {
      upstream = await Deno.connect({ hostname: "127.0.0.1", port: serverPort });
    } catch {
      client.close();
      return;
    }

    const relay = new Relay(client, upstream, Date.now());
    const port = upstream.localAddr.port;
    relays.set(port, relay);
    relay.delivered = pump(upstream, client, ANSWER_CHUNK_BYTES, () => {
      relay.lastActivity = Date.now();
    });
    const fromClient = pump(client, upstream, REQUEST_CHUNK_BYTES, () => {
      const now = Date.now();
      relay.lastActivity = now;
      if (relay.requests > 0) return;
      relay.headSince ??= now;
      relay.headStarted = true;
    });
    // A client that ended its side with nothing asked or pending wants nothing more: the
    // server, which keeps a half-closed idle connection, would hold it until the idle timeout.
    await fromClient;
    if (relay.requests === 0 && !relay.headStarted) relay.close();
    await relay.delivered;
    relay.close();
    await drainUntilClosed(upstream, DRAIN_MS);
    relays.delete(port);
  };

  /** Relays closed whose server side has not yet closed. */
  const closing = (): number => {
    let count = 0;
    for (const relay of relays.values()) if (relay.closed) count++;
    return count;
  };

  let listening = true;
  const accepting = (async () => {
    for (;;) {
      let client: Deno.Conn<Deno.NetAddr>;
      try {
        client = await listener.accept() as Deno.Conn<Deno.NetAddr>;
      } catch {
        if (!listening) return; // The listener was closed.
        // Out of descriptors for a moment, or a connection reset before it was taken: try
        // again shortly rather than stop serving for good.
        await new Promise((resolve) => setTimeout(resolve, ACCEPT_RETRY_MS));
        continue;
      }
      if (open >= maxConnections && (closing() >= CLOSING_SLACK || !evictOne())) {
        client.close();
        continue;
      }
      open++;
      relay(client).finally(() => open--);
    }
  })();

  const stopListening = () => {
    if (!listening) return;
    listening = false;
    listener.close();
  };
  const addr = listener.addr as Deno.NetAddr;
  options.onListen?.(addr);
  return {
    addr,
    get connections() {
      return relays.size;
    },
    stopListening,
    async shutdown() {
      stopListening();
      await accepting;
      // The server finishes the answers it is writing and closes its side of each relay;
      // the relays pass the last bytes on before they close.
      await server.shutdown();
      await Promise.all([...relays.values()].map((open) => open.delivered));
      clearInterval(sweep);
      for (const open of relays.values()) open.close();
    },
  };
}

/**
 * Serves `handler` on the address of `options`: behind the guard, or with a
 * `headerTimeoutSeconds` of 0 straight from `Deno.serve` (behind a reverse
 * proxy that times clients out itself, which saves the relay's cost).
 */
export function serveClients(
  options: GuardOptions,
  handler: ServeHandler,
): { shutdown(): Promise<void> } {
  if (options.headerTimeoutSeconds > 0) return serveGuarded(options, handler);
  return Deno.serve({
    hostname: options.hostname,
    port: options.port,
    onListen: (address) => options.onListen?.(address),
  }, handler);
}

/**
 * A TCP relay to a database that a test can stop (connections cut, new ones
 * refused) and start again on the same port: a replica that goes away.
 *
 * @module
 */

/** A relay from a local port to `target`. */
export class TcpRelay {
  readonly #target: Deno.ConnectOptions;
  readonly #connections = new Set<Deno.Conn>();
  #listener: Deno.Listener | undefined;
  #port = 0;

  /** Relays to the target (nothing listens until `start`). */
  constructor(target: Deno.ConnectOptions) {
    this.#target = target;
  }

  /** The local port (once started). */
  get port(): number {
    return this.#port;
  }

  /** Listens (on the same port as before, after a stop). */
  start(): void {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: this.#port });
    this.#port = (listener.addr as Deno.NetAddr).port;
    this.#listener = listener;
    (async () => {
      for await (const client of listener) this.#relay(client);
    })().catch(() => {});
  }

  /** Stops listening and cuts every relayed connection. */
  stop(): void {
    this.#listener?.close();
    this.#listener = undefined;
    for (const connection of this.#connections) {
      try {
        connection.close();
      } catch { /* already closed */ }
    }
    this.#connections.clear();
  }

  async #relay(client: Deno.Conn): Promise<void> {
    this.#connections.add(client);
    let server: Deno.Conn;
    try {
      server = await Deno.connect(this.#target);
    } catch {
      this.#connections.delete(client);
      client.close();
      return;
    }
    this.#connections.add(server);
    const pipe = async (from: Deno.Conn, to: Deno.Conn) => {
      try {
        await from.readable.pipeTo(to.writable);
      } catch { /* cut */ }
    };
    await Promise.all([pipe(client, server), pipe(server, client)]);
    this.#connections.delete(client);
    this.#connections.delete(server);
  }
}

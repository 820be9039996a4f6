/**
 * Graceful shutdown at the request level. Deno's `server.shutdown()` cuts
 * the body of a request still being uploaded, so the service first drains:
 * it stops taking new work (new requests are answered `SERVICE_UNAVAILABLE`
 * with `Connection: close`, so that clients and load balancers go elsewhere),
 * waits for the requests in flight to be answered, and only then shuts the
 * server down.
 *
 * @module
 */

import { JSON_CONTENT_TYPE } from "./envelope.ts";
import { statusOf } from "./error_status.ts";

/** A fetch handler, with the connection's info as `Deno.serve` gives it. */
export type FetchHandler = (
  request: Request,
  info?: Deno.ServeHandlerInfo,
) => Response | Promise<Response>;

/** Counts the requests in flight and refuses new ones once draining. */
export class RequestDrain {
  #inFlight = 0;
  #draining = false;
  #idle: PromiseWithResolvers<void> | undefined;

  /** The handler wrapped: counted while it runs, refused once draining. */
  wrap(handler: FetchHandler): FetchHandler {
    return async (request, info) => {
      if (this.#draining) return shuttingDown();
      this.#inFlight++;
      try {
        // The info carries the client's address, which the login throttle counts by.
        return await handler(request, info);
      } finally {
        this.#inFlight--;
        if (this.#inFlight === 0) this.#idle?.resolve();
      }
    };
  }

  /** How many requests are being answered. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Whether new requests are refused. */
  get draining(): boolean {
    return this.#draining;
  }

  /** Refuses new requests from now on; resolves once none is in flight. */
  drain(): Promise<void> {
    this.#draining = true;
    if (this.#inFlight === 0) return Promise.resolve();
    this.#idle ??= Promise.withResolvers<void>();
    return this.#idle.promise;
  }
}

/** The answer to a request that arrives while the service shuts down. */
function shuttingDown(): Response {
  const body = {
    success: false,
    error: { code: "SERVICE_UNAVAILABLE", message: "The service is shutting down; try again" },
  };
  return new Response(JSON.stringify(body), {
    status: statusOf("SERVICE_UNAVAILABLE"),
    // Answered outside the app, so without its middleware: the headers every answer carries.
    headers: {
      "Content-Type": JSON_CONTENT_TYPE,
      "Connection": "close",
      "Retry-After": "1",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

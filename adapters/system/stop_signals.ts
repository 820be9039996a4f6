/**
 * The signals that stop the service (SIGTERM from `docker stop`, systemd or
 * a process manager; SIGINT from a terminal) and the grace given to the
 * requests in flight: what both entry points (`main.ts`, `serve.ts`) wait on.
 *
 * @module
 */

/** Resolves once SIGTERM or SIGINT arrives, with its name. */
export function nextStopSignal(): Promise<Deno.Signal> {
  return new Promise((resolve) => {
    const signals: Deno.Signal[] = ["SIGTERM", "SIGINT"];
    const handlers = signals.map((signal) => {
      const handler = () => {
        signals.forEach((name, index) => Deno.removeSignalListener(name, handlers[index]));
        resolve(signal);
      };
      Deno.addSignalListener(signal, handler);
      return handler;
    });
  });
}

/** Waits `seconds`, without keeping the process alive once it has nothing else to do. */
export function graceTimeout(seconds: number): Promise<"timeout"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), seconds * 1000);
    Deno.unrefTimer(timer);
  });
}

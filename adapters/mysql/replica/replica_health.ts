/**
 * Whether the read replica is serving. After a failure of its connection
 * (refused, unreachable, timed out, lost: see `isConnectionFailure`), it is
 * down: reads go to the primary and nothing is sent to the replica but a
 * probe (`SELECT 1`) every `REPLICA_RETRY_SECONDS`, in the background, so
 * that no request waits on a replica that is out of reach. The first probe
 * that answers brings it back. One log line when it goes down, one when it
 * comes back.
 *
 * @module
 */

import type { Clock, Logger } from "../../../domain/ports.ts";
import { describeError } from "../../system/error_description.ts";

/** The default of {@linkcode ReplicaHealthOptions.retrySeconds}. */
export const DEFAULT_REPLICA_RETRY_SECONDS = 5;

/** How long a probe may take before it counts as failed, in milliseconds. */
const PROBE_TIMEOUT_MS = 2000;

/** The replica's state, as `/readyz` reports it. */
export type ReplicaState = "up" | "down";

/** What the health of the replica is judged with. */
export interface ReplicaHealthOptions {
  /** Runs `SELECT 1` on the replica; rejects when it cannot. */
  readonly probe: () => Promise<unknown>;
  /** Seconds between probes of a replica that is down (default 5). */
  readonly retrySeconds?: number;
  /** Where going down and coming back are told. */
  readonly logger: Logger;
  /** The time source, for how long the replica was down. */
  readonly clock: Pick<Clock, "now">;
  /** Told whether the replica is up (`true`) at each change, for metrics. */
  readonly onChange?: (up: boolean) => void;
}

/** The read replica's state, and the probes that bring it back. */
export class ReplicaHealth {
  readonly #options: ReplicaHealthOptions;
  #downSince: Date | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  /** Starts up: the replica is assumed to serve until a connection to it fails. */
  constructor(options: ReplicaHealthOptions) {
    this.#options = options;
  }

  /** `up` or `down`. */
  get state(): ReplicaState {
    return this.#downSince === undefined ? "up" : "down";
  }

  /** Marks the replica down after a connection failure (once: later failures change nothing). */
  markDown(error: unknown): void {
    if (this.#downSince !== undefined || this.#closed) return;
    this.#downSince = this.#options.clock.now();
    this.#options.logger.log("warn", "replica_down", {
      detail: "record reads go to the primary until the read replica answers again",
      retry_seconds: this.#retrySeconds(),
      ...describeError(error),
    });
    this.#options.onChange?.(false);
    this.#schedule();
  }

  /**
   * Probes a replica believed up, within `timeoutMs` (readiness does, so a
   * replica that died while idle is found): a failure or no answer in time
   * marks it down. Resolves to the state after.
   */
  async check(timeoutMs: number = PROBE_TIMEOUT_MS): Promise<ReplicaState> {
    if (this.#downSince !== undefined) return "down";
    const failure = await this.#probe(timeoutMs);
    if (failure !== undefined) this.markDown(failure);
    return this.state;
  }

  /** Stops probing (the pool is closing). */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
  }

  #retrySeconds(): number {
    return this.#options.retrySeconds ?? DEFAULT_REPLICA_RETRY_SECONDS;
  }

  /** The next probe, after the interval. */
  #schedule(): void {
    if (this.#closed) return;
    this.#timer = setTimeout(() => this.#retry(), this.#retrySeconds() * 1000);
    Deno.unrefTimer(this.#timer);
  }

  async #retry(): Promise<void> {
    const failure = await this.#probe(PROBE_TIMEOUT_MS);
    if (this.#closed || this.#downSince === undefined) return;
    if (failure !== undefined) return this.#schedule();
    const downMs = this.#options.clock.now().getTime() - this.#downSince.getTime();
    this.#downSince = undefined;
    this.#options.logger.log("info", "replica_up", {
      detail: "record reads go to the read replica again",
      down_ms: downMs,
    });
    this.#options.onChange?.(true);
  }

  /** `undefined` when the replica answered in time, else why not. */
  async #probe(timeoutMs: number): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<Error>((resolve) => {
      timer = setTimeout(
        () => resolve(new Error(`the read replica did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([
        this.#options.probe().then(() => undefined, (e) => e ?? "failed"),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

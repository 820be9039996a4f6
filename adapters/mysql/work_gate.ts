/**
 * A bound on how many costly statements (list pages and their counts) run at
 * once, all users together, so that they can never hold every pooled
 * connection: reads by id, logins and writes always find one free, however
 * many lists are asked for. Lists beyond the bound wait their turn, first
 * come first served, for at most the query timeout.
 *
 * @module
 */

import { DomainError } from "../../domain/errors.ts";

/** Seconds a client turned away is told to wait. */
const RETRY_AFTER_SECONDS = 1;

/** At most `capacity` tasks at once; the others queue, each for at most `maxWaitMs`. */
export class WorkGate {
  readonly #capacity: number;
  readonly #maxWaitMs: number;
  #running = 0;
  readonly #queue: (() => void)[] = [];

  /** A gate letting `capacity` tasks through at once, queueing others up to `maxWaitMs`. */
  constructor(capacity: number, maxWaitMs: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`The gate's capacity ${capacity} must be a positive whole number`);
    }
    this.#capacity = capacity;
    this.#maxWaitMs = maxWaitMs;
  }

  /** Tasks running now. */
  get running(): number {
    return this.#running;
  }

  /** Tasks waiting now. */
  get waiting(): number {
    return this.#queue.length;
  }

  /**
   * Runs the task once a place is free; `SERVICE_UNAVAILABLE` with
   * `Retry-After` when none frees within the wait.
   */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#enter();
    try {
      return await task();
    } finally {
      this.#leave();
    }
  }

  #enter(): Promise<void> {
    if (this.#running < this.#capacity) {
      this.#running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const admit = () => {
        clearTimeout(timer);
        this.#running++;
        resolve();
      };
      const timer = setTimeout(() => {
        this.#queue.splice(this.#queue.indexOf(admit), 1);
        reject(
          new DomainError(
            "SERVICE_UNAVAILABLE",
            "The database is busy with other lists; try again shortly",
            { retryAfterSeconds: RETRY_AFTER_SECONDS },
          ),
        );
      }, this.#maxWaitMs);
      this.#queue.push(admit);
    });
  }

  #leave(): void {
    this.#running--;
    this.#queue.shift()?.();
  }
}

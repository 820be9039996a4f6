/**
 * A bound on how many tasks of one kind run at once; the others wait their
 * turn, first come first served. The MySQL adapter bounds costly statements
 * with it (list pages and their counts may hold at most half of the pool, so
 * reads by id, logins and writes always find a connection), the HTTP adapter
 * the reads worked on at once (read_admission.ts).
 *
 * @module
 */

import { DomainError } from "../../domain/errors.ts";

/** Seconds a client turned away is told to wait. */
const RETRY_AFTER_SECONDS = 1;

/** How long a task may wait for its place. */
export interface WorkGateWait {
  /** The longest wait, in milliseconds; `SERVICE_UNAVAILABLE` after it. */
  readonly maxWaitMs: number;
  /** The error's message, what is busy ("The database is busy with other lists"). */
  readonly busy: string;
}

/**
 * At most `capacity` tasks at once; the others queue, each for at most
 * `wait.maxWaitMs` when a wait is given, else until a place frees (the
 * caller bounds the wait some other way, as a request's deadline does).
 */
export class WorkGate {
  readonly #capacity: number;
  readonly #wait: WorkGateWait | undefined;
  #running = 0;
  readonly #queue: (() => void)[] = [];

  /** A gate letting `capacity` tasks through at once; see {@linkcode WorkGateWait}. */
  constructor(capacity: number, wait?: WorkGateWait) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`The gate's capacity ${capacity} must be a positive whole number`);
    }
    this.#capacity = capacity;
    this.#wait = wait;
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

  /**
   * Takes a place once one is free, without a task: the returned function
   * gives it back, once however often it is called.
   */
  async hold(): Promise<() => void> {
    await this.#enter();
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.#leave();
    };
  }

  #enter(): Promise<void> {
    if (this.#running < this.#capacity) {
      this.#running++;
      return Promise.resolve();
    }
    const wait = this.#wait;
    return new Promise<void>((resolve, reject) => {
      const admit = () => {
        clearTimeout(timer);
        this.#running++;
        resolve();
      };
      const timer = wait === undefined ? undefined : setTimeout(() => {
        this.#queue.splice(this.#queue.indexOf(admit), 1);
        reject(
          new DomainError("SERVICE_UNAVAILABLE", `${wait.busy}; try again shortly`, {
            retryAfterSeconds: RETRY_AFTER_SECONDS,
          }),
        );
      }, wait.maxWaitMs);
      this.#queue.push(admit);
    });
  }

  #leave(): void {
    this.#running--;
    this.#queue.shift()?.();
  }
}

/**
 * Password checks in a pool of workers, so that hashing (MD5-crypt, bcrypt:
 * milliseconds to hundreds of milliseconds of CPU each) never holds the
 * event loop that answers every other request. Checks beyond the pool wait
 * in a bounded queue; when it is full, a login is turned away at once with
 * `SERVICE_UNAVAILABLE` and `Retry-After` rather than waiting for seconds.
 *
 * @module
 */

import { DomainError } from "../../domain/errors.ts";
import type { PasswordVerifier } from "../../domain/ports.ts";
import type { StoredPassword } from "../../domain/user.ts";
import type { PasswordCheckAnswer, PasswordCheckRequest } from "./password_worker.ts";

/** How many checks may wait for a worker, by default. */
export const DEFAULT_PASSWORD_QUEUE_LENGTH = 32;

/** Workers by default: every core but one, which the event loop keeps; at least one. */
export function defaultPasswordWorkers(): number {
  return Math.max(1, Math.min(4, (navigator.hardwareConcurrency ?? 2) - 1));
}

/** Seconds a turned-away login is told to wait: a check takes milliseconds. */
const RETRY_AFTER_SECONDS = 1;

/** Settings of the pool. */
export interface WorkerPoolOptions {
  /** Workers (threads) checking passwords (default {@linkcode defaultPasswordWorkers}). */
  readonly workers?: number;
  /** Checks that may wait for a worker (default {@linkcode DEFAULT_PASSWORD_QUEUE_LENGTH}). */
  readonly maxQueue?: number;
}

interface Job {
  readonly request: PasswordCheckRequest;
  readonly resolve: (matches: boolean) => void;
  readonly reject: (error: unknown) => void;
}

function busy(): DomainError {
  return new DomainError(
    "SERVICE_UNAVAILABLE",
    "Too many logins are being checked at once; try again shortly",
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  );
}

/** A {@linkcode PasswordVerifier} over a pool of workers; `close()` stops them. */
export class WorkerPasswordVerifier implements PasswordVerifier, AsyncDisposable {
  readonly #size: number;
  readonly #maxQueue: number;
  readonly #idle: Worker[] = [];
  readonly #running = new Map<Worker, Job>();
  readonly #queue: Job[] = [];
  #closed = false;

  /** A pool of `workers` workers (started on first use) with a queue of `maxQueue` checks. */
  constructor(options: WorkerPoolOptions = {}) {
    this.#size = options.workers ?? defaultPasswordWorkers();
    this.#maxQueue = options.maxQueue ?? DEFAULT_PASSWORD_QUEUE_LENGTH;
    if (!Number.isSafeInteger(this.#size) || this.#size < 1) {
      throw new RangeError(`The password workers ${this.#size} must be a positive whole number`);
    }
    if (!Number.isSafeInteger(this.#maxQueue) || this.#maxQueue < 0) {
      throw new RangeError(`The password queue ${this.#maxQueue} must be a whole number`);
    }
  }

  /** Checks waiting for a worker right now. */
  get waiting(): number {
    return this.#queue.length;
  }

  /**
   * Whether the password matches, checked in a worker; `SERVICE_UNAVAILABLE`
   * (with a retry delay) when every worker is busy and the queue is full.
   */
  verify(password: string, stored: StoredPassword): Promise<boolean> {
    if (this.#closed) return Promise.reject(new Error("The password workers are closed"));
    const request: PasswordCheckRequest = {
      password,
      passwordHash: stored.passwordHash,
      cryptType: stored.cryptType,
    };
    return new Promise<boolean>((resolve, reject) => {
      const job: Job = { request, resolve, reject };
      const worker = this.#idle.pop() ?? this.#spawn();
      if (worker !== undefined) this.#run(worker, job);
      else if (this.#queue.length < this.#maxQueue) this.#queue.push(job);
      else reject(busy());
    });
  }

  /** Stops every worker; checks still waiting fail. */
  close(): Promise<void> {
    this.#closed = true;
    for (const worker of [...this.#idle, ...this.#running.keys()]) worker.terminate();
    for (const job of [...this.#running.values(), ...this.#queue]) {
      job.reject(new Error("The password workers are closed"));
    }
    this.#idle.length = 0;
    this.#running.clear();
    this.#queue.length = 0;
    return Promise.resolve();
  }

  /** Same as {@linkcode close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** A new worker, while the pool is below its size. */
  #spawn(): Worker | undefined {
    if (this.#running.size + this.#idle.length >= this.#size) return undefined;
    const worker = new Worker(new URL("./password_worker.ts", import.meta.url), {
      type: "module",
    });
    worker.onmessage = (event: MessageEvent<PasswordCheckAnswer>) => {
      const job = this.#running.get(worker);
      this.#running.delete(worker);
      job?.resolve(event.data.matches);
      this.#next(worker);
    };
    worker.onerror = (event: ErrorEvent) => {
      // A check that crashed its worker fails alone; the worker is replaced.
      event.preventDefault();
      const job = this.#running.get(worker);
      this.#running.delete(worker);
      worker.terminate();
      job?.reject(new Error(`A password check failed: ${event.message}`));
      const replacement = this.#closed ? undefined : this.#spawn();
      if (replacement !== undefined) this.#next(replacement);
    };
    return worker;
  }

  #run(worker: Worker, job: Job): void {
    this.#running.set(worker, job);
    worker.postMessage(job.request);
  }

  /** Gives the worker the next waiting check, or lets it idle. */
  #next(worker: Worker): void {
    if (this.#closed) return;
    const job = this.#queue.shift();
    if (job !== undefined) this.#run(worker, job);
    else this.#idle.push(worker);
  }
}

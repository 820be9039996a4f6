/**
 * Shared test helpers for the HTTP adapter: use cases that only record what
 * they were asked (to test the mapping from URLs to use cases), the demo's
 * real use cases (to test whole README flows), and envelope readers.
 *
 * @module
 */

import assert from "node:assert/strict";
import { createApp, type HttpApp, type HttpOptions } from "../../adapters/http/app.ts";
import { createDemoPorts, type DemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { createUseCases, type UseCases } from "../../application/use_cases.ts";
import { FixedClock } from "../_fixtures/fixed_clock.ts";
import { README_TIME, README_TOKEN } from "../_fixtures/readme.ts";

/** The README's example token: 32 hex characters. */
export const TOKEN: string = README_TOKEN;

/** The default base path. */
export const BASE = "/modules/RestfulApi";

/** One recorded use case call. */
export interface Call {
  /** Which use case. */
  readonly useCase: keyof UseCases;
  /** What it was given. */
  readonly input: Record<string, unknown>;
}

/** What each spied use case answers: a value, or an error to throw. */
export type SpyAnswers = Partial<Record<keyof UseCases, unknown>>;

const DEFAULT_ANSWERS: Record<keyof UseCases, (input: Record<string, unknown>) => unknown> = {
  loginWithPassword: () => TOKEN,
  loginWithAccessKey: () => TOKEN,
  logout: () => true,
  listRecords: () => [{ record_id: "3" }, { record_id: "24" }],
  getRecord: (input) => ({ record_id: String(input.id) }),
  createRecord: () => 25,
  updateRecord: (input) => Number(input.id),
  deleteRecord: () => true,
  getPicklist: () => ({ values: { Acquired: "Acquired" } }),
  listTypes: () => [{ name: "Accounts" }],
  describeModule: (input) => ({ name: input.module, fields: [] }),
  linkRecords: () => true,
  syncRecords: () => ({ updated: [], deleted: [], lastModifiedTime: "2017-09-04 09:29:15" }),
  downloadDocument: () => ({
    name: "contrat cadre.pdf",
    type: "application/pdf",
    size: 3,
    content: new Blob([new Uint8Array([37, 80, 68])]).stream(),
  }),
};

/** An app over use cases that record their input and answer canned results (also returned). */
export function spyApp(
  answers: SpyAnswers = {},
  options: HttpOptions = {},
): { app: HttpApp; calls: Call[]; useCases: UseCases } {
  const calls: Call[] = [];
  const useCases = Object.fromEntries(
    (Object.keys(DEFAULT_ANSWERS) as (keyof UseCases)[]).map((name) => {
      const execute = async (given: Record<string, unknown>): Promise<unknown> => {
        // A write's body is read lazily, as the real use cases do once the caller may write;
        // the reader gives the values and, apart, any line items and file.
        const input = typeof given.values === "function"
          ? { ...given, ...await given.values() }
          : given;
        calls.push({ useCase: name, input });
        const answer = name in answers ? answers[name] : DEFAULT_ANSWERS[name](input);
        if (answer instanceof Error) throw answer;
        return answer;
      };
      // The HTTP layer reads records through read() and lists through page().
      const read = async (input: Record<string, unknown>) => ({ record: await execute(input) });
      const page = async (input: Record<string, unknown>) => ({ records: await execute(input) });
      return [name, { execute, read, page, executeBatch: execute }];
    }),
  ) as unknown as UseCases;
  return { app: createApp(useCases, options), calls, useCases };
}

/** An app over the real use cases and the in-memory demo dataset, at the README's time. */
export function demoApp(options: HttpOptions = {}): { app: HttpApp; ports: DemoPorts } {
  const ports = createDemoPorts({ clock: new FixedClock(README_TIME) });
  return { app: createApp(createUseCases(ports), options), ports };
}

/** A parsed envelope. */
export interface Body {
  /** `success`. */
  readonly success: boolean;
  /** `result`, on success. */
  readonly result?: unknown;
  /** `error`, on failure. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** Reads a response's envelope, checking its content type on the way. */
export async function envelope(response: Response): Promise<Body> {
  assert.equal(response.headers.get("Content-Type"), "application/json; charset=utf-8");
  return await response.json() as Body;
}

/** Asserts a success envelope with that status and returns its result. */
export async function expectSuccess(response: Response, status = 200): Promise<unknown> {
  const body = await envelope(response);
  assert.equal(body.success, true, JSON.stringify(body));
  assert.equal(response.status, status);
  return body.result;
}

/** Asserts a failure envelope with that status and code, and returns its message. */
export async function expectFailure(
  response: Response,
  status: number,
  code: string,
): Promise<string> {
  const body = await envelope(response);
  assert.equal(body.success, false);
  assert.equal(body.error?.code, code, JSON.stringify(body));
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(typeof body.error?.message, "string");
  assert.ok(body.error!.message.length > 0);
  return body.error!.message;
}

/** Logs in to a demo app as admin and returns the token. */
export async function adminToken(app: HttpApp): Promise<string> {
  const result = await expectSuccess(await app.request(`${BASE}/auth/admin/admin`));
  assert.equal(typeof result, "string");
  return result as string;
}

/** Sends both URLs and checks each made exactly the expected call. */
export async function bothStyles(
  urls: readonly string[],
  useCase: string,
  input: Record<string, unknown>,
  init: RequestInit = {},
): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const url of urls) {
    const { app, calls } = spyApp();
    const response = await app.request(url, init);
    results.push(await expectSuccess(response));
    assert.equal(calls.length, 1, url);
    assert.equal(calls[0].useCase, useCase, url);
    assert.deepEqual(calls[0].input, input, url);
  }
  return results;
}

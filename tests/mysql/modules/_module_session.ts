/**
 * One fresh Vtiger 7.3.0 database per test file for the module tests
 * (events, inventory, products, documents, comments), driven through the
 * HTTP app as a client would, the admin logged in; visibly ignored without
 * `VTIGER_TEST_DB_URL`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { createApp } from "../../../adapters/http/app.ts";
import type { MysqlPortsConfig } from "../../../adapters/mysql/mysql_ports.ts";
import { openMysqlPorts } from "../../../adapters/mysql/mysql_ports.ts";
import { createUseCases } from "../../../application/use_cases.ts";
import { type AdminSession, adminToken, setAdminPassword } from "../mysql_support.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "../vtiger_test_database.ts";

/** Settings of the service under test besides its database. */
export type ModuleServiceOptions = Omit<MysqlPortsConfig, "url">;

/** A parsed envelope. */
export interface Envelope {
  /** `success`. */
  readonly success: boolean;
  /** `result`, on success. */
  readonly result?: unknown;
  /** `error`, on failure. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** A record as the API returns it. */
export type ApiRecord = Record<string, unknown>;

/** The API, as the admin, over HTTP. */
export interface Api {
  /** Any request under the base path (the admin's token as a Bearer header). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A request whose envelope is returned, with its status. */
  call(path: string, init?: RequestInit): Promise<{ status: number; body: Envelope }>;
  /** Creates a record from a JSON body (or a multipart form) and returns its id. */
  create(module: string, body: Record<string, unknown> | FormData): Promise<number>;
  /** Updates a record from a JSON body (or a multipart form). */
  update(module: string, id: number, body: Record<string, unknown> | FormData): Promise<void>;
  /** Reads one record. */
  read(module: string, id: number): Promise<ApiRecord>;
  /** Lists records matching `criteria`. */
  list(module: string, criteria: string): Promise<ApiRecord[]>;
  /** Deletes a record. */
  remove(module: string, id: number): Promise<void>;
}

/** What a module test works with. */
export interface ModuleSession extends AdminSession {
  /** The API over HTTP. */
  readonly api: Api;
}

const BASE = "/modules/RestfulApi";

function bodyInit(body: Record<string, unknown> | FormData): RequestInit {
  return body instanceof FormData
    ? { body }
    : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } };
}

function apiOver(fetch: (request: Request) => Response | Promise<Response>, token: string): Api {
  const request = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${token}`);
    return Promise.resolve(
      fetch(new Request(`http://localhost${BASE}/${path}`, { ...init, headers })),
    );
  };
  const call = async (path: string, init?: RequestInit) => {
    const response = await request(path, init);
    return { status: response.status, body: await response.json() as Envelope };
  };
  const ok = async (path: string, init?: RequestInit): Promise<unknown> => {
    const { status, body } = await call(path, init);
    assert.ok(
      body.success,
      `${init?.method ?? "GET"} ${path}: ${status} ${JSON.stringify(body.error)}`,
    );
    return body.result;
  };
  return {
    request,
    call,
    create: async (module, body) => Number(await ok(module, { method: "POST", ...bodyInit(body) })),
    update: async (module, id, body) => {
      await ok(`${module}/${id}`, { method: "PUT", ...bodyInit(body) });
    },
    read: async (module, id) => await ok(`${module}/${id}`) as ApiRecord,
    list: async (module, criteria) =>
      await ok(`${module}/criteria/${encodeURIComponent(criteria)}`) as ApiRecord[],
    remove: async (module, id) => {
      await ok(`${module}/${id}`, { method: "DELETE" });
    },
  };
}

/**
 * Registers one test on a fresh 7.3.0 database (dropped afterwards) with the
 * service open and the admin logged in; its steps share the database.
 */
export function moduleTest(
  name: string,
  fn: (t: Deno.TestContext, session: ModuleSession) => Promise<void>,
  options: ModuleServiceOptions = {},
): void {
  Deno.test({
    name,
    ignore: !mysqlTestsEnabled,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      await using database = await createVtigerDatabase("7.3.0");
      await setAdminPassword(database);
      const opened = await openMysqlPorts({
        metadataTtlSeconds: 300,
        ...options,
        url: database.url,
      });
      const useCases = createUseCases(opened.ports);
      const service = { opened, useCases, close: () => opened.close() };
      try {
        const token = await adminToken(service);
        const app = createApp(useCases);
        const api = apiOver((request) => app.fetch(request), token);
        await fn(t, { database, service, useCases, token, api });
      } finally {
        await service.close();
      }
    },
  });
}

/**
 * Which use case a request asks for, decided from its method and validated
 * parameters alone, the same way for both URL styles.
 *
 * @module
 */

import { DomainError, invalidParameter } from "../../domain/errors.ts";
import type { ParamName, Params } from "./params_schema.ts";
import { AUTH_MODULE, LIST_TYPES_MODULE } from "./path_style.ts";

/** The methods of the protocol; any other is `METHOD_NOT_ALLOWED`. */
export const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

/** One method of the protocol. */
export type Method = typeof METHODS[number];

/** A request resolved to one use case and its input. */
export type Action =
  | { readonly kind: "loginWithPassword"; readonly userName: string; readonly password: string }
  | { readonly kind: "loginWithAccessKey"; readonly accessKey: string }
  | { readonly kind: "logout"; readonly token: string | undefined }
  | { readonly kind: "listTypes"; readonly token: string | undefined }
  | { readonly kind: "describe"; readonly token: string | undefined; readonly module: string }
  | {
    readonly kind: "related";
    readonly token: string | undefined;
    readonly module: string;
    readonly id: string;
    readonly related: string;
    readonly start?: number;
    readonly length?: number;
    readonly order?: string;
    readonly criteria?: string;
    readonly count?: boolean;
    readonly fields?: string;
  }
  | {
    readonly kind: "link" | "unlink";
    readonly token: string | undefined;
    readonly module: string;
    readonly id: string;
    readonly related: string;
  }
  | {
    readonly kind: "sync";
    readonly token: string | undefined;
    readonly module: string;
    readonly since: string;
    readonly length?: number;
  }
  | {
    readonly kind: "list";
    readonly token: string | undefined;
    readonly module: string;
    readonly start?: number;
    readonly length?: number;
    readonly order?: string;
    readonly criteria?: string;
    readonly count?: boolean;
    readonly fields?: string;
  }
  | {
    readonly kind: "read";
    readonly token: string | undefined;
    readonly module: string;
    readonly id: string;
    readonly fields?: string;
  }
  | {
    readonly kind: "download";
    readonly token: string | undefined;
    readonly module: string;
    readonly id: string;
  }
  | {
    readonly kind: "picklist";
    readonly token: string | undefined;
    readonly module: string;
    readonly field: string;
    readonly withDependencies: boolean;
  }
  | { readonly kind: "create"; readonly token: string | undefined; readonly module: string }
  | {
    readonly kind: "update";
    readonly token: string | undefined;
    readonly module: string;
    readonly id: string;
  }
  | {
    readonly kind: "delete";
    readonly token: string | undefined;
    readonly module: string;
    readonly id: string;
  };

/**
 * Throws `METHOD_NOT_ALLOWED` unless the method is one of {@linkcode METHODS}.
 * `HEAD` counts as `GET`: hono runs the GET route for it and drops the body.
 */
export function requireMethod(method: string): Method {
  if (method === "HEAD") return "GET";
  if ((METHODS as readonly string[]).includes(method)) return method as Method;
  throw new DomainError(
    "METHOD_NOT_ALLOWED",
    `Method ${method} is not allowed; use GET, POST, PUT or DELETE`,
  );
}

/**
 * Refuses parameters that make no sense for the chosen action rather than
 * ignoring them: `id` with `picklist` would otherwise silently pick one.
 */
function allowOnly(params: Params, allowed: readonly ParamName[], what: string): void {
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && !(allowed as readonly string[]).includes(name)) {
      throw invalidParameter(`Parameter '${name}' does not go with ${what}`);
    }
  }
}

/** The token from the URL or the Bearer header; two different ones are refused. */
function tokenOf(params: Params, bearer: string | undefined): string | undefined {
  if (params.token !== undefined && bearer !== undefined && params.token !== bearer) {
    throw invalidParameter(
      "The token is given both in the Authorization header and in the URL, with different values",
    );
  }
  return params.token ?? bearer;
}

function authAction(method: Method, params: Params, bearer: string | undefined): Action {
  if (method === "DELETE") {
    allowOnly(params, ["module", "token"], "a logout");
    return { kind: "logout", token: tokenOf(params, bearer) };
  }
  if (method !== "GET") {
    throw new DomainError(
      "METHOD_NOT_ALLOWED",
      `Module ${AUTH_MODULE} takes GET to log in and DELETE to log out, not ${method}`,
    );
  }
  if (params.key !== undefined) {
    allowOnly(params, ["module", "key"], "an access key login");
    return { kind: "loginWithAccessKey", accessKey: params.key };
  }
  if (params.login === undefined && params.password === undefined) {
    throw invalidParameter(
      "A login needs a login and password (auth/LOGIN/PASSWORD, or login= and password=) " +
        "or an access key (auth/ACCESSKEY, or key=)",
    );
  }
  allowOnly(params, ["module", "login", "password"], "a password login");
  if (params.login === undefined) throw invalidParameter("Parameter 'login' is missing");
  if (params.password === undefined) throw invalidParameter("Parameter 'password' is missing");
  return { kind: "loginWithPassword", userName: params.login, password: params.password };
}

function readAction(params: Params, token: string | undefined): Action {
  const { module } = params;
  if (params.related !== undefined) {
    if (params.id === undefined) {
      throw invalidParameter(
        "A related list needs a record id: {Module}/{ID}/related/{OtherModule}, or id= and related=",
      );
    }
    allowOnly(
      params,
      [
        "module",
        "token",
        "id",
        "related",
        "start",
        "length",
        "order",
        "criteria",
        "count",
        "fields",
      ],
      "a related list",
    );
    const { id, related, start, length, order, criteria, count, fields } = params;
    return {
      kind: "related",
      token,
      module,
      id,
      related,
      start,
      length,
      order,
      criteria,
      count,
      fields,
    };
  }
  if (params.sync !== undefined) {
    allowOnly(params, ["module", "token", "sync", "length"], "a sync");
    return { kind: "sync", token, module, since: params.sync, length: params.length };
  }
  if (params.describe) {
    allowOnly(params, ["module", "token", "describe"], "a describe");
    return { kind: "describe", token, module };
  }
  if (params.picklist !== undefined) {
    allowOnly(params, ["module", "token", "picklist", "picklistdep"], "a picklist read");
    return {
      kind: "picklist",
      token,
      module,
      field: params.picklist,
      withDependencies: params.picklistdep ?? false,
    };
  }
  if (params.download === true) {
    allowOnly(params, ["module", "token", "id", "download"], "a download");
    if (params.id === undefined) {
      throw invalidParameter(
        "A download names its document: GET Documents/{ID}/download/{TOKEN} or " +
          "?module=Documents&id=ID&download=1",
      );
    }
    return { kind: "download", token, module, id: params.id };
  }
  if (params.id !== undefined) {
    allowOnly(params, ["module", "token", "id", "fields", "download"], "a record read");
    return { kind: "read", token, module, id: params.id, fields: params.fields };
  }
  allowOnly(
    params,
    ["module", "token", "start", "length", "order", "criteria", "count", "fields"],
    "a list",
  );
  const { start, length, order, criteria, count, fields } = params;
  return { kind: "list", token, module, start, length, order, criteria, count, fields };
}

function noIdRefusal(what: string, method: Method): DomainError {
  return new DomainError(
    "METHOD_NOT_ALLOWED",
    `${what} needs a record id: ${method} {Module}/{ID}/{TOKEN} or ${method} ?module=...&id=...`,
  );
}

/**
 * Resolves a request to its action. `GET` reads (a picklist, one record or a
 * list), `POST` creates (or updates when an id is given, as the original PHP
 * client does), `PUT` updates, `DELETE` deletes; an update or delete without
 * an id is `METHOD_NOT_ALLOWED`. Module `Auth` (any case) logs in and out;
 * `listtypes` (any case) lists the caller's modules; `describe` describes one.
 */
export function chooseAction(method: Method, params: Params, bearer: string | undefined): Action {
  if (params.module.toLowerCase() === AUTH_MODULE.toLowerCase()) {
    return authAction(method, params, bearer);
  }
  const token = tokenOf(params, bearer);
  if (params.module.toLowerCase() === LIST_TYPES_MODULE.toLowerCase()) {
    if (method !== "GET") {
      throw new DomainError(
        "METHOD_NOT_ALLOWED",
        `${LIST_TYPES_MODULE} takes GET, not ${method}`,
      );
    }
    allowOnly(params, ["module", "token"], "a listtypes");
    return { kind: "listTypes", token };
  }
  if (method === "GET") return readAction(params, token);
  const { module, id } = params;
  if (params.related !== undefined && method !== "POST") {
    const what = method === "PUT" ? "a link" : "an unlink";
    allowOnly(params, ["module", "token", "id", "related"], what);
    if (id === undefined) throw noIdRefusal(method === "PUT" ? "A link" : "An unlink", method);
    return {
      kind: method === "PUT" ? "link" : "unlink",
      token,
      module,
      id,
      related: params.related,
    };
  }
  const what = method === "DELETE" ? "a delete" : id === undefined ? "a create" : "an update";
  allowOnly(params, ["module", "token", "id"], what);
  if (method === "POST") {
    return id === undefined
      ? { kind: "create", token, module }
      : { kind: "update", token, module, id };
  }
  if (id === undefined) throw noIdRefusal(method === "PUT" ? "An update" : "A delete", method);
  return method === "PUT"
    ? { kind: "update", token, module, id }
    : { kind: "delete", token, module, id };
}

/**
 * Every operation of the protocol, once per URL style, as the OpenAPI
 * document lists them: the action it runs (`action.ts`), its path under the
 * base path, the parameters it takes (by name: their schemas are the ones
 * that validate requests, `params_schema.ts`), what it answers and which
 * error codes it may answer. `ACTION_OPERATIONS` is keyed by every action
 * kind, so that a new action without a documented path does not compile.
 *
 * @module
 */

import { z } from "zod";
import type { ErrorCode } from "../../../domain/errors.ts";
import type { Action } from "../action.ts";
import type { ParamName } from "../params_schema.ts";
import {
  ModuleDescriptionSchema,
  ModuleTypeSchema,
  PicklistSchema,
  RecordSchema,
  SyncPageSchema,
  TokenSchema,
} from "./answer_schemas.ts";

/** A path parameter: its name in the template and the protocol parameter it carries. */
export interface PathParam {
  /** The name in the path template (`{credential}`). */
  readonly name: string;
  /** The protocol parameter whose schema validates it. */
  readonly param: ParamName;
}

/** One documented operation. */
export interface OperationSpec {
  /** A unique id. */
  readonly id: string;
  /** The HTTP method. */
  readonly method: "get" | "post" | "put" | "delete";
  /** The path under the base path, `{name}` for parameters. */
  readonly path: string;
  /** One line. */
  readonly summary: string;
  /** More, when the line is not enough. */
  readonly description?: string;
  /** Path parameters, in the order of the template. */
  readonly pathParams: readonly PathParam[];
  /** Query parameters. */
  readonly queryParams?: readonly ParamName[];
  /** Whether the query parameter `module` is required (query style). */
  readonly requiresModule?: boolean;
  /** Whether a record body (form, JSON or multipart) is sent. */
  readonly body?: boolean;
  /** Whether a JSON body may be an array of records (a batch create). */
  readonly batch?: boolean;
  /** Whether the success answer is a stored file rather than the envelope. */
  readonly file?: boolean;
  /** The conditional header it honours. */
  readonly conditional?: "If-Match" | "If-None-Match";
  /** The `result` of its success envelope. */
  readonly result: z.ZodType;
  /** The success status. */
  readonly status: 200 | 201;
  /** Headers its success carries. */
  readonly successHeaders?: readonly string[];
  /** Whether it needs a token (in the path, the query or a Bearer header). */
  readonly authenticated: boolean;
  /** The error codes it may answer. */
  readonly errors: readonly ErrorCode[];
}

const ANY_CALL: readonly ErrorCode[] = [
  "INVALID_PARAMETER",
  "METHOD_NOT_ALLOWED",
  "TOO_MANY_REQUESTS",
  "SERVICE_UNAVAILABLE",
  "INTERNAL_ERROR",
];
const AUTHENTICATED: readonly ErrorCode[] = [
  ...ANY_CALL,
  "TOKEN_NOT_FOUND",
  "INVALID_TOKEN",
  "ACCESS_DENIED",
];
const IN_MODULE: readonly ErrorCode[] = [...AUTHENTICATED, "MODULE_NOT_FOUND"];
const ON_RECORD: readonly ErrorCode[] = [...IN_MODULE, "RECORD_NOT_FOUND"];
const WRITE: readonly ErrorCode[] = [
  "MANDATORY_FIELDS_MISSING",
  "INVALID_FIELD_VALUE",
  "PAYLOAD_TOO_LARGE",
  "REQUEST_TIMEOUT",
];
const LOGIN: readonly ErrorCode[] = [...ANY_CALL, "AUTH_FAILED"];

const TRUE = z.literal(true);
const RECORD_ID = z.number().int().positive().describe("The record's id (crmid)");

const MODULE: PathParam = { name: "module", param: "module" };
const TOKEN: PathParam = { name: "token", param: "token" };
const ID: PathParam = { name: "id", param: "id" };
const pair = (param: ParamName): PathParam => ({ name: param, param });

const LIST_OPTIONS = "Paging, order and criteria also go in the path as name/value pairs " +
  "between the module and the token, in any order: start/N, length/N, order/ORDER, " +
  "criteria/CRITERIA, count/1, fields/a,b.";
const BEARER = "With an Authorization: Bearer header instead, leave out the last segment.";

const list = (id: string, path: string, pathParams: readonly PathParam[], summary: string) =>
  ({
    id,
    method: "get",
    path,
    summary,
    description: `${LIST_OPTIONS} ${BEARER}`,
    pathParams,
    result: RecordSchema.array(),
    status: 200,
    successHeaders: ["X-Total-Count"],
    authenticated: true,
    errors: IN_MODULE,
  }) as const satisfies OperationSpec;

/** The path-style operations of each action. */
export const ACTION_OPERATIONS: Readonly<Record<Action["kind"], readonly OperationSpec[]>> = {
  loginWithPassword: [{
    id: "loginWithPassword",
    method: "get",
    path: "/auth/{login}/{password}",
    summary: "Log in with a user name and password; answers a token",
    pathParams: [pair("login"), pair("password")],
    result: TokenSchema,
    status: 200,
    authenticated: false,
    errors: LOGIN,
  }],
  loginWithAccessKey: [{
    id: "loginWithAccessKey",
    method: "get",
    path: "/auth/{credential}",
    summary: "Log in with a user's access key; answers a token",
    pathParams: [{ name: "credential", param: "key" }],
    result: TokenSchema,
    status: 200,
    authenticated: false,
    errors: LOGIN,
  }],
  logout: [{
    id: "logout",
    method: "delete",
    path: "/auth/{credential}",
    summary: "Revoke a token (the path's segment is the token)",
    description: BEARER,
    pathParams: [{ name: "credential", param: "token" }],
    result: TRUE,
    status: 200,
    authenticated: true,
    errors: AUTHENTICATED,
  }],
  listTypes: [{
    id: "listTypes",
    method: "get",
    path: "/listtypes/{token}",
    summary: "The modules the caller may use, with labels and allowed actions",
    description: BEARER,
    pathParams: [TOKEN],
    result: ModuleTypeSchema.array(),
    status: 200,
    authenticated: true,
    errors: AUTHENTICATED,
  }],
  describe: [{
    id: "describe",
    method: "get",
    path: "/{module}/describe/{token}",
    summary: "The module's fields as the caller sees them",
    description: BEARER,
    pathParams: [MODULE, TOKEN],
    result: ModuleDescriptionSchema,
    status: 200,
    authenticated: true,
    errors: IN_MODULE,
  }],
  list: [
    list("list", "/{module}/{token}", [MODULE, TOKEN], "List records (100 by default)"),
    list(
      "listPaged",
      "/{module}/start/{start}/length/{length}/order/{order}/{token}",
      [MODULE, pair("start"), pair("length"), pair("order"), TOKEN],
      "List a page of records, sorted",
    ),
    list(
      "listFiltered",
      "/{module}/criteria/{criteria}/{token}",
      [MODULE, pair("criteria"), TOKEN],
      "List the records matching criteria",
    ),
  ],
  read: [{
    id: "read",
    method: "get",
    path: "/{module}/{id}/{token}",
    summary: "Read one record; answers an ETag, and 304 to a current If-None-Match",
    description: `fields/a,b may come before the token. ${BEARER}`,
    pathParams: [MODULE, ID, TOKEN],
    conditional: "If-None-Match",
    result: RecordSchema,
    status: 200,
    successHeaders: ["ETag"],
    authenticated: true,
    errors: ON_RECORD,
  }],
  download: [{
    id: "download",
    method: "get",
    path: "/{module}/{id}/download/{token}",
    summary: "A document's stored file, as an attachment with its type and name",
    description: `Only Documents have files; NOT_FOUND when the document has none (a link, a ` +
      `note). ${BEARER}`,
    pathParams: [MODULE, ID, TOKEN],
    file: true,
    result: z.string(),
    status: 200,
    successHeaders: ["Content-Disposition"],
    authenticated: true,
    errors: [...ON_RECORD, "NOT_FOUND"],
  }],
  picklist: [
    {
      id: "picklist",
      method: "get",
      path: "/{module}/picklist/{picklist}/{token}",
      summary: "A picklist's values (those of the caller's role) with their labels",
      description: BEARER,
      pathParams: [MODULE, pair("picklist"), TOKEN],
      result: PicklistSchema,
      status: 200,
      authenticated: true,
      errors: IN_MODULE,
    },
    {
      id: "picklistWithDependencies",
      method: "get",
      path: "/{module}/picklist/{picklist}/picklistdep/{picklistdep}/{token}",
      summary: "A picklist's values and, with picklistdep 1, its dependencies",
      description: BEARER,
      pathParams: [MODULE, pair("picklist"), pair("picklistdep"), TOKEN],
      result: PicklistSchema,
      status: 200,
      authenticated: true,
      errors: IN_MODULE,
    },
  ],
  related: [{
    id: "related",
    method: "get",
    path: "/{module}/{id}/related/{related}/{token}",
    summary: "The records of a related list of a record, paged and filtered like a list",
    description: `${LIST_OPTIONS} ${BEARER}`,
    pathParams: [MODULE, ID, pair("related"), TOKEN],
    result: RecordSchema.array(),
    status: 200,
    successHeaders: ["X-Total-Count"],
    authenticated: true,
    errors: ON_RECORD,
  }],
  link: [{
    id: "link",
    method: "put",
    path: "/{module}/{id}/related/{related}/{token}",
    summary:
      "Link records (body ids=12,13) to a record's related list, as Vtiger's related lists do",
    description: BEARER,
    pathParams: [MODULE, ID, pair("related"), TOKEN],
    body: true,
    result: TRUE,
    status: 200,
    authenticated: true,
    errors: [...ON_RECORD, "PAYLOAD_TOO_LARGE", "REQUEST_TIMEOUT"],
  }],
  unlink: [{
    id: "unlink",
    method: "delete",
    path: "/{module}/{id}/related/{related}/{token}",
    summary: "Unlink records (body ids=12,13) from a record's related list",
    description: BEARER,
    pathParams: [MODULE, ID, pair("related"), TOKEN],
    body: true,
    result: TRUE,
    status: 200,
    authenticated: true,
    errors: [...ON_RECORD, "PAYLOAD_TOO_LARGE", "REQUEST_TIMEOUT"],
  }],
  sync: [{
    id: "sync",
    method: "get",
    path: "/{module}/sync/{sync}/{token}",
    summary: "What changed after a time (YYYY-MM-DD HH:MM:SS), deletions included",
    description: `length/N may come before the token. ${BEARER}`,
    pathParams: [MODULE, pair("sync"), TOKEN],
    result: SyncPageSchema,
    status: 200,
    authenticated: true,
    errors: IN_MODULE,
  }],
  create: [{
    id: "create",
    method: "post",
    path: "/{module}/{token}",
    summary:
      "Create a record, or with a JSON array up to MAX_BULK records at once; answers the id(s)",
    description: `A JSON array creates its records in one transaction, all or none; an error ` +
      `names the first bad record's index ("Record 2 of the batch: ..."). ${BEARER}`,
    pathParams: [MODULE, TOKEN],
    body: true,
    batch: true,
    result: z.union([RECORD_ID, RECORD_ID.array()]),
    status: 201,
    authenticated: true,
    errors: [...IN_MODULE, ...WRITE],
  }],
  update: [
    {
      id: "update",
      method: "put",
      path: "/{module}/{id}/{token}",
      summary: "Change some fields of a record; If-Match makes it conditional",
      description: BEARER,
      pathParams: [MODULE, ID, TOKEN],
      body: true,
      conditional: "If-Match",
      result: RECORD_ID,
      status: 200,
      authenticated: true,
      errors: [...ON_RECORD, ...WRITE, "PRECONDITION_FAILED"],
    },
    {
      id: "updateByPost",
      method: "post",
      path: "/{module}/{id}/{token}",
      summary: "Change some fields of a record (POST with an id, as the original PHP client does)",
      description: BEARER,
      pathParams: [MODULE, ID, TOKEN],
      body: true,
      conditional: "If-Match",
      result: RECORD_ID,
      status: 200,
      authenticated: true,
      errors: [...ON_RECORD, ...WRITE, "PRECONDITION_FAILED"],
    },
  ],
  delete: [{
    id: "delete",
    method: "delete",
    path: "/{module}/{id}/{token}",
    summary: "Delete a record (Vtiger's soft delete); If-Match makes it conditional",
    description: BEARER,
    pathParams: [MODULE, ID, TOKEN],
    conditional: "If-Match",
    result: TRUE,
    status: 200,
    authenticated: true,
    errors: [...ON_RECORD, "PRECONDITION_FAILED"],
  }],
};

/** The query-style operations at `index.php`: one per method, the action chosen by parameters. */
export const QUERY_OPERATIONS: readonly (OperationSpec & {
  readonly actions: readonly Action["kind"][];
})[] = [
  {
    id: "queryStyleGet",
    method: "get",
    path: "/index.php",
    summary: "Query style: log in (module=Auth), list, read (id), picklist, describe, sync, " +
      "listtypes (module=listtypes), a document's file (id, download=1)",
    description: "The parameters choose the action: module=Auth with login and password, or " +
      "key; module=listtypes; describe=1; sync=TIME; picklist=FIELD (picklistdep=1); id=ID; " +
      "else a list. The base path itself and the base path with a slash answer the same.",
    pathParams: [],
    queryParams: [
      "module",
      "token",
      "id",
      "start",
      "length",
      "order",
      "criteria",
      "count",
      "fields",
      "picklist",
      "picklistdep",
      "describe",
      "sync",
      "related",
      "download",
      "login",
      "password",
      "key",
    ],
    requiresModule: true,
    conditional: "If-None-Match",
    result: RecordSchema.array(),
    status: 200,
    successHeaders: ["X-Total-Count", "ETag"],
    authenticated: true,
    errors: [...ON_RECORD, "AUTH_FAILED"],
    actions: [
      "loginWithPassword",
      "loginWithAccessKey",
      "listTypes",
      "describe",
      "list",
      "read",
      "picklist",
      "sync",
      "related",
      "download",
    ],
  },
  {
    id: "queryStylePost",
    method: "post",
    path: "/index.php",
    summary: "Query style: create a record (or, with a JSON array, several), or update one when " +
      "id is given",
    pathParams: [],
    queryParams: ["module", "token", "id"],
    requiresModule: true,
    body: true,
    batch: true,
    conditional: "If-Match",
    result: RECORD_ID,
    status: 201,
    authenticated: true,
    errors: [...ON_RECORD, ...WRITE, "PRECONDITION_FAILED"],
    actions: ["create", "update"],
  },
  {
    id: "queryStylePut",
    method: "put",
    path: "/index.php",
    summary: "Query style: update a record",
    pathParams: [],
    queryParams: ["module", "token", "id", "related"],
    requiresModule: true,
    body: true,
    conditional: "If-Match",
    result: RECORD_ID,
    status: 200,
    authenticated: true,
    errors: [...ON_RECORD, ...WRITE, "PRECONDITION_FAILED"],
    actions: ["update", "link"],
  },
  {
    id: "queryStyleDelete",
    method: "delete",
    path: "/index.php",
    summary: "Query style: delete a record, or log out (module=Auth)",
    pathParams: [],
    queryParams: ["module", "token", "id"],
    requiresModule: true,
    conditional: "If-Match",
    result: TRUE,
    status: 200,
    authenticated: true,
    errors: [...ON_RECORD, "PRECONDITION_FAILED"],
    actions: ["delete", "logout", "unlink"],
  },
];

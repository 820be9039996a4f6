/**
 * The one zod schema for the parameters of a request, whichever URL style
 * carried them: query style validates `c.req.query()` with it through
 * `@hono/zod-validator`, path style validates the object it built from the
 * segments. A failure always becomes our `INVALID_PARAMETER` error.
 *
 * @module
 */

import { excerpt } from "../../domain/excerpt.ts";
import { z } from "zod";
import { DomainError } from "../../domain/errors.ts";

/** What a module name looks like (`Accounts`, `HelpDesk`, `Auth`). */
export const MODULE_NAME_PATTERN: RegExp = /^[A-Za-z][A-Za-z0-9_]*$/;

/** What a Vtiger field name looks like (`rating`, `cf_851`). */
export const FIELD_NAME_PATTERN: RegExp = /^[A-Za-z0-9_]+$/;

/** What a `fields` list looks like (`accountname,phone`). */
export const FIELD_LIST_PATTERN: RegExp = /^[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*$/;

/** The longest `order` or `criteria` accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 4000;

const DIGITS = /^\d+$/;

// Refined after the conversion, so that a number too large to count with is
// refused quoting the digits as given, not the rounded number.
const wholeNumber = z
  .string()
  .regex(DIGITS, { error: "must be a whole number of 0 or more" })
  .transform(Number)
  .refine(Number.isSafeInteger, {
    error: `must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`,
  });

const text = z.string();

/** `0` or `1`, as the original's `picklistdep`. */
const flag = z.enum(["0", "1"], { error: "must be 0 or 1" }).transform((value) => value === "1");

const expression = z.string().max(MAX_EXPRESSION_LENGTH, {
  error: `must be at most ${MAX_EXPRESSION_LENGTH} characters long`,
});

/**
 * Query parameters that are accepted and ignored: `_` is the cache buster
 * jQuery and other browser libraries add (`&_=1504512345`). Any other name
 * outside the protocol is refused, so that a typo (`lenght`) is never
 * silently ignored.
 */
export const IGNORED_PARAMS: readonly string[] = ["_"];

/**
 * The clean-up every parameter gets before validation, as the original
 * module did: `\/` means `/` (the original PHP client escapes slashes that
 * way, as in `website:https:\/\/x.example`). PHP clients send empty
 * parameters (`start=&length=`) to mean "not set", and the original read
 * them with `empty()`; so an empty value counts as absent.
 */
function cleanParams(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([name, item]) => item !== "" && !IGNORED_PARAMS.includes(name))
      .map(([name, item]) => [name, typeof item === "string" ? item.replaceAll("\\/", "/") : item]),
  );
}

/**
 * Every parameter of the protocol: the ones the original PHP client sends
 * (`module`, `token`, `id`, `start`, `length`, `order`, `criteria`,
 * `picklist`, `picklistdep`, `login`, `password`, `key`), vtrest's own
 * additions (`describe`, `count`, `fields`, `sync`, `related`), and no other.
 * The token's format is left to the domain, which answers `TOKEN_NOT_FOUND`
 * or `INVALID_TOKEN`.
 */
const paramsObject = z.strictObject({
  module: z.string().max(100, { error: "must be at most 100 characters long" }).regex(
    MODULE_NAME_PATTERN,
    { error: "must be a module name: a letter, then letters, digits or underscores" },
  ).describe("The module (Accounts, Contacts, ...), Auth to log in or out, or listtypes"),
  token: text.describe("The token a login answered (or send it as a Bearer header)").optional(),
  id: z.string().regex(DIGITS, { error: "must be a record id: a positive whole number" })
    .describe("A record id (crmid)").optional(),
  start: wholeNumber.describe("Records to skip (default 0)").optional(),
  length: wholeNumber.describe("Records per page (default 100)").optional(),
  order: expression.describe("COLUMN [ASC|DESC], comma-separated").optional(),
  criteria: expression.describe("COLUMN[:OP]:VALUE items joined by ;, all ANDed").optional(),
  picklist: z.string().regex(FIELD_NAME_PATTERN, {
    error: "must be a field name of letters, digits and underscores",
  }).describe("A picklist field's name").optional(),
  picklistdep: flag.describe("1: add the picklist's dependencies").optional(),
  describe: flag.describe("1: describe the module's fields").optional(),
  count: flag.describe("1: answer X-Total-Count with the list").optional(),
  related: z.string().max(100, { error: "must be at most 100 characters long" }).regex(
    MODULE_NAME_PATTERN,
    { error: "must be a module name: a letter, then letters, digits or underscores" },
  ).describe("With id: the related list of that module").optional(),
  sync: z.string().max(40, { error: "must be a date and time such as 2017-09-04 09:29:15" })
    .describe("Changes after this time: YYYY-MM-DD HH:MM:SS").optional(),
  fields: z.string().max(MAX_EXPRESSION_LENGTH, {
    error: `must be at most ${MAX_EXPRESSION_LENGTH} characters long`,
  }).regex(FIELD_LIST_PATTERN, {
    error: "must be field names of letters, digits and underscores, separated by commas",
  }).describe("Only these fields, comma-separated").optional(),
  download: flag.describe("1: send the document's stored file instead of the record").optional(),
  login: text.describe("A user name").optional(),
  password: text.describe("The user's password").optional(),
  key: text.describe("A user's access key").optional(),
});

/**
 * The schema of each parameter, as validation applies it: the OpenAPI
 * document describes the parameters from these same schemas.
 */
export const PARAM_SCHEMAS: typeof paramsObject.shape = paramsObject.shape;

/** The schema of a request's parameters, cleaned (`\/` unescaped, empty ones dropped) first. */
export const paramsSchema = z.preprocess(cleanParams, paramsObject);

/** The parameters of a request once validated. */
export type Params = z.output<typeof paramsSchema>;

/** The name of a parameter. */
export type ParamName = keyof Params;

/** Every parameter name of the protocol. */
export const PARAM_NAMES: readonly ParamName[] = Object.keys(paramsObject.shape) as ParamName[];

/** Parameters whose values are never quoted back: they are credentials. */
const SECRET_PARAMS: ReadonlySet<string> = new Set(["token", "password", "key"]);

/**
 * One sentence about the first problem zod found, naming and quoting the
 * parameter: `Parameter 'start' must be a whole number of 0 or more, not 'x'`.
 * zod's own wording and structure never reach the client.
 */
export function paramsFailure(error: z.core.$ZodError, input: unknown): DomainError {
  const issue = error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    return new DomainError(
      "INVALID_PARAMETER",
      `Parameter '${excerpt(issue.keys[0] ?? "")}' is not a parameter of the protocol ` +
        `(${PARAM_NAMES.join(", ")})`,
    );
  }
  const name = issue === undefined || issue.path.length === 0 ? undefined : String(issue.path[0]);
  if (name === undefined) {
    return new DomainError("INVALID_PARAMETER", "The request parameters are malformed");
  }
  const raw = typeof input === "object" && input !== null
    ? (input as Record<string, unknown>)[name]
    : undefined;
  if (raw === undefined || raw === "") {
    return new DomainError("INVALID_PARAMETER", `Parameter '${name}' is missing`);
  }
  if (typeof raw !== "string") {
    return new DomainError("INVALID_PARAMETER", `Parameter '${name}' is given more than once`);
  }
  if (SECRET_PARAMS.has(name)) {
    return new DomainError(
      "INVALID_PARAMETER",
      `Parameter '${name}' ${issue?.message ?? "is malformed"}`,
    );
  }
  return new DomainError(
    "INVALID_PARAMETER",
    `Parameter '${name}' ${issue?.message ?? "is malformed"}, not '${excerpt(raw)}'`,
  );
}

/**
 * The hook given to `zValidator`: on failure it throws our error, which
 * `app.onError` turns into the envelope; on success it lets the data through.
 */
export function paramsHook(
  result: { success: true } | { success: false; error: z.core.$ZodError; data: unknown },
): void {
  if (!result.success) throw paramsFailure(result.error, result.data);
}

/** Validates parameters built by hand (path style) with the same schema and messages. */
export function validateParams(input: Readonly<Record<string, string>>): Params {
  const result = paramsSchema.safeParse(input);
  if (!result.success) throw paramsFailure(result.error, input);
  return result.data;
}

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

const expression = z.string().max(MAX_EXPRESSION_LENGTH, {
  error: `must be at most ${MAX_EXPRESSION_LENGTH} characters long`,
});

/**
 * PHP clients send empty parameters (`start=&length=`) to mean "not set", and
 * the original read them with `empty()`; so an empty value counts as absent.
 */
function dropEmptyValues(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== ""));
}

/**
 * Every parameter of the protocol. Unknown names are dropped (PHP ignored
 * them, and clients add cache busters such as `_=123`). The token's format
 * is left to the domain, which answers `TOKEN_NOT_FOUND` or `INVALID_TOKEN`.
 */
export const paramsSchema = z.preprocess(
  dropEmptyValues,
  z.object({
    module: z.string().max(100, { error: "must be at most 100 characters long" }).regex(
      MODULE_NAME_PATTERN,
      { error: "must be a module name: a letter, then letters, digits or underscores" },
    ),
    token: text.optional(),
    id: z.string().regex(DIGITS, { error: "must be a record id: a positive whole number" })
      .optional(),
    start: wholeNumber.optional(),
    length: wholeNumber.optional(),
    order: expression.optional(),
    criteria: expression.optional(),
    picklist: z.string().regex(FIELD_NAME_PATTERN, {
      error: "must be a field name of letters, digits and underscores",
    }).optional(),
    picklistdep: z.enum(["0", "1"], { error: "must be 0 or 1" })
      .transform((flag) => flag === "1")
      .optional(),
    login: text.optional(),
    password: text.optional(),
    key: text.optional(),
  }),
);

/** The parameters of a request once validated. */
export type Params = z.output<typeof paramsSchema>;

/** The name of a parameter. */
export type ParamName = keyof Params;

/**
 * One sentence about the first problem zod found, naming and quoting the
 * parameter: `Parameter 'start' must be a whole number of 0 or more, not 'x'`.
 * zod's own wording and structure never reach the client.
 */
export function paramsFailure(error: z.core.$ZodError, input: unknown): DomainError {
  const issue = error.issues[0];
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

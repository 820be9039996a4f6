/**
 * zod schemas of what the service answers, for the OpenAPI document: the
 * envelope, records, pages and the shapes of vtrest's additions. Each is
 * checked against the domain type it describes (`satisfies`), so that the
 * document cannot drift from what the code returns.
 *
 * @module
 */

import { z } from "zod";
import type { ModuleDescription, ModuleType } from "../../../domain/discovery.ts";
import { ERROR_CODES } from "../../../domain/errors.ts";
import { FIELD_TYPES } from "../../../domain/field_type.ts";
import type { PhpPicklistAnswer } from "../php_arrays.ts";
import type { SyncPage } from "../../../domain/sync.ts";

/** A record: field name → value (every value a string), then `record_id`, `record_module`, `api_date_now`. */
export const RecordSchema = z.record(z.string(), z.string()).describe(
  "A record: its visible fields by Vtiger field name, in fieldid order, every value a string, " +
    "then record_id, record_module and api_date_now",
);

/** A 32-hex token. */
export const TokenSchema = z.string().regex(/^[0-9a-f]{32}$/).describe("The session token");

const ActionsSchema = z.object({
  list: z.boolean(),
  read: z.boolean(),
  create: z.boolean(),
  edit: z.boolean(),
  delete: z.boolean(),
}).describe("What the caller may do in the module");

/** One module of `listtypes`. */
export const ModuleTypeSchema = z.object({
  name: z.string(),
  label: z.string(),
  actions: ActionsSchema,
}) satisfies z.ZodType<ModuleType>;

const DescribedFieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(FIELD_TYPES),
  mandatory: z.boolean(),
  editable: z.boolean(),
  maxLength: z.number().int().nullable(),
  default: z.string().nullable(),
  picklistValues: z.array(z.object({ value: z.string(), label: z.string() })),
  referenceModules: z.array(z.string()),
  block: z.string().nullable(),
});

/** The answer of `describe`. */
export const ModuleDescriptionSchema = z.object({
  name: z.string(),
  label: z.string(),
  actions: ActionsSchema,
  labelFields: z.array(z.string()),
  allowDuplicates: z.boolean(),
  fields: z.array(DescribedFieldSchema),
}) satisfies z.ZodType<ModuleDescription>;

/** A picklist's values, and with `picklistdep=1` its dependencies. */
export const PicklistSchema = z.object({
  values: z.union([z.record(z.string(), z.string()), z.tuple([])])
    .describe("value → translated label; [] when none, as PHP's json_encode wrote it"),
  dependencies: z.union([
    z.record(z.string(), z.record(z.string(), z.array(z.string()))),
    z.tuple([]),
  ]).describe("source value (or __DEFAULT__) → target field → values; [] when none").optional(),
}) satisfies z.ZodType<PhpPicklistAnswer>;

/** A page of changes. */
export const SyncPageSchema = z.object({
  updated: z.array(RecordSchema),
  deleted: z.array(z.string()).describe("ids of the records deleted since"),
  lastModifiedTime: z.string().describe("the time the next call starts after"),
  more: z.boolean(),
}) satisfies z.ZodType<SyncPage>;

/** The failure envelope. */
export const FailureSchema = z.object({
  success: z.literal(false),
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().describe("One sentence for people; never SQL, stack traces or secrets"),
  }),
});

/** The success envelope around a result. */
export function successSchema(result: z.ZodType): z.ZodType {
  return z.object({ success: z.literal(true), result });
}

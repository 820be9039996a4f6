/**
 * The body of a create or update: field values from a form-encoded, JSON or
 * `multipart/form-data` body, an inventory record's `LineItems` (a JSON
 * array, or its JSON text in a form), and a Documents record's file (the
 * multipart part `filename`), with the size limits enforced on the bytes
 * actually received.
 *
 * @module
 */

import { z } from "zod";
import type { WriteInput } from "../../application/write_input.ts";
import { FILE_FIELD, type UploadedFile } from "../../domain/documents/upload.ts";
import { excerpt } from "../../domain/excerpt.ts";
import { DomainError, invalidParameter, isDomainError } from "../../domain/errors.ts";
import { LINE_ITEMS_KEY, type LineItemInput } from "../../domain/inventory/line_items.ts";
import type { BodyLease } from "./body_budget.ts";
import { cleanFieldValue } from "./field_value_cleaning.ts";
import { holdsMoreValuesThan } from "./body_values.ts";
import { ITEMS_KEY, translateItems } from "./original_items.ts";

const FORM_TYPE = "application/x-www-form-urlencoded";
const MULTIPART_TYPE = "multipart/form-data";
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;

/** A value of a JSON body or line. */
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** `LineItems`: an array of objects of scalar values. */
const lineItemsSchema = z.array(z.record(z.string(), scalar));

/** A JSON body: an object of field names to scalar values, `LineItems` an array of lines. */
const jsonBodySchema = z.record(z.string(), z.union([scalar, lineItemsSchema]));

/** The `PAYLOAD_TOO_LARGE` error for an uploaded file over `maxBytes`. */
export function uploadTooLarge(maxBytes: number): DomainError {
  return new DomainError(
    "PAYLOAD_TOO_LARGE",
    `The uploaded file is larger than the upload limit of ${maxBytes} bytes`,
  );
}

/** The `PAYLOAD_TOO_LARGE` error for a body over `maxBytes`. */
export function payloadTooLarge(maxBytes: number): DomainError {
  return new DomainError(
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than the limit of ${maxBytes} bytes`,
  );
}

/**
 * The default most values one body may hold: form pairs, JSON values (batch
 * records, fields and line values together) or multipart parts. A record
 * has a few hundred fields at most, an inventory record 500 lines.
 */
export const DEFAULT_MAX_BODY_VALUES = 10_000;

/** The `PAYLOAD_TOO_LARGE` error for a body of more than `maxValues` values. */
function tooManyValues(maxValues: number): DomainError {
  return new DomainError(
    "PAYLOAD_TOO_LARGE",
    `The request body holds more than ${maxValues} values`,
  );
}

/** How a body may be read. */
export interface BodyLimits {
  /** The largest body without a file, in bytes. */
  readonly maxBytes: number;
  /** The largest uploaded file, in bytes: a multipart body may be this much larger (default 0). */
  readonly maxUploadBytes?: number;
  /** The process-wide share the body's bytes are counted against, if any. */
  readonly lease?: BodyLease;
  /** Seconds the whole body may take to arrive, if limited. */
  readonly timeoutSeconds?: number;
  /** The most values the body may hold (default {@linkcode DEFAULT_MAX_BODY_VALUES}). */
  readonly maxValues?: number;
}

function bodyTimedOut(seconds: number): DomainError {
  return new DomainError(
    "REQUEST_TIMEOUT",
    `The request body did not arrive within ${seconds} seconds`,
  );
}

/** A client that closes its connection in the middle of its body: a 4xx, not a server fault. */
function bodyCutOff(): DomainError {
  return invalidParameter("The request body ended before it was complete (the client went away)");
}

/** The declared `Content-Length`, when it is a plain number. */
function declaredLength(request: Request): number | undefined {
  const header = request.headers.get("Content-Length");
  return header !== null && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
}

/** Runs `read` until the deadline, which cancels the reader and throws `REQUEST_TIMEOUT`. */
async function beforeDeadline<T>(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  timeoutSeconds: number | undefined,
  read: () => Promise<T>,
): Promise<T> {
  if (timeoutSeconds === undefined) return await read();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reader.cancel().catch(() => {});
      reject(bodyTimedOut(timeoutSeconds));
    }, timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([read(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the whole body, refusing it as soon as it passes `maxBytes`. A
 * `Content-Length` can lie or be absent (chunked encoding), so the bytes are
 * counted as they arrive rather than trusted from the header; a declared
 * length is reserved in the budget at once, so that a body that cannot fit
 * is refused before a byte of it is read.
 */
async function readBytes(
  request: Request,
  limits: BodyLimits,
): Promise<Uint8Array<ArrayBuffer>> {
  const { maxBytes, lease } = limits;
  const declared = declaredLength(request);
  if (declared !== undefined && declared > maxBytes) throw payloadTooLarge(maxBytes);
  if (declared !== undefined) lease?.holdAtLeast(declared);
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  await beforeDeadline(reader, limits.timeoutSeconds, async () => {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw isDomainError(error) ? error : bodyCutOff();
      }
      if (chunk.done) return;
      size += chunk.value.length;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw payloadTooLarge(maxBytes);
      }
      lease?.holdAtLeast(size);
      chunks.push(chunk.value);
    }
  });
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalidParameter("The request body is not valid UTF-8");
  }
}

/** Form fields; a repeated name keeps its last value, as PHP's `$_POST` does. */
function formValues(text: string): Array<[string, string]> {
  return [...new Map(new URLSearchParams(text)).entries()];
}

/** A scalar as field text: null empties a field; booleans become Vtiger's checkbox values. */
function scalarText(value: z.output<typeof scalar>): string {
  return value === null ? "" : typeof value === "boolean" ? (value ? "1" : "0") : String(value);
}

/** The lines of `LineItems`, each value cleaned like a field value. */
function linesOf(lines: z.output<typeof lineItemsSchema>): LineItemInput[] {
  return lines.map((line) =>
    Object.fromEntries(
      Object.entries(line).map(([key, value]) => [key.trim(), cleanFieldValue(scalarText(value))]),
    )
  );
}

function lineItemsFailure(error: z.core.$ZodError): DomainError {
  const path = error.issues[0]?.path ?? [];
  return invalidParameter(
    path.length < 2
      ? `${LINE_ITEMS_KEY} must be an array of objects, one per line`
      : `${LINE_ITEMS_KEY}[${Number(path[0]) + 1}].${String(path[1])} must be a string, ` +
        "number, boolean or null",
  );
}

/** `LineItems` given as JSON text (in a form or multipart body, or a JSON string). */
function linesFromText(text: string): LineItemInput[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameter(
      `${LINE_ITEMS_KEY} must be a JSON array of lines, not '${excerpt(text)}'`,
    );
  }
  const result = lineItemsSchema.safeParse(parsed);
  if (!result.success) throw lineItemsFailure(result.error);
  return linesOf(result.data);
}

/** What a body held: its named values and, apart, `LineItems`, the original's `items` and the file. */
interface BodyParts {
  readonly entries: Array<[string, string]>;
  readonly lineItems?: LineItemInput[];
  /** The original module's `items`, as sent (JSON text, or a JSON body's array): see original_items.ts. */
  readonly items?: unknown;
  readonly upload?: UploadedFile;
}

/** A JSON body: one record's object, or an array of them (a batch create). */
function jsonParts(text: string): BodyParts | BodyParts[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameter("The request body is not valid JSON");
  }
  if (!Array.isArray(parsed)) return objectParts(parsed);
  return parsed.map((item, index) => {
    try {
      return objectParts(item);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw invalidParameter(`Record ${index} of the batch: ${error.message}`);
    }
  });
}

function objectParts(parsed: unknown): BodyParts {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw invalidParameter(
      "The JSON body must be an object of field names to values (or an array of such objects)",
    );
  }
  const record = parsed as Record<string, unknown>;
  let lineItems: LineItemInput[] | undefined;
  if (Object.hasOwn(record, LINE_ITEMS_KEY)) {
    const lines = record[LINE_ITEMS_KEY];
    if (typeof lines === "string") lineItems = linesFromText(lines);
    else {
      const result = lineItemsSchema.safeParse(lines);
      if (!result.success) throw lineItemsFailure(result.error);
      lineItems = linesOf(result.data);
    }
  }
  const items = Object.hasOwn(record, ITEMS_KEY) ? record[ITEMS_KEY] : undefined;
  const result = jsonBodySchema.safeParse(
    items === undefined ? record : Object.fromEntries(
      Object.entries(record).filter(([name]) => name !== ITEMS_KEY),
    ),
  );
  if (!result.success) {
    const name = result.error.issues[0]?.path[0];
    throw invalidParameter(
      name === undefined
        ? "The JSON body must be an object of field names to values"
        : `Field '${excerpt(String(name))}' must be a string, number, boolean or null, ` +
          "not an object or array",
    );
  }
  const entries: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(result.data)) {
    if (name === LINE_ITEMS_KEY) continue;
    if (Array.isArray(value)) {
      throw invalidParameter(
        `Field '${
          excerpt(name)
        }' must be a string, number, boolean or null, not an object or array`,
      );
    }
    entries.push([name, scalarText(value)]);
  }
  return {
    entries,
    ...(lineItems === undefined ? {} : { lineItems }),
    ...(Object.hasOwn(record, ITEMS_KEY) ? { items: record[ITEMS_KEY] } : {}),
  };
}

/** Form values; `LineItems` and the original's `items` are JSON text. */
function formParts(entries: Array<[string, string]>): BodyParts {
  const lines = entries.find(([name]) => name.trim() === LINE_ITEMS_KEY);
  const items = entries.find(([name]) => name.trim() === ITEMS_KEY);
  return {
    entries: entries.filter(([name]) =>
      name.trim() !== LINE_ITEMS_KEY && name.trim() !== ITEMS_KEY
    ),
    ...(lines === undefined ? {} : { lineItems: linesFromText(lines[1]) }),
    ...(items === undefined ? {} : { items: items[1] }),
  };
}

/** A multipart body: text parts as form values, the part `filename` as the file. */
async function multipartParts(
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string,
  maxUploadBytes: number,
): Promise<BodyParts> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw invalidParameter("The request body is not valid multipart/form-data");
  }
  const entries: Array<[string, string]> = [];
  let upload: UploadedFile | undefined;
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      entries.push([name, value]);
      continue;
    }
    if (name !== FILE_FIELD) {
      throw invalidParameter(
        `Part '${excerpt(name)}' carries a file; only the part '${FILE_FIELD}' may`,
      );
    }
    if (upload !== undefined) throw invalidParameter("The request body carries more than one file");
    if (value.size > maxUploadBytes) throw uploadTooLarge(maxUploadBytes);
    upload = {
      name: value.name,
      type: value.type,
      bytes: new Uint8Array(await value.arrayBuffer()),
    };
  }
  // A repeated name keeps its last value, as PHP's `$_POST` does.
  const deduplicated = [...new Map(entries).entries()];
  return { ...formParts(deduplicated), ...(upload === undefined ? {} : { upload }) };
}

function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * The body of a create or update. An empty body gives no values (the use
 * case then names the missing mandatory fields); otherwise it must be
 * `application/x-www-form-urlencoded` (what the original PHP client sends,
 * for POST and PUT alike), `application/json`, or `multipart/form-data` (a
 * Documents record with its file, which may make the body larger by
 * `limits.maxUploadBytes`). Every value is cleaned by
 * {@linkcode cleanFieldValue}; a file is passed on as received. The body's
 * bytes are counted against `limits.lease` until that lease is disposed.
 */
export async function readWriteBody(
  request: Request,
  limits: BodyLimits,
): Promise<WriteInput | WriteInput[]> {
  const contentType = request.headers.get("Content-Type");
  const mediaType = mediaTypeOf(contentType);
  const multipart = mediaType === MULTIPART_TYPE;
  const maxUploadBytes = limits.maxUploadBytes ?? 0;
  const bytes = await readBytes(
    request,
    multipart ? { ...limits, maxBytes: limits.maxBytes + maxUploadBytes } : limits,
  );
  if (bytes.length === 0) return { values: {} };
  if (!multipart && mediaType !== FORM_TYPE && !JSON_TYPE.test(mediaType)) {
    const accepted = `${FORM_TYPE}, application/json or ${MULTIPART_TYPE}`;
    throw invalidParameter(
      mediaType === ""
        ? `The request body has no Content-Type; send ${accepted}`
        : `Content-Type '${excerpt(mediaType)}' is not supported; send ${accepted}`,
    );
  }
  // Parsing costs time per value: count them first, in one pass over the bytes.
  const maxValues = limits.maxValues ?? DEFAULT_MAX_BODY_VALUES;
  if (holdsMoreValuesThan(bytes, mediaType, contentType ?? "", maxValues)) {
    throw tooManyValues(maxValues);
  }
  let parts: BodyParts | BodyParts[];
  if (multipart) parts = await multipartParts(bytes, contentType ?? "", maxUploadBytes);
  else if (mediaType === FORM_TYPE) parts = formParts(formValues(decodeUtf8(bytes)));
  else parts = jsonParts(decodeUtf8(bytes));
  if (!Array.isArray(parts)) return writeOf(parts);
  return parts.map((part, index) => {
    try {
      return writeOf(part);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw invalidParameter(`Record ${index} of the batch: ${error.message}`);
    }
  });
}

/** A body's parts as one write: every value cleaned, every name trimmed and non-empty. */
function writeOf(parts: BodyParts): WriteInput {
  const values = parts.entries.map(([name, value]): [string, string] => [
    name.trim(),
    cleanFieldValue(value),
  ]);
  if (values.some(([name]) => name === "")) {
    throw invalidParameter("The request body has a value without a field name");
  }
  // fromEntries defines own properties, so a field named `__proto__` stays a plain (bad) field.
  const fields = Object.fromEntries(values);
  if (Object.hasOwn(parts, "items")) {
    const translated = translateItems(fields, parts.items, parts.lineItems !== undefined);
    return {
      values: translated.values,
      lineItems: translated.lineItems,
      ...(parts.upload === undefined ? {} : { upload: parts.upload }),
    };
  }
  return {
    values: fields,
    ...(parts.lineItems === undefined ? {} : { lineItems: parts.lineItems }),
    ...(parts.upload === undefined ? {} : { upload: parts.upload }),
  };
}

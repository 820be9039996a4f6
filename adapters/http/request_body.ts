/**
 * The field values of a create or update, read from a form-encoded or JSON
 * body with the size limit enforced on the bytes actually received.
 *
 * @module
 */

import { z } from "zod";
import { DomainError, invalidParameter, isDomainError } from "../../domain/errors.ts";
import type { FieldValues } from "../../domain/record.ts";
import type { BodyLease } from "./body_budget.ts";
import { cleanFieldValue } from "./field_value_cleaning.ts";
import { excerpt } from "../../domain/excerpt.ts";

const FORM_TYPE = "application/x-www-form-urlencoded";
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;

/** A JSON body: an object of field names to scalar values. */
const jsonBodySchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

/** The `PAYLOAD_TOO_LARGE` error for a body over `maxBytes`. */
export function payloadTooLarge(maxBytes: number): DomainError {
  return new DomainError(
    "PAYLOAD_TOO_LARGE",
    `The request body is larger than the limit of ${maxBytes} bytes`,
  );
}

/** How a body may be read. */
export interface BodyLimits {
  /** The largest body, in bytes. */
  readonly maxBytes: number;
  /** The process-wide share the body's bytes are counted against, if any. */
  readonly lease?: BodyLease;
  /** Seconds the whole body may take to arrive, if limited. */
  readonly timeoutSeconds?: number;
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
async function readBytes(request: Request, limits: BodyLimits): Promise<Uint8Array> {
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

function jsonValues(text: string): Array<[string, string]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameter("The request body is not valid JSON");
  }
  const result = jsonBodySchema.safeParse(parsed);
  if (!result.success) {
    const name = result.error.issues[0]?.path[0];
    throw invalidParameter(
      name === undefined
        ? "The JSON body must be an object of field names to values"
        : `Field '${excerpt(String(name))}' must be a string, number, boolean or null, ` +
          "not an object or array",
    );
  }
  // null empties a field; booleans become Vtiger's checkbox values.
  return Object.entries(result.data).map(([name, value]) => [
    name,
    value === null ? "" : typeof value === "boolean" ? (value ? "1" : "0") : String(value),
  ]);
}

function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * The field values of a create or update. An empty body gives no values (the
 * use case then names the missing mandatory fields); otherwise the body must
 * be `application/x-www-form-urlencoded` (what the original PHP client sends,
 * for POST and PUT alike) or `application/json`. Every value is cleaned by
 * {@linkcode cleanFieldValue}. The body's bytes are counted against
 * `limits.lease` until that lease is disposed.
 */
export async function readFieldValues(request: Request, limits: BodyLimits): Promise<FieldValues> {
  const bytes = await readBytes(request, limits);
  if (bytes.length === 0) return {};
  const mediaType = mediaTypeOf(request.headers.get("Content-Type"));
  const text = decodeUtf8(bytes);
  let entries: Array<[string, string]>;
  if (mediaType === FORM_TYPE) entries = formValues(text);
  else if (JSON_TYPE.test(mediaType)) entries = jsonValues(text);
  else {
    throw invalidParameter(
      mediaType === ""
        ? `The request body has no Content-Type; send ${FORM_TYPE} or application/json`
        : `Content-Type '${
          excerpt(mediaType)
        }' is not supported; send ${FORM_TYPE} or application/json`,
    );
  }
  const values = entries.map(([name, value]): [string, string] => [
    name.trim(),
    cleanFieldValue(value),
  ]);
  if (values.some(([name]) => name === "")) {
    throw invalidParameter("The request body has a value without a field name");
  }
  // fromEntries defines own properties, so a field named `__proto__` stays a plain (bad) field.
  return Object.fromEntries(values);
}

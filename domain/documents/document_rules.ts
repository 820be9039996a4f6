/**
 * Where a Documents record keeps its file, as Vtiger's `Documents::save_module`
 * decides it: `filelocationtype` `I` (internal: a file uploaded into the
 * install's `storage/` tree, or none at all) or `E` (external: `filename` is
 * a link, given `http://` when it names no protocol).
 *
 * @module
 */

import { excerpt } from "../excerpt.ts";
import { invalidFieldValue } from "../errors.ts";
import { FILE_FIELD, storedFileName, type UploadedFile } from "./upload.ts";

/** The field telling where the file is. */
export const LOCATION_FIELD = "filelocationtype";

/** A file uploaded into the install. */
export const INTERNAL = "I";

/** A link to a file elsewhere. */
export const EXTERNAL = "E";

/** Vtiger's test for a link that names its protocol (`https://`, `smb://`, `\\server`). */
const HAS_PROTOCOL = /^\w{1,5}:\/\/|^\w{0,3}:?\\\\/;

/** The link Vtiger stores for an external document: `http://` added when no protocol is named. */
export function externalLink(link: string): string {
  const trimmed = link.trim();
  return trimmed === "" || HAS_PROTOCOL.test(trimmed) ? trimmed : `http://${trimmed}`;
}

/**
 * The file values of a Documents write: with an upload, an internal file
 * named as Vtiger stores it; with a link, an external one; on a create with
 * neither, an internal document without a file (a note). `stored` is the
 * record's location before an update (`undefined` on create).
 */
export function documentFileValues(
  values: Readonly<Record<string, string>>,
  upload: UploadedFile | undefined,
  stored: string | undefined,
): Record<string, string> {
  const location = values[LOCATION_FIELD]?.trim().toUpperCase();
  if (location !== undefined && location !== "" && location !== INTERNAL && location !== EXTERNAL) {
    throw invalidFieldValue(
      LOCATION_FIELD,
      `Field '${LOCATION_FIELD}' must be I (a file stored in Vtiger) or E (a link), not '${
        excerpt(values[LOCATION_FIELD])
      }'`,
    );
  }
  if (upload !== undefined) {
    if (location === EXTERNAL) {
      throw invalidFieldValue(LOCATION_FIELD, "A file was uploaded for an external (E) document");
    }
    if (upload.bytes.length === 0) {
      throw invalidFieldValue(FILE_FIELD, "The uploaded file is empty");
    }
    return { ...values, [LOCATION_FIELD]: INTERNAL, [FILE_FIELD]: storedFileName(upload.name) };
  }
  const effective = location === undefined || location === "" ? stored ?? INTERNAL : location;
  const name = values[FILE_FIELD];
  if (effective === EXTERNAL) {
    const result: Record<string, string> = { ...values, [LOCATION_FIELD]: EXTERNAL };
    if (name !== undefined) result[FILE_FIELD] = externalLink(name);
    return result;
  }
  if (name !== undefined && name.trim() !== "") {
    throw invalidFieldValue(
      FILE_FIELD,
      "An internal document's file name comes with its file: upload the file " +
        `(multipart/form-data, part '${FILE_FIELD}'), or set ${LOCATION_FIELD} E for a link`,
    );
  }
  if (stored === EXTERNAL) {
    // The link goes: an internal document without an upload has no file yet.
    return { ...values, [LOCATION_FIELD]: INTERNAL, [FILE_FIELD]: "" };
  }
  return stored === undefined || location !== undefined
    ? { ...values, [LOCATION_FIELD]: INTERNAL }
    : { ...values };
}

/**
 * Files of Documents records, as Vtiger's save takes them: the name cleaned
 * as `sanitizeUploadFileName` and `basename` clean it (spaces as `_`, no
 * folder part, an executable extension defused as `name.phpfile.txt`), the
 * type as the client declared it, the size in bytes.
 *
 * @module
 */

import { excerpt } from "../excerpt.ts";
import { invalidFieldValue } from "../errors.ts";

/** A file a client uploads with a record. */
export interface UploadedFile {
  /** The file's name as the client gave it. */
  readonly name: string;
  /** Its media type as the client declared it (`""` when none). */
  readonly type: string;
  /** Its content. */
  readonly bytes: Uint8Array;
}

/** The field a Documents record keeps its file name in, and the multipart part a file comes in. */
export const FILE_FIELD = "filename";

/**
 * Extensions a stored file may not end in: Vtiger 7's default
 * `$upload_badext`, plus what later Vtiger releases added (`htaccess`,
 * `phar`) and what Debian's and Ubuntu's Apache run as PHP besides
 * (`pht`, `php7`), so that no upload becomes a script where the storage
 * folder is served.
 */
export const UPLOAD_BAD_EXTENSIONS: ReadonlySet<string> = new Set([
  "php",
  "php3",
  "php4",
  "php5",
  "pl",
  "cgi",
  "py",
  "asp",
  "cfm",
  "js",
  "vbs",
  "html",
  "htm",
  "exe",
  "bin",
  "bat",
  "sh",
  "dll",
  "phps",
  "phtml",
  "xhtml",
  "rb",
  "msi",
  "jsp",
  "shtml",
  "sth",
  "shtm",
  "htaccess",
  "phar",
  "pht",
  "php7",
]);

/** The longest stored file name (`vtiger_notes.filename` holds 200 characters in Vtiger 7). */
export const MAX_FILE_NAME_LENGTH = 200;

/** What a declared media type must look like to be kept (`type/subtype`, parameters allowed). */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;.*)?$/i;

/** The type stored when the client declared none or a malformed one. */
export const DEFAULT_MEDIA_TYPE = "application/octet-stream";

/**
 * The name Vtiger stores for an uploaded file: runs of white space as `_`,
 * no trailing `\/<>?*:"|`, every part that is an executable extension
 * suffixed with `file` and `.txt` appended, and only the part after the last
 * `/` or `\`. Control characters and names that end up empty or longer
 * than {@linkcode MAX_FILE_NAME_LENGTH} are refused.
 */
export function storedFileName(clientName: string): string {
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(clientName.replace(/\s/g, " "))) {
    throw invalidFieldValue(FILE_FIELD, "The file name holds control characters");
  }
  let name = clientName.replace(/\s+/g, "_").replace(/[\\/<>?*:"|]+$/, "");
  const parts = name.split(".");
  const defused = parts.map((part) =>
    UPLOAD_BAD_EXTENSIONS.has(part.toLowerCase()) ? `${part}file` : part
  );
  name = defused.join(".") + (defused.some((part, i) => part !== parts[i]) ? ".txt" : "");
  name = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1).trimStart();
  if (name === "" || name === "." || name === "..") {
    throw invalidFieldValue(
      FILE_FIELD,
      `The file name '${excerpt(clientName)}' leaves no name to store`,
    );
  }
  if ([...name].length > MAX_FILE_NAME_LENGTH) {
    throw invalidFieldValue(
      FILE_FIELD,
      `The file name holds at most ${MAX_FILE_NAME_LENGTH} characters, not ${[...name].length}`,
    );
  }
  return name;
}

/** The media type stored for a file: the declared one when well formed, else octet-stream. */
export function storedMediaType(declared: string): string {
  const type = declared.trim();
  return type.length <= 100 && MEDIA_TYPE.test(type) ? type : DEFAULT_MEDIA_TYPE;
}

/** A stored file of a Documents record, ready to be sent. */
export interface DocumentFile {
  /** The name to offer the file under. */
  readonly name: string;
  /** Its media type. */
  readonly type: string;
  /** Its size in bytes. */
  readonly size: number;
  /** Its content. */
  readonly content: ReadableStream<Uint8Array>;
}

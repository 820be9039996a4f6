/**
 * A document's file as the response to its download: the bytes as stored,
 * with the type and name Vtiger recorded for it, always as an attachment and
 * never sniffed or run by the browser (a stored HTML file must not execute
 * in the API's origin).
 *
 * @module
 */

import type { DocumentFile } from "../../domain/documents/upload.ts";
import { SUCCESS_STATUS } from "./error_status.ts";

/** `filename*` (RFC 6266 / 5987) for any name, and an ASCII `filename` fallback. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The download response for a stored file. */
export function fileResponse(file: DocumentFile): Response {
  return new Response(file.content, {
    status: SUCCESS_STATUS,
    headers: {
      "Content-Type": file.type,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(file.name),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": "private, no-store",
    },
  });
}

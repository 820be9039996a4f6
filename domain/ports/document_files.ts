/**
 * A port of the domain: implemented by adapters, used by use cases.
 *
 * @module
 */

import type { DocumentFile } from "../documents/upload.ts";

/** The files of Documents records, where the Vtiger install keeps them. */
export interface DocumentFiles {
  /**
   * The stored file of a live Documents record, counted as downloaded, or
   * `undefined` when the record has none (an external link, a note).
   * `METHOD_NOT_ALLOWED` when the install's files cannot be reached here.
   */
  open(documentId: number): Promise<DocumentFile | undefined>;
}

/**
 * The files of Documents records, read where Vtiger stored them: the
 * document's newest attachment (`vtiger_seattachmentsrel` →
 * `vtiger_attachments`), in the install's `storage/` tree as
 * `<attachmentsid>_<stored name>` (`<attachmentsid>_<name>` before Vtiger 7.3
 * kept a stored name), counted as downloaded as Vtiger's download counts it.
 *
 * @module
 */

import { sql } from "kysely";
import type { DocumentFile } from "../../../domain/documents/upload.ts";
import { DomainError } from "../../../domain/errors.ts";
import type { DocumentFiles } from "../../../domain/ports.ts";
import type { VtigerStorage } from "../../system/vtiger_storage.ts";
import type { VtigerDb } from "../database.ts";
import { guarded } from "../driver_errors.ts";
import { decodeHtmlEntities } from "../records/html_entities.ts";

interface AttachmentRow {
  attachmentsid: number;
  name: string;
  type: string | null;
  path: string | null;
  storedname?: string | null;
}

/** Documents' files in a Vtiger database and its install's storage tree. */
export class MysqlDocumentFiles implements DocumentFiles {
  #db: VtigerDb;
  #storage: VtigerStorage | undefined;

  /** Reads rows through `db` and files through `storage` (absent: `VTIGER_ROOT` unset). */
  constructor(db: VtigerDb, storage: VtigerStorage | undefined) {
    this.#db = db;
    this.#storage = storage;
  }

  /** The document's stored file, counted as downloaded; `undefined` when it has none. */
  async open(documentId: number): Promise<DocumentFile | undefined> {
    const storage = this.#storage;
    if (storage === undefined) {
      throw new DomainError(
        "METHOD_NOT_ALLOWED",
        "Files of Documents cannot be read here: VTIGER_ROOT (the Vtiger install's folder) is not set",
      );
    }
    const attachment = await guarded(async () => {
      const found = await sql<AttachmentRow>`
        SELECT a.* FROM vtiger_attachments a
        INNER JOIN vtiger_seattachmentsrel r ON r.attachmentsid = a.attachmentsid
        INNER JOIN vtiger_notes n ON n.notesid = r.crmid AND n.filelocationtype = 'I'
        WHERE r.crmid = ${documentId}
        ORDER BY a.attachmentsid DESC LIMIT 1`.execute(this.#db);
      return found.rows[0];
    });
    if (attachment === undefined) return undefined;
    const name = decodeHtmlEntities(attachment.name);
    const stored = attachment.storedname ?? "";
    const file = await storage.open(
      attachment.path ?? "",
      `${attachment.attachmentsid}_${stored === "" ? name : stored}`,
    );
    if (file === undefined) return undefined;
    await guarded(() =>
      sql`UPDATE vtiger_notes SET filedownloadcount = COALESCE(filedownloadcount, 0) + 1
        WHERE notesid = ${documentId}`.execute(this.#db)
    );
    return {
      name,
      type: attachment.type ?? "application/octet-stream",
      size: file.size,
      content: file.content,
    };
  }
}

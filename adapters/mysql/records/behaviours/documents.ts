/**
 * Documents and their files, as Vtiger's `Documents::save_module` and
 * `CRMEntity::uploadAndSaveFile` store them:
 *
 * - an uploaded file gets an id from `vtiger_crmentity_seq`, a
 *   `vtiger_crmentity` row (setype `Documents Attachment`), a
 *   `vtiger_attachments` row (name, type, folder, and on 7.3 an unguessable
 *   stored name) and a `vtiger_seattachmentsrel` row; the file goes to the
 *   install's `storage/<year>/<Month>/week<n>/` folder as
 *   `<attachmentsid>_<stored name>`; the document's `vtiger_notes` row gets
 *   the file's name, size and type;
 * - a new file on an update replaces the document's link to the old one
 *   (the old file and rows stay, as Vtiger keeps them for the history);
 * - turning a document into a link (`E`) unlinks its file.
 *
 * Without `VTIGER_ROOT` no file can be stored: the write is refused.
 *
 * @module
 */

import { sql } from "kysely";
import { EXTERNAL, INTERNAL, LOCATION_FIELD } from "../../../../domain/documents/document_rules.ts";
import {
  storedFileName,
  storedMediaType,
  type UploadedFile,
} from "../../../../domain/documents/upload.ts";
import { DomainError } from "../../../../domain/errors.ts";
import { storageFolder } from "../../../system/vtiger_storage.ts";
import { nextSequenceValue } from "../numbering.ts";
import type {
  ChangedRecord,
  CreatedRecord,
  ModuleWriteBehaviour,
  WriteScene,
} from "../write_behaviour.ts";

/** The setype of a document's attachment in `vtiger_crmentity`. */
const ATTACHMENT_SETYPE = "Documents Attachment";

function random32(): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(16)),
    (byte) => byte.toString(16).padStart(2, "0"),
  ).join("");
}

/** Vtiger 7.3's stored name: a hash, then the name's extension (7.1 stores the name itself). */
function unguessableName(name: string): string {
  const dot = name.lastIndexOf(".");
  return `${random32()}.${dot < 0 ? name : name.slice(dot + 1)}`;
}

async function hasStoredNameColumn(scene: WriteScene): Promise<boolean> {
  const found = await sql<{ n: number }>`
    SELECT COUNT(*) AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
    AND TABLE_NAME = 'vtiger_attachments' AND COLUMN_NAME = 'storedname'`.execute(scene.trx);
  return Number(found.rows[0]?.n ?? 0) > 0;
}

/** Unlinks the document's current file (its rows and the file itself stay). */
async function unlinkFiles(scene: WriteScene, documentId: number): Promise<void> {
  await sql`DELETE r FROM vtiger_seattachmentsrel r
    INNER JOIN vtiger_crmentity e ON e.crmid = r.attachmentsid AND e.setype = ${ATTACHMENT_SETYPE}
    WHERE r.crmid = ${documentId}`.execute(scene.trx);
}

/** Stores an uploaded file for the document: rows, file fields, and the file on disk. */
async function storeUpload(
  scene: WriteScene,
  documentId: number,
  upload: UploadedFile,
  record: Readonly<Record<string, string | null>>,
): Promise<void> {
  const files = scene.files;
  if (files === undefined) {
    throw new DomainError(
      "METHOD_NOT_ALLOWED",
      "Files of Documents cannot be stored here: VTIGER_ROOT (the Vtiger install's folder, " +
        "whose storage/ tree holds them) is not set",
    );
  }
  const { trx, context, now } = scene;
  const name = storedFileName(upload.name);
  const type = storedMediaType(upload.type);
  const storedName = await hasStoredNameColumn(scene) ? unguessableName(name) : undefined;
  const attachmentId = await nextSequenceValue(trx, "vtiger_crmentity_seq");
  const folder = storageFolder(now);
  const owner = Number(record.assigned_user_id ?? "") || context.actorId;
  // Vtiger copies the record's description (Documents have none: NULL) onto its attachment.
  const description = record.description ?? null;
  await sql`UPDATE vtiger_notes SET filename = ${name}, filesize = ${upload.bytes.length},
    filetype = ${type}, filelocationtype = ${INTERNAL}, filedownloadcount = NULL
    WHERE notesid = ${documentId}`.execute(trx);
  await sql`INSERT INTO vtiger_crmentity
    (crmid, smcreatorid, smownerid, setype, description, createdtime, modifiedtime)
    VALUES (${attachmentId}, ${context.actorId}, ${owner}, ${ATTACHMENT_SETYPE},
      ${description}, ${now}, ${now})`.execute(trx);
  if (storedName === undefined) {
    await sql`INSERT INTO vtiger_attachments (attachmentsid, name, description, type, path)
      VALUES (${attachmentId}, ${name}, ${description}, ${type}, ${folder})`.execute(trx);
  } else {
    await sql`INSERT INTO vtiger_attachments
      (attachmentsid, name, description, type, path, storedname)
      VALUES (${attachmentId}, ${name}, ${description}, ${type}, ${folder}, ${storedName})`
      .execute(trx);
  }
  await sql`INSERT INTO vtiger_seattachmentsrel (crmid, attachmentsid)
    VALUES (${documentId}, ${attachmentId})`.execute(trx);
  const fileName = `${attachmentId}_${storedName ?? name}`;
  await files.write(folder, fileName, upload.bytes);
  scene.onRollback(() => files.remove(folder, fileName));
}

/** A document without a file: no type, size 0, no download count, as Vtiger's save leaves it. */
async function clearFileFields(scene: WriteScene, documentId: number): Promise<void> {
  await sql`UPDATE vtiger_notes SET filetype = '', filesize = 0, filedownloadcount = NULL
    WHERE notesid = ${documentId}`.execute(scene.trx);
}

async function afterCreate(scene: WriteScene, created: CreatedRecord): Promise<void> {
  const upload = scene.extras.upload;
  if (upload !== undefined) await storeUpload(scene, created.id, upload, created.row.record.values);
  else await clearFileFields(scene, created.id);
}

async function afterUpdate(scene: WriteScene, changed: ChangedRecord): Promise<void> {
  const upload = scene.extras.upload;
  if (upload !== undefined) {
    await unlinkFiles(scene, changed.id);
    await storeUpload(scene, changed.id, upload, changed.after.record.values);
  } else if (
    changed.values[LOCATION_FIELD] === EXTERNAL &&
    changed.before.record.values[LOCATION_FIELD] !== EXTERNAL
  ) {
    await unlinkFiles(scene, changed.id);
    await clearFileFields(scene, changed.id);
  }
}

/** The files of Documents. */
export const DOCUMENT_FILES: ModuleWriteBehaviour = {
  name: "document files",
  afterCreate,
  afterUpdate,
};

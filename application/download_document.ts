/**
 * Use case: download the file of a Documents record.
 *
 * @module
 */

import type { DocumentFile } from "../domain/documents/upload.ts";
import { DomainError, invalidParameter } from "../domain/errors.ts";
import type { DocumentFiles, ModuleCatalog, RecordRepository } from "../domain/ports.ts";
import { parseRecordId } from "../domain/record.ts";
import type { CallerDeps } from "./authenticate_caller.ts";
import { findReachableRecord } from "./find_reachable_record.ts";
import { openModuleFor } from "./open_module.ts";

/** The ports a download needs. */
export interface DownloadDocumentDeps extends CallerDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** Record storage. */
  readonly records: RecordRepository;
  /** The install's files; absent where no install is configured. */
  readonly files?: DocumentFiles;
}

/** What a download names. */
export interface DownloadDocumentInput {
  /** The caller's token. */
  readonly token: string | undefined;
  /** The module name (`Documents`). */
  readonly module: string;
  /** The document's id. */
  readonly id: string | number;
}

/** Sends the file of a document the caller may read, as Vtiger's download does. */
export class DownloadDocument {
  #deps: DownloadDocumentDeps;

  /** Wires the use case to its ports. */
  constructor(deps: DownloadDocumentDeps) {
    this.#deps = deps;
  }

  /**
   * The stored file. `INVALID_PARAMETER` for a module without files,
   * `RECORD_NOT_FOUND` / `ACCESS_DENIED` as for a read, `NOT_FOUND` when the
   * document has no stored file (a link or a note).
   */
  async execute(input: DownloadDocumentInput): Promise<DocumentFile> {
    const { privileges, module, grant } = await openModuleFor(
      this.#deps,
      input.token,
      input.module,
      "view",
    );
    if (module.inputs?.upload !== true) {
      throw invalidParameter(`Records of module ${module.name} have no file to download`);
    }
    const id = parseRecordId(input.id);
    await findReachableRecord(this.#deps.records, privileges, module, id, grant.read, "read");
    if (this.#deps.files === undefined) {
      throw new DomainError(
        "METHOD_NOT_ALLOWED",
        "Files of Documents cannot be read here: VTIGER_ROOT (the Vtiger install's folder) is not set",
      );
    }
    const file = await this.#deps.files.open(id);
    if (file === undefined) {
      throw new DomainError(
        "NOT_FOUND",
        `${module.name} record ${id} has no file stored in Vtiger (it is a link or a note)`,
      );
    }
    return file;
  }
}

/**
 * The files of a Vtiger install, under its `storage/` tree (`VTIGER_ROOT`):
 * where Vtiger keeps uploaded documents, in a folder per year, month and week
 * (`storage/2027/January/week3/`), each file named `<attachmentsid>_<name>`.
 * Every path is checked to stay inside the install's folder, whatever the
 * database says.
 *
 * @module
 */

import { DomainError } from "../../domain/errors.ts";

/** An opened stored file. */
export interface OpenedFile {
  /** Its content. */
  readonly content: ReadableStream<Uint8Array>;
  /** Its size in bytes. */
  readonly size: number;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * The folder Vtiger's `decideFilePath` picks for a file stored on `date`
 * (`YYYY-MM-DD`, the install's day): `storage/<year>/<Month>/week<1-5>/`.
 */
export function storageFolder(date: string): string {
  const [year, month, day] = date.slice(0, 10).split("-").map(Number);
  const week = Math.min(5, Math.ceil(day / 7));
  return `storage/${year}/${MONTHS[month - 1]}/week${week}/`;
}

function unreachable(what: string): DomainError {
  return new DomainError("INTERNAL_ERROR", `The stored file ${what} lies outside the install`);
}

/** Joins a folder of the install (relative, as Vtiger stores it) and a file name, safely. */
function within(root: string, folder: string, name: string): string {
  const parts = folder.replaceAll("\\", "/").split("/").filter((part) =>
    part !== "" && part !== "."
  );
  if (parts.some((part) => part === "..") || folder.startsWith("/")) throw unreachable(folder);
  if (name === "" || name.includes("/") || name.includes("\\") || name === "..") {
    throw unreachable(name);
  }
  return [root.replace(/\/+$/, ""), ...parts, name].join("/");
}

/** The storage tree of one Vtiger install. */
export class VtigerStorage {
  #root: string;

  /** Files under `root` (the install's folder, `VTIGER_ROOT`). */
  constructor(root: string) {
    this.#root = root;
  }

  /**
   * Writes a new file (never over an existing one), creating its folders.
   * `METHOD_NOT_ALLOWED` when vtrest may not write there.
   */
  async write(folder: string, name: string, bytes: Uint8Array): Promise<void> {
    const path = within(this.#root, folder, name);
    try {
      await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
      await Deno.writeFile(path, bytes, { createNew: true, mode: 0o640 });
    } catch (error) {
      if (
        error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied
      ) {
        throw new DomainError(
          "METHOD_NOT_ALLOWED",
          "Files of Documents cannot be stored here: vtrest may not write into VTIGER_ROOT's " +
            "storage/ tree (run it with --allow-write, as a user who may write there)",
        );
      }
      throw error;
    }
  }

  /** Removes a file written by {@linkcode VtigerStorage.write}; a missing one is fine. */
  async remove(folder: string, name: string): Promise<void> {
    try {
      await Deno.remove(within(this.#root, folder, name));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }

  /** Opens a stored file for reading, or `undefined` when it is not there. */
  async open(folder: string, name: string): Promise<OpenedFile | undefined> {
    const path = within(this.#root, folder, name);
    try {
      const file = await Deno.open(path, { read: true });
      const info = await file.stat();
      if (!info.isFile) {
        file.close();
        return undefined;
      }
      return { content: file.readable, size: info.size };
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    }
  }
}

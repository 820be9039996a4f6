/**
 * File names as Vtiger stores them, and where a document keeps its file.
 */

import assert from "node:assert/strict";
import { documentFileValues, externalLink } from "../../../domain/documents/document_rules.ts";
import {
  DEFAULT_MEDIA_TYPE,
  storedFileName,
  storedMediaType,
  type UploadedFile,
} from "../../../domain/documents/upload.ts";
import { throwsDomainError } from "../_assert_error.ts";

const FILE: UploadedFile = {
  name: "contrat cadre.pdf",
  type: "application/pdf",
  bytes: new Uint8Array([1]),
};

Deno.test("stored file names: spaces, folders, executable extensions, as Vtiger cleans them", () => {
  assert.equal(storedFileName("contrat  cadre.pdf"), "contrat_cadre.pdf");
  assert.equal(storedFileName("../../etc/passwd"), "passwd");
  assert.equal(storedFileName("C:\\Users\\me\\report.xlsx"), "report.xlsx");
  assert.equal(storedFileName("evil.php"), "evil.phpfile.txt");
  assert.equal(storedFileName("page.HTML.gz"), "page.HTMLfile.gz.txt");
  // Extensions later Vtiger releases refuse too, and that Debian's and Ubuntu's Apache run as PHP
  // (`.+\.ph(ar|p|tml)$`, older `\.ph(p[3457]?|t|tml)$`), and Apache's own configuration file.
  assert.equal(storedFileName("shell.phar"), "shell.pharfile.txt");
  assert.equal(storedFileName("shell.PHT"), "shell.PHTfile.txt");
  assert.equal(storedFileName("shell.php7"), "shell.php7file.txt");
  assert.equal(storedFileName(".htaccess"), ".htaccessfile.txt");
  assert.equal(storedFileName("résumé.docx"), "résumé.docx");
  assert.equal(storedFileName('name?*:"'), "name");
  throwsDomainError(
    () => storedFileName("a\u0000b.pdf"),
    "INVALID_FIELD_VALUE",
    "control characters",
  );
  assert.equal(storedFileName("folder/"), "folder");
  throwsDomainError(() => storedFileName("/"), "INVALID_FIELD_VALUE", "leaves no name");
  throwsDomainError(() => storedFileName(".."), "INVALID_FIELD_VALUE", "leaves no name");
  throwsDomainError(
    () => storedFileName(`${"a".repeat(201)}`),
    "INVALID_FIELD_VALUE",
    "at most 200",
  );
});

Deno.test("stored media types: the declared one when well formed", () => {
  assert.equal(storedMediaType("application/pdf"), "application/pdf");
  assert.equal(storedMediaType("text/plain; charset=utf-8"), "text/plain; charset=utf-8");
  assert.equal(storedMediaType(""), DEFAULT_MEDIA_TYPE);
  assert.equal(storedMediaType("<script>"), DEFAULT_MEDIA_TYPE);
});

Deno.test("external links get http:// when they name no protocol, as Vtiger does", () => {
  assert.equal(
    externalLink("https://files.example.com/a.pdf?v=2&x=1"),
    "https://files.example.com/a.pdf?v=2&x=1",
  );
  assert.equal(externalLink("files.example.com/a.pdf"), "http://files.example.com/a.pdf");
  assert.equal(externalLink("\\\\server\\share\\a.pdf"), "\\\\server\\share\\a.pdf");
  assert.equal(externalLink("smb://server/a.pdf"), "smb://server/a.pdf");
});

Deno.test("a document's file values on create", () => {
  assert.deepEqual(documentFileValues({ notes_title: "A" }, FILE, undefined), {
    notes_title: "A",
    filelocationtype: "I",
    filename: "contrat_cadre.pdf",
  });
  assert.deepEqual(
    documentFileValues({ filelocationtype: "e", filename: "example.com/x" }, undefined, undefined),
    { filelocationtype: "E", filename: "http://example.com/x" },
  );
  assert.deepEqual(documentFileValues({ notes_title: "A note" }, undefined, undefined), {
    notes_title: "A note",
    filelocationtype: "I",
  });
  throwsDomainError(
    () => documentFileValues({ filelocationtype: "E" }, FILE, undefined),
    "INVALID_FIELD_VALUE",
    "uploaded for an external",
  );
  throwsDomainError(
    () => documentFileValues({ filename: "a.pdf" }, undefined, undefined),
    "INVALID_FIELD_VALUE",
    "comes with its file",
  );
  throwsDomainError(
    () => documentFileValues({ filelocationtype: "X" }, undefined, undefined),
    "INVALID_FIELD_VALUE",
    "must be I (a file stored in Vtiger) or E (a link)",
  );
  throwsDomainError(
    () => documentFileValues({}, { ...FILE, bytes: new Uint8Array() }, undefined),
    "INVALID_FIELD_VALUE",
    "The uploaded file is empty",
  );
});

Deno.test("a document's file values on update", () => {
  assert.deepEqual(documentFileValues({ filename: "x.example.com" }, undefined, "E"), {
    filelocationtype: "E",
    filename: "http://x.example.com",
  });
  assert.deepEqual(documentFileValues({ notes_title: "B" }, undefined, "I"), { notes_title: "B" });
  assert.deepEqual(documentFileValues({ filelocationtype: "I" }, undefined, "E"), {
    filelocationtype: "I",
    filename: "",
  });
  assert.deepEqual(documentFileValues({}, FILE, "E"), {
    filelocationtype: "I",
    filename: "contrat_cadre.pdf",
  });
});

/**
 * Documents with files, through HTTP on a Vtiger 7.3.0 database and a
 * storage tree of its own: upload (multipart), the rows and the file as
 * Vtiger stores them, download byte for byte, links, a new file, delete;
 * refused with a clear reason without VTIGER_ROOT.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { createApp } from "../../../adapters/http/app.ts";
import { openMysqlPorts } from "../../../adapters/mysql/mysql_ports.ts";
import { createUseCases } from "../../../application/use_cases.ts";
import { rows, scalar } from "../mysql_support.ts";
import { moduleTest } from "./_module_session.ts";

const ROOT = await Deno.makeTempDir({ prefix: "vtrest_modules_root_" });
globalThis.addEventListener("unload", () => Deno.removeSync(ROOT, { recursive: true }));

/** Bytes no text codec would keep as they are. */
const CONTENT = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x0a, 0x80, 0x7f]);

function upload(
  fields: Record<string, string>,
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
  type: string,
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set("filename", new File([bytes], name, { type }));
  return form;
}

moduleTest(
  "Documents: files stored, downloaded and linked as Vtiger does (7.3.0)",
  async (t, s) => {
    const { api, database } = s;
    let document = 0;
    let attachment = 0;

    await t.step(
      "upload: the attachment's rows, the file fields and the file on disk",
      async () => {
        document = await api.create(
          "Documents",
          upload({ notes_title: "Contrat cadre" }, "contrat cadre.pdf", CONTENT, "application/pdf"),
        );
        const [notes] = await rows<Record<string, unknown>>(
          database,
          sql`SELECT filename, filetype, filesize, filelocationtype, filedownloadcount
        FROM vtiger_notes WHERE notesid = ${document}`,
        );
        assert.deepEqual(notes, {
          filename: "contrat_cadre.pdf",
          filetype: "application/pdf",
          filesize: CONTENT.length,
          filelocationtype: "I",
          filedownloadcount: null,
        });
        const [file] = await rows<Record<string, unknown>>(
          database,
          sql`SELECT a.attachmentsid, a.name, a.type, a.path, a.storedname, e.setype, e.smownerid
        FROM vtiger_seattachmentsrel r
        INNER JOIN vtiger_attachments a ON a.attachmentsid = r.attachmentsid
        INNER JOIN vtiger_crmentity e ON e.crmid = a.attachmentsid
        WHERE r.crmid = ${document}`,
        );
        attachment = Number(file.attachmentsid);
        assert.equal(attachment, document + 1, "the attachment takes the next crmid");
        assert.deepEqual([file.name, file.type, file.setype, file.smownerid], [
          "contrat_cadre.pdf",
          "application/pdf",
          "Documents Attachment",
          1,
        ]);
        assert.match(String(file.path), /^storage\/\d{4}\/[A-Z][a-z]+\/week[1-5]\/$/);
        assert.match(String(file.storedname), /^[0-9a-f]{32}\.pdf$/);
        const onDisk = await Deno.readFile(`${ROOT}/${file.path}${attachment}_${file.storedname}`);
        assert.deepEqual([...onDisk], [...CONTENT]);
        const history = await scalar(
          database,
          sql`SELECT postvalue FROM vtiger_modtracker_detail d
        INNER JOIN vtiger_modtracker_basic b ON b.id = d.id
        WHERE b.crmid = ${document} AND d.fieldname = 'filesize'`,
        );
        assert.equal(history, String(CONTENT.length));
      },
    );

    await t.step("download: the same bytes, with the type and name, counted", async () => {
      const response = await api.request(`Documents/${document}/download`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("Content-Type"), "application/pdf");
      assert.match(
        response.headers.get("Content-Disposition") ?? "",
        /filename="contrat_cadre.pdf"/,
      );
      assert.deepEqual([...new Uint8Array(await response.arrayBuffer())], [...CONTENT]);
      assert.equal(
        await scalar(
          database,
          sql`SELECT filedownloadcount FROM vtiger_notes WHERE notesid = ${document}`,
        ),
        "1",
      );
      const read = await api.read("Documents", document);
      assert.deepEqual([read.filename, read.filelocationtype], ["contrat_cadre.pdf", "I"]);
    });

    await t.step(
      "an external link: no file, http:// added, download says there is none",
      async () => {
        const link = await api.create("Documents", {
          notes_title: "Terms",
          filelocationtype: "E",
          filename: "files.example.com/terms.pdf",
        });
        const read = await api.read("Documents", link);
        assert.deepEqual([read.filename, read.filelocationtype, read.filesize], [
          "http://files.example.com/terms.pdf",
          "E",
          "0",
        ]);
        assert.deepEqual(
          await rows(
            database,
            sql`SELECT filetype, filedownloadcount FROM vtiger_notes WHERE notesid = ${link}`,
          ),
          [{ filetype: "", filedownloadcount: null }],
          "Documents::save_module's values for a document without a file",
        );
        const { status, body } = await api.call(`Documents/${link}/download`);
        assert.equal(status, 404);
        assert.match(body.error?.message ?? "", /has no file stored in Vtiger/);
        const listed = await api.list("Documents", "filelocationtype:E");
        assert.deepEqual(listed.map((record) => record.record_id), [String(link)]);
      },
    );

    await t.step("a new file replaces the link to the old one; a link unlinks it", async () => {
      const next = new TextEncoder().encode("second version");
      await api.update(
        "Documents",
        document,
        upload({ notes_title: "Contrat cadre v2" }, "v2.txt", next, "text/plain"),
      );
      const download = await api.request(`Documents/${document}/download`);
      assert.equal(new TextDecoder().decode(await download.arrayBuffer()), "second version");
      assert.equal(
        await scalar(
          database,
          sql`SELECT COUNT(*) FROM vtiger_seattachmentsrel WHERE crmid = ${document}`,
        ),
        "1",
      );
      assert.equal(
        await scalar(
          database,
          sql`SELECT COUNT(*) FROM vtiger_attachments WHERE attachmentsid = ${attachment}`,
        ),
        "1",
        "the old attachment stays, as Vtiger keeps it",
      );
      await api.update("Documents", document, {
        filelocationtype: "E",
        filename: "https://x.example/y",
      });
      assert.equal(
        await scalar(
          database,
          sql`SELECT COUNT(*) FROM vtiger_seattachmentsrel WHERE crmid = ${document}`,
        ),
        "0",
      );
    });

    await t.step("bad files are refused and leave nothing behind", async () => {
      const before = await scalar(database, sql`SELECT id FROM vtiger_crmentity_seq`);
      const empty = await api.call("Documents", {
        method: "POST",
        body: upload({ notes_title: "Empty" }, "empty.txt", new Uint8Array(), "text/plain"),
      });
      assert.equal(empty.status, 422);
      assert.match(empty.body.error?.message ?? "", /The uploaded file is empty/);
      const onAccount = await api.call("Accounts", {
        method: "POST",
        body: upload({ accountname: "A" }, "a.txt", CONTENT, "text/plain"),
      });
      assert.match(onAccount.body.error?.message ?? "", /take no file; only Documents do/);
      assert.equal(await scalar(database, sql`SELECT id FROM vtiger_crmentity_seq`), before);
    });

    await t.step("delete: the document goes to the recycle bin, its rows stay", async () => {
      await api.remove("Documents", document);
      assert.equal((await api.call(`Documents/${document}`)).status, 404);
      assert.equal((await api.call(`Documents/${document}/download`)).status, 404);
    });

    await t.step("without VTIGER_ROOT an upload is refused, saying why", async () => {
      const opened = await openMysqlPorts({ url: database.url });
      try {
        const useCases = createUseCases(opened.ports);
        const app = createApp(useCases);
        const token = await useCases.loginWithAccessKey.execute({ accessKey: "F1P63yVFncqYsrN" });
        const response = await app.request("/modules/RestfulApi/Documents", {
          method: "POST",
          headers: { Authorization: `Bearer ${token}` },
          body: upload({ notes_title: "No root" }, "a.txt", CONTENT, "text/plain"),
        });
        const body = await response.json();
        assert.equal(response.status, 405);
        assert.match(body.error.message, /VTIGER_ROOT .* is not set/);
      } finally {
        await opened.close();
      }
    });
  },
  { vtigerRoot: ROOT },
);

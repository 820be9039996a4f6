import assert from "node:assert/strict";
import type { LabelRule, ModuleStorage } from "../../adapters/mysql/catalog/module_storage.ts";
import { phpHtmlEntityDecode, phpTrim } from "../../adapters/mysql/records/html_entities.ts";
import { labelOf } from "../../adapters/mysql/records/record_read.ts";

// Expected values are PHP 8.2's html_entity_decode($s, ENT_QUOTES, 'UTF-8') and trim($s).
Deno.test("PHP's html_entity_decode as Vtiger's decode_html", () => {
  const cases: [string, string][] = [
    ["Tom &amp; Jerry &lt;b&gt;", "Tom & Jerry <b>"],
    ["&eacute;&hellip;&nbsp;&#39;&#x27;&#65;&#128512;", "é…\u00a0''A😀"],
    [
      "&apos; &amp &copy &bogus; &#0; &#xD800; &#1;",
      "&apos; &amp &copy &bogus; &#0; &#xD800; &#1;",
    ],
    ["&quot;quoted&quot; &#039;", `"quoted" '`],
  ];
  for (const [text, decoded] of cases) assert.equal(phpHtmlEntityDecode(text), decoded, text);
});

Deno.test("PHP's trim: ASCII white space and NUL only", () => {
  assert.equal(phpTrim(" \t\n\r\0\x0B Solo \n"), "Solo");
  assert.equal(phpTrim("\u00a0Solo\u3000"), "\u00a0Solo\u3000");
});

function storage(rule: LabelRule, labelFields: string[]): ModuleStorage {
  return {
    module: { labelFields },
    crmentity: { columns: new Map([["label", { maxLength: 255 }]]) },
    labelRule: rule,
  } as unknown as ModuleStorage;
}

const record = (values: Record<string, string | null>) => ({ id: 3, ownerId: 1, values });

Deno.test("labels as stock Vtiger 7's label updater stores them: joined, untrimmed", () => {
  const contacts = storage("updater", ["lastname", "firstname"]);
  assert.equal(labelOf(contacts, record({ lastname: "Solo", firstname: "" })), "Solo ");
  assert.equal(labelOf(contacts, record({ lastname: "A &amp; B", firstname: null })), "A &amp; B ");
});

Deno.test("labels as F-RevoCRM's save builds them: decoded, trimmed, cut, kept when empty", () => {
  // As recorded on F-RevoCRM 8.0.3 (tests/mysql/replay/recordings/labels.json).
  const contacts = storage("save", ["lastname", "firstname"]);
  assert.equal(labelOf(contacts, record({ lastname: "Solo", firstname: "" })), "Solo");
  assert.equal(
    labelOf(contacts, record({ lastname: " Spacey  ", firstname: "Zoé" })),
    "Spacey   Zoé",
  );
  const accounts = storage("save", ["accountname"]);
  assert.equal(
    labelOf(accounts, record({ accountname: "Tom &amp; Jerry <i>Cartoons</i> &lt;b&gt; & Co" })),
    "Tom & Jerry <i>Cartoons</i> <b> & Co",
  );
  const long = "é".repeat(300);
  assert.equal(labelOf(accounts, record({ accountname: long })), "é".repeat(255));
  assert.equal(labelOf(accounts, record({ accountname: "  " }), "Old name"), "Old name");
  assert.equal(labelOf(accounts, record({ accountname: "  " })), "");
});

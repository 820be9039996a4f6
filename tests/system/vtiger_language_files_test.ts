/**
 * Picklist labels from a Vtiger install's language files, parsed as PHP.
 * Needs no database.
 */

import assert from "node:assert/strict";
import {
  loadVtigerLanguageFiles,
  parseLanguageStrings,
} from "../../adapters/system/vtiger_language_files.ts";

Deno.test("language files: $languageStrings parsed as PHP, module first, then Vtiger", async (t) => {
  await t.step("a file's $languageStrings, with escapes, both quotes and concatenation", () => {
    const strings = parseLanguageStrings(`<?php
/* Vtiger language file */
$languageStrings = array(
  'Active' => 'Actif', // a comment with 'quotes' => 'x'
  "Market Failed" => "Échec \\"marché\\"",
  'It\\'s' => 'C' . "'est",
  'Nested' => array('no' => 'strings'),
);
$jsLanguageStrings = array('Active' => 'JS only');
`);
    assert.deepEqual(strings, {
      Active: "Actif",
      "Market Failed": 'Échec "marché"',
      "It's": "C'est",
    });
  });

  await t.step("a Vtiger root: the module's file, then Vtiger.php, else the value", async () => {
    const root = new URL("./fixtures/vtiger_root", import.meta.url).pathname;
    const translator = await loadVtigerLanguageFiles(root, "fr_fr");
    assert.equal(translator.translate("Accounts", "Active"), "Actif");
    assert.equal(translator.translate("Contacts", "Active"), "Activé");
    assert.equal(translator.translate("Accounts", "Shutdown"), "Fermé");
    assert.equal(translator.translate("Accounts", "Acquired"), "Acquired");
    const missing = await loadVtigerLanguageFiles(root, "de_de");
    assert.equal(missing.translate("Accounts", "Active"), "Active");
  });
});

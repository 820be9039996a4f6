import assert from "node:assert/strict";
import { decodeHtmlEntities, htmlEntities } from "../../adapters/mysql/records/html_entities.ts";

Deno.test("PHP htmlentities as Vtiger stores history values", async (t) => {
  await t.step("encodes named HTML 4.01 characters and quotes like ENT_QUOTES", () => {
    assert.equal(
      htmlEntities(`Pérez & <b>"O'Hara"</b> €`),
      "P&eacute;rez &amp; &lt;b&gt;&quot;O&#039;Hara&quot;&lt;/b&gt; &euro;",
    );
  });

  await t.step("leaves characters without a named entity as they are", () => {
    assert.equal(htmlEntities("中文 ő 🙂"), "中文 ő 🙂");
  });

  await t.step("decodes named and numeric references back", () => {
    assert.equal(
      decodeHtmlEntities("P&eacute;rez &#039; &#x41; &apos; &bogus;"),
      "Pérez ' A ' &bogus;",
    );
  });
});

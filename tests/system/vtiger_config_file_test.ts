/**
 * The install's time zone from its config.inc.php.
 */

import assert from "node:assert/strict";
import {
  parseDefaultTimeZone,
  readInstallTimeZone,
} from "../../adapters/system/vtiger_config_file.ts";

Deno.test("config.inc.php: $default_timezone as Vtiger's template writes it", () => {
  const source = `<?php
// Set the default timezone as per your preference
$default_timezone = 'Asia/Tokyo';

/** If timezone is configured, try to set it */
if(isset($default_timezone) && function_exists('date_default_timezone_set')) {
	@date_default_timezone_set($default_timezone);
}
`;
  assert.equal(parseDefaultTimeZone(source), "Asia/Tokyo");
});

Deno.test("config.inc.php: the last literal assignment wins; none or an expression gives undefined", () => {
  assert.equal(
    parseDefaultTimeZone(`<?php $default_timezone = 'UTC'; $default_timezone = "Europe/Paris";`),
    "Europe/Paris",
  );
  assert.equal(parseDefaultTimeZone(`<?php $site_URL = 'http://x/';`), undefined);
  assert.equal(parseDefaultTimeZone(`<?php $default_timezone = getenv('TZ');`), undefined);
  assert.equal(parseDefaultTimeZone(`<?php $default_timezone = '';`), undefined);
});

Deno.test("readInstallTimeZone reads <root>/config.inc.php; none there, none read", async () => {
  const root = new URL("./fixtures/vtiger_root/", import.meta.url).pathname;
  assert.equal(await readInstallTimeZone(root), "Asia/Tokyo");
  assert.equal(
    await readInstallTimeZone(new URL("./fixtures/", import.meta.url).pathname),
    undefined,
  );
  await assert.rejects(
    () => readInstallTimeZone("/nonexistent/vtiger"),
    /The Vtiger folder '\/nonexistent\/vtiger' does not exist/,
  );
});

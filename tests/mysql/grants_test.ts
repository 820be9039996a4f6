/** Reading SHOW GRANTS: which privileges a user holds on the Vtiger database. */

import assert from "node:assert/strict";
import {
  grantedOn,
  MIGRATION_PRIVILEGES,
  missingPrivileges,
  RUNTIME_PRIVILEGES,
} from "../../adapters/mysql/grants.ts";

const USAGE = "GRANT USAGE ON *.* TO `vt`@`%` IDENTIFIED BY PASSWORD '*ABCDEF'";
const all = [...RUNTIME_PRIVILEGES, ...MIGRATION_PRIVILEGES];

Deno.test("SHOW GRANTS lines", async (t) => {
  await t.step("ALL PRIVILEGES on everything", () => {
    const granted = grantedOn([
      "GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION",
    ], "vtiger");
    assert.deepEqual(missingPrivileges(granted, all), []);
  });

  await t.step("the plain four on the database", () => {
    const granted = grantedOn([
      USAGE,
      "GRANT SELECT, INSERT, UPDATE, DELETE ON `vtiger`.* TO `vt`@`%`",
    ], "vtiger");
    assert.deepEqual(missingPrivileges(granted, RUNTIME_PRIVILEGES), []);
    assert.deepEqual(missingPrivileges(granted, MIGRATION_PRIVILEGES), [
      "CREATE",
      "ALTER",
      "INDEX",
    ]);
  });

  await t.step("grants on another database do not count; patterns and escapes do", () => {
    assert.deepEqual(
      missingPrivileges(grantedOn([USAGE, "GRANT SELECT ON `crm`.* TO `vt`@`%`"], "vtiger"), [
        "SELECT",
      ]),
      ["SELECT"],
    );
    assert.deepEqual(
      missingPrivileges(grantedOn(["GRANT SELECT ON `vtiger\\_%`.* TO `vt`@`%`"], "vtiger_prod"), [
        "SELECT",
      ]),
      [],
    );
    assert.deepEqual(
      missingPrivileges(grantedOn(["GRANT SELECT ON `vtiger\\_%`.* TO `vt`@`%`"], "vtigerXprod"), [
        "SELECT",
      ]),
      ["SELECT"],
    );
    assert.deepEqual(
      missingPrivileges(grantedOn(["GRANT ALL ON `vtiger`.* TO `vt`@`%`"], "vtiger"), all),
      [],
    );
  });

  await t.step("only USAGE: everything is missing", () => {
    assert.deepEqual(
      missingPrivileges(grantedOn([USAGE], "vtiger"), RUNTIME_PRIVILEGES),
      RUNTIME_PRIVILEGES,
    );
  });

  await t.step("roles, table and column grants cannot be judged: nothing is reported", () => {
    for (
      const line of [
        "GRANT `vtrest_role` TO `vt`@`%`",
        "GRANT SELECT ON `vtiger`.`vtiger_users` TO `vt`@`%`",
        "GRANT SELECT (`id`), UPDATE ON `vtiger`.* TO `vt`@`%`",
      ]
    ) {
      assert.deepEqual(
        missingPrivileges(grantedOn([USAGE, line], "vtiger"), RUNTIME_PRIVILEGES),
        [],
      );
    }
  });
});

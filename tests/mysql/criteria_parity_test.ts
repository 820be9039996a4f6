/**
 * The table of filters (tests/_fixtures/criteria_table.ts) on a real Vtiger
 * 7.1.0 database and on the in-memory demo side by side: both must give the
 * table's answers, so the demo and MySQL answer the same for each filter.
 */

import assert from "node:assert/strict";
import { createApp } from "../../adapters/http/app.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import {
  assertTableAnswers,
  createParityAccounts,
  runCriteriaTable,
} from "../_fixtures/criteria_table.ts";
import { adminToken, openService, setAdminPassword } from "./mysql_support.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

const BASE = "/modules/RestfulApi";

Deno.test({
  name: "the table of filters answers the same on Vtiger 7.1.0 and on the demo",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using database = await createVtigerDatabase("7.1.0");
    await setAdminPassword(database);
    const service = await openService(database);
    try {
      const mysqlApp = createApp(service.useCases);
      const mysqlToken = await adminToken(service);
      await createParityAccounts(mysqlApp, BASE, mysqlToken);
      const mysql = await runCriteriaTable(mysqlApp, BASE, mysqlToken);

      const demoUseCases = createUseCases(createDemoPorts());
      const demoApp = createApp(demoUseCases);
      const demoToken = await demoUseCases.loginWithPassword.execute({
        userName: "admin",
        password: "admin",
      });
      await createParityAccounts(demoApp, BASE, demoToken);
      const demo = await runCriteriaTable(demoApp, BASE, demoToken);

      assert.deepEqual(mysql, demo);
      assertTableAnswers(mysql, "Vtiger 7.1.0");
    } finally {
      await service.close();
    }
  },
});

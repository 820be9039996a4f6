/**
 * The table of filters (tests/_fixtures/criteria_table.ts) on the in-memory
 * demo; tests/mysql/criteria_parity_test.ts runs the same table on MySQL.
 */

import { createApp } from "../../adapters/http/app.ts";
import { createDemoPorts } from "../../adapters/memory/demo/demo_ports.ts";
import { createUseCases } from "../../application/use_cases.ts";
import {
  assertTableAnswers,
  createParityAccounts,
  runCriteriaTable,
} from "../_fixtures/criteria_table.ts";

const BASE = "/modules/RestfulApi";

Deno.test("the table of filters on the demo", async () => {
  const useCases = createUseCases(createDemoPorts());
  const app = createApp(useCases);
  const token = await useCases.loginWithPassword.execute({ userName: "admin", password: "admin" });
  await createParityAccounts(app, BASE, token);
  assertTableAnswers(await runCriteriaTable(app, BASE, token), "demo");
});

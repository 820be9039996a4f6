/**
 * The property-based attacks of tests/_fixtures/hostile_requests.ts on a real
 * Vtiger 7.1.0 database (latin1 tables, Vtiger's own column sizes): never a
 * 500, always the envelope, nothing changed by what was refused.
 */

import { createApp } from "../../adapters/http/app.ts";
import { attackEveryParameter, attackWithPrototypeNames } from "../_fixtures/hostile_requests.ts";
import { adminToken, openService } from "./mysql_support.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

const BASE = "/modules/RestfulApi";

Deno.test({
  name: "hostile input on Vtiger 7.1.0: a 4xx envelope or correct data, never a 500",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using database = await createVtigerDatabase("7.1.0");
    const service = await openService(database);
    try {
      const token = await adminToken(service);
      const { createRecord } = service.useCases;
      const account = await createRecord.execute({
        token,
        module: "Accounts",
        values: { accountname: "Hostile Target" },
      });
      const contact = await createRecord.execute({
        token,
        module: "Contacts",
        values: { lastname: "Target", account_id: String(account) },
      });
      const target = {
        app: createApp(service.useCases),
        token,
        base: BASE,
        records: { Accounts: String(account), Contacts: String(contact) },
        runs: 25,
      };
      await attackEveryParameter(t, target);
      await attackWithPrototypeNames(t, target, ["constructor", "__proto__"]);
    } finally {
      await service.close();
    }
  },
});

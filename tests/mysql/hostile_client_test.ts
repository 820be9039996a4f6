/**
 * Issue 7's attacks on one real Vtiger 7.1.0 database (latin1 tables,
 * Vtiger's own column sizes), loaded once for all of them: generated hostile
 * strings in every parameter and body field (never a 500, nothing changed by
 * what was refused), then session hygiene, then the login throttle shared by
 * two instances of the service.
 */

import { createApp } from "../../adapters/http/app.ts";
import { openMysqlPorts } from "../../adapters/mysql/mysql_ports.ts";
import { attackEveryParameter, attackWithPrototypeNames } from "../_fixtures/hostile_requests.ts";
import { loginThrottleSteps } from "./_login_throttle.ts";
import { sessionHygieneSteps } from "./_session_hygiene.ts";
import { adminToken, openService } from "./mysql_support.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "./vtiger_test_database.ts";

const BASE = "/modules/RestfulApi";

Deno.test({
  name: "a hostile client against Vtiger 7.1.0: input, sessions, login throttle",
  ignore: !mysqlTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    await using database = await createVtigerDatabase("7.1.0");
    const service = await openService(database);
    const second = await openMysqlPorts({ url: database.url });
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
        runs: 15,
      };
      await t.step("hostile input: a 4xx envelope or correct data, never a 500", async (t) => {
        await attackEveryParameter(t, target);
        await attackWithPrototypeNames(t, target, ["constructor"]);
      });
      await t.step("sessions end with their user's credentials", async (t) => {
        await sessionHygieneSteps(t, database, service);
      });
      await t.step("the login throttle is shared by every instance", async (t) => {
        await loginThrottleSteps(t, database, service.opened, second);
      });
    } finally {
      await second.close();
      await service.close();
    }
  },
});

/**
 * One fresh Vtiger 7.3.0 database per test file for the module tests
 * (events, inventory, products, documents, comments), the admin logged in;
 * visibly ignored without `VTIGER_TEST_DB_URL`.
 *
 * @module
 */

import type { MysqlPortsConfig } from "../../../adapters/mysql/mysql_ports.ts";
import { openMysqlPorts } from "../../../adapters/mysql/mysql_ports.ts";
import { createUseCases } from "../../../application/use_cases.ts";
import { type AdminSession, adminToken, setAdminPassword } from "../mysql_support.ts";
import { createVtigerDatabase, mysqlTestsEnabled } from "../vtiger_test_database.ts";

/** Settings of the service under test besides its database. */
export type ModuleServiceOptions = Omit<MysqlPortsConfig, "url">;

/**
 * Registers one test on a fresh 7.3.0 database (dropped afterwards) with the
 * service open and the admin logged in; its steps share the database.
 */
export function moduleTest(
  name: string,
  fn: (t: Deno.TestContext, session: AdminSession) => Promise<void>,
  options: ModuleServiceOptions = {},
): void {
  Deno.test({
    name,
    ignore: !mysqlTestsEnabled,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      await using database = await createVtigerDatabase("7.3.0");
      await setAdminPassword(database);
      const opened = await openMysqlPorts({
        metadataTtlSeconds: 300,
        ...options,
        url: database.url,
      });
      const service = {
        opened,
        useCases: createUseCases(opened.ports),
        close: () => opened.close(),
      };
      try {
        const token = await adminToken(service);
        await fn(t, { database, service, useCases: service.useCases, token });
      } finally {
        await service.close();
      }
    },
  });
}

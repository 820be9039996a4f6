/**
 * vtrest as a library: the use cases of the RestfulApi protocol, the ports
 * they need, the domain types, and the adapters to build them on (in-memory,
 * MySQL, HTTP).
 *
 * @example Compose the use cases on the in-memory demo and list accounts
 * ```ts
 * import { createDemoPorts, createUseCases } from "./mod.ts";
 *
 * const useCases = createUseCases(createDemoPorts());
 * const token = await useCases.loginWithPassword.execute({ userName: "admin", password: "admin" });
 * const accounts = await useCases.listRecords.execute({ token, module: "Accounts", length: 2 });
 * console.log(accounts.map((account) => account.accountname));
 * ```
 *
 * @module
 */

export * from "./application/use_cases.ts";
export * from "./application/create_record.ts";
export * from "./application/delete_record.ts";
export * from "./application/get_picklist.ts";
export * from "./application/get_record.ts";
export * from "./application/list_records.ts";
export * from "./application/login_with_access_key.ts";
export * from "./application/login_with_password.ts";
export * from "./application/logout.ts";
export * from "./application/update_record.ts";
export type * from "./domain/ports.ts";
export * from "./domain/errors.ts";
export * from "./domain/column.ts";
export * from "./domain/criteria.ts";
export * from "./domain/field.ts";
export * from "./domain/module.ts";
export * from "./domain/picklist.ts";
export * from "./domain/privileges.ts";
export * from "./domain/record.ts";
export * from "./domain/session.ts";
export type * from "./domain/user.ts";
export { createDemoPorts, type DemoPorts } from "./adapters/memory/demo/demo_ports.ts";
export { createApp, type HttpOptions } from "./adapters/http/app.ts";

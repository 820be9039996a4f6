/**
 * A demo with an admin token and shorthands for the write use cases, shared
 * by the create, update and delete tests.
 *
 * @module
 */

import type { RecordView } from "../../domain/record.ts";
import { type Demo, demo } from "./_support.ts";

/** A demo logged in as admin, with shorthands for the write use cases. */
export interface AdminDemo extends Demo {
  /** The admin's token. */
  readonly token: string;
  /** Creates a record (of Accounts unless told). */
  create(values: Record<string, string>, module?: string): Promise<number>;
  /** Updates a record (of Accounts unless told). */
  update(id: number | string, values: Record<string, string>, module?: string): Promise<number>;
  /** Deletes a record (of Accounts unless told). */
  remove(id: number | string, module?: string): Promise<true>;
  /** Reads a record (of Accounts unless told). */
  get(id: number | string, module?: string): Promise<RecordView>;
  /** Lists records (of Accounts unless told), with criteria if given. */
  list(module?: string, criteria?: string): Promise<RecordView[]>;
}

/** A demo with an admin token and shorthands for the write use cases. */
export async function adminDemo(at?: string): Promise<AdminDemo> {
  const context = demo({ at });
  const token = await context.login("admin");
  const { useCases } = context;
  return {
    ...context,
    token,
    create: (values, module = "Accounts") =>
      useCases.createRecord.execute({ token, module, values }),
    update: (id, values, module = "Accounts") =>
      useCases.updateRecord.execute({ token, module, id, values }),
    remove: (id, module = "Accounts") => useCases.deleteRecord.execute({ token, module, id }),
    get: (id, module = "Accounts") => useCases.getRecord.execute({ token, module, id }),
    list: (module = "Accounts", criteria?: string) =>
      useCases.listRecords.execute({ token, module, criteria }),
  };
}

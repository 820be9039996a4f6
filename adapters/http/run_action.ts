/**
 * Runs an {@linkcode Action} on the use cases: the one place where HTTP
 * requests meet the application.
 *
 * @module
 */

import type { UseCases } from "../../application/use_cases.ts";
import type { FieldValues } from "../../domain/record.ts";
import type { Action } from "./action.ts";

/** What a use case produced, and whether it created something. */
export interface Outcome {
  /** The envelope's `result`. */
  readonly result: unknown;
  /** `true` for a create, which answers 201. */
  readonly created: boolean;
}

/**
 * Calls the use case the action names. `readValues` is handed to a create or
 * update, which calls it only once the caller may write there: no other
 * request, and no caller who may not write, ever has its body read. The
 * client's address lets logins be throttled per client.
 */
export async function runAction(
  useCases: UseCases,
  action: Action,
  readValues: () => Promise<FieldValues>,
  clientAddress?: string,
): Promise<Outcome> {
  const done = (result: unknown): Outcome => ({ result, created: false });
  const client = clientAddress === undefined ? {} : { clientAddress };
  switch (action.kind) {
    case "loginWithPassword":
      return done(
        await useCases.loginWithPassword.execute({
          userName: action.userName,
          password: action.password,
          ...client,
        }),
      );
    case "loginWithAccessKey":
      return done(
        await useCases.loginWithAccessKey.execute({ accessKey: action.accessKey, ...client }),
      );
    case "logout":
      return done(await useCases.logout.execute({ token: action.token }));
    case "listTypes":
      return done(await useCases.listTypes.execute({ token: action.token }));
    case "describe": {
      const { token, module } = action;
      return done(await useCases.describeModule.execute({ token, module }));
    }
    case "list": {
      const { token, module, start, length, order, criteria } = action;
      return done(
        await useCases.listRecords.execute({ token, module, start, length, order, criteria }),
      );
    }
    case "read": {
      const { token, module, id } = action;
      return done(await useCases.getRecord.execute({ token, module, id }));
    }
    case "picklist": {
      const { token, module, field, withDependencies } = action;
      return done(
        await useCases.getPicklist.execute({ token, module, field, withDependencies }),
      );
    }
    case "create": {
      const { token, module } = action;
      return {
        result: await useCases.createRecord.execute({ token, module, values: readValues }),
        created: true,
      };
    }
    case "update": {
      const { token, module, id } = action;
      return done(await useCases.updateRecord.execute({ token, module, id, values: readValues }));
    }
    case "delete": {
      const { token, module, id } = action;
      return done(await useCases.deleteRecord.execute({ token, module, id }));
    }
  }
}

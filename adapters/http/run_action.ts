/**
 * Runs an {@linkcode Action} on the use cases: the one place where HTTP
 * requests meet the application.
 *
 * @module
 */

import type { UseCases } from "../../application/use_cases.ts";
import type { WriteInput } from "../../application/write_input.ts";
import type { DocumentFile } from "../../domain/documents/upload.ts";
import { ANY_VERSION } from "../../domain/record_version.ts";
import type { Action } from "./action.ts";
import { entityTag } from "./entity_tags.ts";
import { phpPicklistAnswer } from "./php_arrays.ts";

/** The header a list with `count=1` answers the number of matching records in. */
export const TOTAL_COUNT_HEADER = "X-Total-Count";

/** What a use case produced, and whether it created something. */
export interface Outcome {
  /** The envelope's `result`. */
  readonly result: unknown;
  /** `true` for a create, which answers 201. */
  readonly created: boolean;
  /** Headers of the answer (`ETag`, `X-Total-Count`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** `true` when the client's copy is current (`If-None-Match`): 304 without a body. */
  readonly notModified?: boolean;
  /** A file to send as it is instead of the envelope (a document's download). */
  readonly file?: DocumentFile;
}

/** The request's conditional headers, as versions (`entity_tags.ts`). */
export interface RequestConditions {
  /** `If-Match`: an update or delete proceeds only on one of these versions (or `*`). */
  readonly ifMatch?: readonly string[];
  /** `If-None-Match`: a read answers 304 when the record still has one of these. */
  readonly ifNoneMatch?: readonly string[];
}

/** The entries of `values` that are set: vtrest's additions reach a use case only when given. */
function present<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** The answer to a read: the record, its `ETag`, or 304 when the client's copy is current. */
function readOutcome(
  read: { readonly record: unknown; readonly version?: string },
  conditions: RequestConditions,
): Outcome {
  if (read.version === undefined) return { result: read.record, created: false };
  const headers = { ETag: entityTag(read.version) };
  const current =
    conditions.ifNoneMatch?.some((version) =>
      version === ANY_VERSION || version === read.version
    ) ?? false;
  return { result: read.record, created: false, headers, notModified: current };
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
  readValues: () => Promise<WriteInput | WriteInput[]>,
  clientAddress?: string,
  conditions: RequestConditions = {},
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
    case "related": {
      const { token, module, id, related, start, length, order, criteria, count, fields } = action;
      const page = await useCases.listRecords.page({
        token,
        module: related,
        relatedTo: { module, id },
        start,
        length,
        order,
        criteria,
        ...present({ count, fields }),
      });
      return page.total === undefined ? done(page.records) : {
        result: page.records,
        created: false,
        headers: { [TOTAL_COUNT_HEADER]: String(page.total) },
      };
    }
    case "link":
    case "unlink": {
      const { token, module, id, related } = action;
      return done(
        await useCases.linkRecords.execute({
          token,
          module,
          id,
          related,
          values: readValues,
          unlink: action.kind === "unlink",
        }),
      );
    }
    case "sync": {
      const { token, module, since, length } = action;
      return done(
        await useCases.syncRecords.execute({ token, module, since, ...present({ length }) }),
      );
    }
    case "describe": {
      const { token, module } = action;
      return done(await useCases.describeModule.execute({ token, module }));
    }
    case "list": {
      const { token, module, start, length, order, criteria, count, fields } = action;
      const page = await useCases.listRecords.page({
        token,
        module,
        start,
        length,
        order,
        criteria,
        ...present({ count, fields }),
      });
      return page.total === undefined ? done(page.records) : {
        result: page.records,
        created: false,
        headers: { [TOTAL_COUNT_HEADER]: String(page.total) },
      };
    }
    case "read": {
      const { token, module, id, fields } = action;
      return readOutcome(
        await useCases.getRecord.read({ token, module, id, ...present({ fields }) }),
        conditions,
      );
    }
    case "picklist": {
      const { token, module, field, withDependencies } = action;
      return done(phpPicklistAnswer(
        await useCases.getPicklist.execute({ token, module, field, withDependencies }),
      ));
    }
    case "download": {
      const { token, module, id } = action;
      const file = await useCases.downloadDocument.execute({ token, module, id });
      return { result: undefined, created: false, file };
    }
    case "create": {
      const { token, module } = action;
      return {
        result: await useCases.createRecord.executeBatch({ token, module, values: readValues }),
        created: true,
      };
    }
    case "update": {
      const { token, module, id } = action;
      return done(
        await useCases.updateRecord.execute({
          token,
          module,
          id,
          values: readValues,
          ...present({ ifMatch: conditions.ifMatch }),
        }),
      );
    }
    case "delete": {
      const { token, module, id } = action;
      return done(
        await useCases.deleteRecord.execute({
          token,
          module,
          id,
          ...present({ ifMatch: conditions.ifMatch }),
        }),
      );
    }
  }
}

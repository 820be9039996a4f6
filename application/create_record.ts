/**
 * Use case: create a record.
 *
 * @module
 */

import { requireMandatoryFields } from "../domain/field_values.ts";
import { ownerField } from "../domain/module.ts";
import { batchRecordError } from "../domain/batch.ts";
import { invalidParameter } from "../domain/errors.ts";
import type { ModuleCatalog, NewRecord, WriteContext } from "../domain/ports.ts";
import type { ModuleGrant } from "../domain/privileges.ts";
import type { Caller, CallerDeps } from "./authenticate_caller.ts";
import { checkLineProducts, checkWrite, type WriteCheckDeps } from "./check_write.ts";
import {
  type FieldValueSource,
  isBatch,
  readWriteBatch,
  readWriteSource,
  type WriteSource,
} from "./field_value_source.ts";
import { type OpenedModule, openModuleFor } from "./open_module.ts";
import { prepareWrite, type WriteInput } from "./write_input.ts";

/** The most records one batch create may hold, by default. */
export const DEFAULT_MAX_BULK = 100;

/** The ports a create needs. */
export interface CreateRecordDeps extends CallerDeps, WriteCheckDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
  /** The most records one batch create may hold (default `DEFAULT_MAX_BULK`). */
  readonly maxBulk?: number;
}

/** What a create sends. */
export interface CreateRecordInput extends WriteSource {
  /** The caller's token. */
  readonly token: string | undefined;
  /** The module name. */
  readonly module: string;
  /**
   * Field values by Vtiger field name (and the module's extra inputs,
   * `module_inputs.ts`), or a reader of the whole write (a request body),
   * called only once the caller is known to be allowed to create.
   */
  readonly values: FieldValueSource;
}

/** Creates a record as its caller, the way Vtiger's own save does. */
export class CreateRecord {
  #deps: CreateRecordDeps;

  /** Wires the use case to its ports. */
  constructor(deps: CreateRecordDeps) {
    this.#deps = deps;
  }

  /**
   * Returns the new record's id. The owner defaults to the caller; mandatory
   * fields must be present; nothing is written when any check fails.
   */
  async execute(input: CreateRecordInput): Promise<number> {
    const opened = await openModuleFor(this.#deps, input.token, input.module, "create");
    const item = await this.#prepare(opened, await readWriteSource(input));
    return await this.#deps.records.create(
      opened.module,
      item.values,
      this.#context(opened),
      item.extras,
    );
  }

  /**
   * Like {@linkcode execute}, but a source may also hold several records (a
   * JSON array body): from 1 to `maxBulk` of them are then checked one by
   * one and created in one transaction, all or none, and their ids returned
   * in order; the first record that fails a check is named by its index
   * (from 0) in the error, and nothing is written.
   */
  async executeBatch(input: CreateRecordInput): Promise<number | number[]> {
    const opened = await openModuleFor(this.#deps, input.token, input.module, "create");
    const read = await readWriteBatch(input);
    if (!isBatch(read)) {
      const item = await this.#prepare(opened, read);
      return await this.#deps.records.create(
        opened.module,
        item.values,
        this.#context(opened),
        item.extras,
      );
    }
    const maxBulk = this.#deps.maxBulk ?? DEFAULT_MAX_BULK;
    if (read.length === 0 || read.length > maxBulk) {
      throw invalidParameter(
        `A batch create holds 1 to ${maxBulk} records, not ${read.length}`,
      );
    }
    const items: NewRecord[] = [];
    for (const [index, write] of read.entries()) {
      try {
        items.push(await this.#prepare(opened, write));
      } catch (error) {
        throw batchRecordError(error, index);
      }
    }
    return await this.#deps.records.createMany(opened.module, items, this.#context(opened));
  }

  #context(
    opened: { readonly user: { readonly id: number }; readonly grant: ModuleGrant },
  ): WriteContext {
    // The read scope decides whether a duplicate refusal may name the existing record.
    return { actorId: opened.user.id, now: this.#deps.clock.now(), readScope: opened.grant.read };
  }

  /** One record's checked values and extras: the owner defaults to the caller. */
  async #prepare(
    opened: OpenedModule & Caller,
    write: WriteInput,
  ): Promise<NewRecord> {
    const { user, privileges, module, grant } = opened;
    const prepared = prepareWrite(module, write);
    const owner = ownerField(module);
    const values: Record<string, string> = { ...prepared.values };
    if (owner !== undefined && (values[owner.name] ?? "").trim() === "") {
      values[owner.name] = String(user.id);
    }
    const checked = await checkWrite(this.#deps, privileges, module, grant, values, "create");
    requireMandatoryFields(module, grant, checked);
    if (prepared.extras.lineItems !== undefined) {
      await checkLineProducts(this.#deps, privileges, prepared.extras.lineItems);
    }
    return { values: checked, extras: prepared.extras };
  }
}

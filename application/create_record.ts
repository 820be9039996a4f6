/**
 * Use case: create a record.
 *
 * @module
 */

import { requireMandatoryFields } from "../domain/field_values.ts";
import { ownerField } from "../domain/module.ts";
import type { ModuleCatalog } from "../domain/ports.ts";
import type { CallerDeps } from "./authenticate_caller.ts";
import { checkLineProducts, checkWrite, type WriteCheckDeps } from "./check_write.ts";
import { type FieldValueSource, readWriteSource, type WriteSource } from "./field_value_source.ts";
import { openModuleFor } from "./open_module.ts";
import { prepareWrite } from "./write_input.ts";

/** The ports a create needs. */
export interface CreateRecordDeps extends CallerDeps, WriteCheckDeps {
  /** Module metadata. */
  readonly modules: ModuleCatalog;
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
    const { user, privileges, module, grant } = await openModuleFor(
      this.#deps,
      input.token,
      input.module,
      "create",
    );
    const prepared = prepareWrite(module, await readWriteSource(input));
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
    return await this.#deps.records.create(module, checked, {
      actorId: user.id,
      now: this.#deps.clock.now(),
    }, prepared.extras);
  }
}

/**
 * What each module's own save takes besides its plainly writable fields, on
 * this install (`domain/module_inputs.ts`): the standard inputs of tasks,
 * events and inventory records, completed with the install's tax names,
 * charges and currencies, the columns a line item may set, and whether a
 * write may carry a file.
 *
 * @module
 */

import { INVITEES_KEY } from "../../../domain/calendar/invitees.ts";
import { chargeKeys } from "../../../domain/inventory/charges.ts";
import {
  INVENTORY_MODULES,
  type ModuleInputs,
  PRICED_MODULES,
  standardInputs,
} from "../../../domain/module_inputs.ts";
import type { FieldRow } from "../catalog/field_builder.ts";
import type { SchemaInfo } from "../catalog/schema_reader.ts";
import type { TaxCatalog } from "./tax_catalog.ts";

/** The table of inventory line items. */
export const LINE_ITEMS_TABLE = "vtiger_inventoryproductrel";

/** The module whose records carry a file. */
const DOCUMENTS = "Documents";
/** The module whose records take invitees. */
const EVENTS = "Events";

/** Line item columns a client may set besides the standard ones, by kind, where the install has them. */
const LINE_DECIMALS = ["purchase_cost", "margin"];
const LINE_TEXTS = ["usageunit"];
const LINE_CHECKBOXES = ["reducedtaxrate"];

function existing(schema: SchemaInfo, table: string, columns: readonly string[]): Set<string> {
  const info = schema.get(table);
  return new Set(columns.filter((column) => info?.columns.has(column) === true));
}

function inventoryInputs(
  moduleName: string,
  fields: readonly FieldRow[],
  schema: SchemaInfo,
  catalog: TaxCatalog,
): ModuleInputs {
  const lineTable = schema.get(LINE_ITEMS_TABLE);
  return {
    ...standardInputs(moduleName),
    extras: new Set(chargeKeys(catalog.charges, catalog.shippingTaxes)),
    lineFields: new Set(
      fields.filter((field) => field.tablename === LINE_ITEMS_TABLE).map((field) =>
        field.fieldname
      ),
    ),
    lineItems: {
      decimals: existing(schema, LINE_ITEMS_TABLE, LINE_DECIMALS),
      texts: existing(schema, LINE_ITEMS_TABLE, LINE_TEXTS),
      checkboxes: existing(schema, LINE_ITEMS_TABLE, LINE_CHECKBOXES),
      taxNames: new Set(
        catalog.taxes.map((tax) => tax.name).filter((name) => lineTable?.columns.has(name)),
      ),
    },
  };
}

function pricedInputs(catalog: TaxCatalog): ModuleInputs {
  return {
    fields: new Set(),
    computed: new Set(),
    extras: new Set([
      ...catalog.taxes.filter((tax) => tax.active).map((tax) => tax.name),
      ...catalog.currencies.filter((currency) => currency.active).map(({ id }) => `currency${id}`),
      "currency_id",
    ]),
  };
}

/** The inputs of one module on this install, or `undefined` when it takes only its fields. */
export function moduleInputsOf(
  moduleName: string,
  fields: readonly FieldRow[],
  schema: SchemaInfo,
  catalog: TaxCatalog,
): ModuleInputs | undefined {
  if (INVENTORY_MODULES.has(moduleName)) {
    return inventoryInputs(moduleName, fields, schema, catalog);
  }
  if (PRICED_MODULES.has(moduleName)) return pricedInputs(catalog);
  if (moduleName === DOCUMENTS) {
    return { fields: new Set(), computed: new Set(), extras: new Set(), upload: true };
  }
  const standard = standardInputs(moduleName);
  if (standard.fields.size === 0 && standard.computed.size === 0) return undefined;
  return { ...standard, extras: new Set(moduleName === EVENTS ? [INVITEES_KEY] : []) };
}

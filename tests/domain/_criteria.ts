/**
 * Shared by the `criteria`, `order` and column-name tests: the demo's
 * Accounts, what a user who may not see `annual_revenue` sees, and parsers
 * whose answers are reduced to plain facts for deepEqual.
 *
 * @module
 */

import {
  type Condition,
  type Direction,
  type Operator,
  type OrderTerm,
  parseCriteria,
  parseOrder,
} from "../../domain/criteria.ts";
import type { FieldDefinition } from "../../domain/field.ts";
import type { ModuleDefinition } from "../../domain/module.ts";
import { fullGrant, visibleFields } from "../../domain/privileges.ts";
import { DEMO_ACCOUNTS } from "../../adapters/memory/demo/demo_modules.ts";

/** The demo's Accounts module. */
export const accounts: ModuleDefinition = DEMO_ACCOUNTS;

/** Every field of Accounts: what a full grant sees. */
export const allFields: readonly FieldDefinition[] = accounts.fields;

/** What a user who may not see `annual_revenue` sees. */
export const withoutRevenue: readonly FieldDefinition[] = visibleFields(accounts, {
  ...fullGrant(),
  hiddenFields: new Set(["annual_revenue"]),
});

/** A condition reduced to plain facts. */
export interface ConditionFacts {
  readonly table: string;
  readonly column: string;
  readonly field: string | undefined;
  readonly operator: Operator;
  readonly value: string;
}

/** An order term reduced to plain facts. */
export interface OrderFacts {
  readonly table: string;
  readonly column: string;
  readonly field: string | undefined;
  readonly direction: Direction;
}

/** A condition reduced to plain facts, for deepEqual. */
export function facts(condition: Condition): ConditionFacts {
  return {
    table: condition.column.table,
    column: condition.column.column,
    field: condition.column.field?.name,
    operator: condition.operator,
    value: condition.value,
  };
}

/** An order term reduced to plain facts, for deepEqual. */
export function orderFacts(term: OrderTerm): OrderFacts {
  return {
    table: term.column.table,
    column: term.column.column,
    field: term.column.field?.name,
    direction: term.direction,
  };
}

/** Parses Accounts criteria as a user seeing `fields` would send them. */
export function criteria(
  text: string,
  fields: readonly FieldDefinition[] = allFields,
): ConditionFacts[] {
  return parseCriteria(accounts, fields, text).map(facts);
}

/** Parses an Accounts order as a user seeing `fields` would send it. */
export function order(text: string, fields: readonly FieldDefinition[] = allFields): OrderFacts[] {
  return parseOrder(accounts, fields, text).map(orderFacts);
}

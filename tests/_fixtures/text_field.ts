/**
 * A plain optional text field (uitype 1, `V~O`) for tests that build small
 * modules of their own.
 */

import type { FieldDefinition } from "../../domain/field.ts";

/** A text field whose column is its name, on `table` (a record table unless said otherwise). */
export function textField(
  id: number,
  name: string,
  table: string,
  onRecordTable = true,
): FieldDefinition {
  return {
    id,
    name,
    column: name,
    table,
    label: name,
    uitype: 1,
    dataType: "V",
    mandatory: false,
    presence: 2,
    displayType: 1,
    onRecordTable,
  };
}

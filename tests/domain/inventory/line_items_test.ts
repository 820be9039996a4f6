/**
 * Checking the lines a client sends, and the taxes a line may name.
 */

import assert from "node:assert/strict";
import {
  type LineItemColumns,
  MAX_LINE_ITEMS,
  parseLineItems,
} from "../../../domain/inventory/line_items.ts";
import { requireApplicableTaxes } from "../../../domain/inventory/taxes.ts";
import { throwsDomainError } from "../_assert_error.ts";
import { FREVO_TAXES } from "./_taxes.ts";

const COLUMNS: LineItemColumns = {
  decimals: new Set(["purchase_cost", "margin"]),
  texts: new Set(["usageunit"]),
  checkboxes: new Set(["reducedtaxrate"]),
  taxNames: new Set(["tax1", "tax2", "tax3", "tax4"]),
};

Deno.test("a recorded line is parsed with its discount, comment and tax", () => {
  const [first, second] = parseLineItems([
    {
      productid: "29",
      quantity: "3",
      listprice: "1250.50",
      discount_percent: "10",
      comment: 'Line 1 & "special"',
    },
    { productid: "30", quantity: "5", discount_amount: "50", tax4: "8", reducedtaxrate: "on" },
  ], COLUMNS);
  assert.deepEqual(first, {
    productId: 29,
    quantity: "3",
    listPrice: "1250.50",
    discountPercent: "10",
    comment: 'Line 1 & "special"',
    description: "",
    taxes: {},
    extra: {},
  });
  assert.deepEqual(second, {
    productId: 30,
    quantity: "5",
    discountAmount: "50",
    comment: "",
    description: "",
    taxes: { tax4: "8" },
    extra: { reducedtaxrate: "1" },
  });
});

Deno.test("bad lines are refused, naming the line and key", () => {
  const refused = (lines: Array<Record<string, string>>, message: string) =>
    throwsDomainError(() => parseLineItems(lines, COLUMNS), "INVALID_FIELD_VALUE", message);
  refused([], "LineItems must hold at least one line");
  refused([{ quantity: "1" }], "LineItems[1].productid is missing");
  refused([{ productid: "x", quantity: "1" }], "LineItems[1].productid must be a product");
  refused([{ productid: "0", quantity: "1" }], "LineItems[1].productid must be a product");
  refused(
    [{ productid: "1", quantity: "1" }, { productid: "2" }],
    "LineItems[2].quantity is missing",
  );
  refused([{ productid: "1", quantity: "0" }], "LineItems[1].quantity must be more than 0");
  refused([{ productid: "1", quantity: "1e3" }], "LineItems[1].quantity must be a number");
  refused([{ productid: "1", quantity: "1", listprice: "-1" }], "listprice must be 0 or more");
  refused(
    [{ productid: "1", quantity: "1", discount_percent: "5", discount_amount: "2" }],
    "give one discount",
  );
  refused([{ productid: "1", quantity: "1", discount_percent: "101" }], "from 0 to 100");
  refused(
    [{ productid: "1", quantity: "1", tax4: "-3" }],
    "LineItems[1].tax4 must be a percentage",
  );
  refused([{ productid: "1", quantity: "1", price: "3" }], "LineItems[1].price is not a field");
  refused([{ productid: "1", quantity: "1", reducedtaxrate: "maybe" }], "must be 0 or 1");
  const many = Array.from(
    { length: MAX_LINE_ITEMS + 1 },
    () => ({ productid: "1", quantity: "1" }),
  );
  refused(many, `at most ${MAX_LINE_ITEMS}`);
});

Deno.test("a line may name only active taxes, and in individual mode only its product's", () => {
  const lines = parseLineItems([{ productid: "29", quantity: "1", tax4: "8" }], COLUMNS);
  requireApplicableTaxes(lines, "individual", () => ({ tax4: "10.000" }), FREVO_TAXES);
  requireApplicableTaxes(lines, "group", () => ({}), FREVO_TAXES);
  throwsDomainError(
    () => requireApplicableTaxes(lines, "individual", () => ({}), FREVO_TAXES),
    "INVALID_FIELD_VALUE",
    "product 29 does not carry tax tax4",
  );
  const inactive = parseLineItems([{ productid: "29", quantity: "1", tax1: "8" }], COLUMNS);
  throwsDomainError(
    () => requireApplicableTaxes(inactive, "group", () => ({}), FREVO_TAXES),
    "INVALID_FIELD_VALUE",
    "tax tax1 is not an active tax",
  );
});

/**
 * Inventory totals against the numbers Vtiger's webservice wrote in the
 * `inventory` recording, and against hand-computed cases for group taxes,
 * discounts, shipping and its taxes, adjustments and compound taxes.
 */

import assert from "node:assert/strict";
import { chargesFromInput } from "../../../domain/inventory/charges.ts";
import type { LineItem } from "../../../domain/inventory/line_items.ts";
import { phpFloatText } from "../../../domain/inventory/php_float.ts";
import { priceInventory, type ProductFacts } from "../../../domain/inventory/pricing.ts";
import type { TaxDefinition, TaxMode } from "../../../domain/inventory/taxes.ts";
import { FREVO_TAXES, SHIPPING_CHARGE, SHIPPING_TAXES, VT73_TAXES } from "./_taxes.ts";

function line(productId: number, quantity: string, rest: Partial<LineItem> = {}): LineItem {
  return { productId, quantity, comment: "", description: "", taxes: {}, extra: {}, ...rest };
}

/** Product A (1250.50, tax4 10 %) and product B (300, tax4 8 %) of the recording. */
const RECORDED_PRODUCTS = new Map<number, ProductFacts>([
  [29, { unitPrice: "1250.50000000", taxes: { tax4: "10.000" } }],
  [30, { unitPrice: "300.00000000", taxes: { tax4: "8.000" } }],
]);

/** The recording's two lines, the first with `quantity1`, the second with `quantity2`. */
function recordedLines(quantity1: string, quantity2 = "5"): LineItem[] {
  return [
    line(29, quantity1, { listPrice: "1250.50", discountPercent: "10" }),
    line(30, quantity2, { listPrice: "300", discountAmount: "50" }),
  ];
}

function price(
  mode: TaxMode,
  lines: LineItem[],
  header: Record<string, string> = {},
  taxes: readonly TaxDefinition[] = FREVO_TAXES,
  products = RECORDED_PRODUCTS,
) {
  return priceInventory({
    mode,
    lines,
    products,
    taxes,
    shippingTaxes: SHIPPING_TAXES,
    ...(header.hdnDiscountPercent === undefined
      ? {}
      : { discountPercent: header.hdnDiscountPercent }),
    ...(header.hdnDiscountAmount === undefined ? {} : { discountAmount: header.hdnDiscountAmount }),
    ...(header.txtAdjustment === undefined ? {} : { adjustment: header.txtAdjustment }),
    charges: chargesFromInput(header, [SHIPPING_CHARGE], SHIPPING_TAXES),
  });
}

Deno.test("individual taxes: the recording's invoice create and first revise", () => {
  const created = price("individual", recordedLines("3"));
  assert.deepEqual(
    { ...created.totals, lineNets: undefined },
    { subtotal: "5279.985", preTaxTotal: "4826.35", total: "5279.985", lineNets: undefined },
  );
  assert.deepEqual(created.totals.lineNets, ["3376.35", "1450"]);
  assert.deepEqual(created.lines.map((l) => l.taxColumns), [
    { tax1: null, tax2: null, tax3: null, tax4: "10" },
    { tax1: null, tax2: null, tax3: null, tax4: "8" },
  ]);
  const revised = price("individual", recordedLines("4"));
  assert.equal(revised.totals.subtotal, "6517.98");
  assert.equal(revised.totals.preTaxTotal, "5951.8");
  assert.equal(revised.totals.total, "6517.98");
});

Deno.test("no tax mode: the recording's revise without hdnTaxType taxes nothing", () => {
  const revised = price("", recordedLines("4", "6"));
  assert.equal(revised.totals.subtotal, "6251.8");
  assert.equal(revised.totals.preTaxTotal, "6251.8");
  assert.equal(revised.totals.total, "6251.8");
  assert.deepEqual(revised.lines.map((l) => l.taxColumns.tax4), ["0", "0"]);
});

Deno.test("individual taxes with an overall discount amount, shipping, its tax and an adjustment", () => {
  const priced = price("individual", recordedLines("3"), {
    hdnDiscountAmount: "30",
    hdnS_H_Amount: "10",
    shtax2_sh_percent: "10",
    txtAdjustment: "0.015",
  });
  // Subtotal 5279.985 − 30 + 10 shipping; pre-tax: nets 4826.35 − 30 + 10; + 1 shipping tax + adjustment.
  assert.equal(priced.totals.subtotal, "5279.985");
  assert.equal(priced.totals.preTaxTotal, "4806.35");
  assert.equal(priced.totals.total, "5261");
});

Deno.test("individual taxes: an overall percentage discount is taken on the taxed subtotal", () => {
  const priced = price("individual", recordedLines("3"), { hdnDiscountPercent: "10" });
  // Vtiger takes the percentage of hdnSubTotal, which includes the line taxes here.
  assert.equal(priced.totals.preTaxTotal, phpFloatText(4826.35 - 527.9985));
  assert.equal(priced.totals.total, phpFloatText(5279.985 - 527.9985));
});

Deno.test("group taxes: the first line's taxes on the discounted subtotal, shipping taxes, adjustment", () => {
  const products = new Map<number, ProductFacts>([
    [1, { unitPrice: "100", taxes: { tax1: "4.500" } }],
    [2, { unitPrice: "50", taxes: {} }],
  ]);
  const priced = price(
    "group",
    [line(1, "2", { discountPercent: "10", taxes: { tax1: "4.5", tax2: "10" } }), line(2, "1")],
    {
      hdnDiscountPercent: "10",
      hdnS_H_Amount: "20",
      shtax1_sh_percent: "4.5",
      txtAdjustment: "-1.5",
    },
    VT73_TAXES,
    products,
  );
  // Nets 180 + 50 = 230; discount 23; shipping 20 → 227; taxes on 207: 9.315 + 20.7; shipping tax 0.9.
  assert.equal(priced.totals.subtotal, "230");
  assert.equal(priced.totals.preTaxTotal, "227");
  assert.equal(priced.totals.total, "256.415");
  assert.deepEqual(priced.lines.map((l) => l.taxColumns), [
    { tax1: "4.5", tax2: "10", tax3: "0" },
    { tax1: "0", tax2: "0", tax3: "0" },
  ]);
  // The list price of a line without one is its product's unit price.
  assert.equal(priced.lines[1].listPrice, "50");
});

Deno.test("compound and deducted taxes in group mode", () => {
  const taxes: TaxDefinition[] = [
    { id: 1, name: "tax1", percentage: "10", method: "Simple", compoundOn: [], active: true },
    { id: 2, name: "tax2", percentage: "5", method: "Compound", compoundOn: [1], active: true },
    { id: 3, name: "tax3", percentage: "2", method: "Deducted", compoundOn: [], active: true },
  ];
  const products = new Map<number, ProductFacts>([[1, { unitPrice: "100", taxes: {} }]]);
  const priced = price(
    "group",
    [line(1, "1", { taxes: { tax1: "10", tax2: "5", tax3: "2" } })],
    {},
    taxes,
    products,
  );
  // 100 + 10 + (100 + 10) × 5 % − 2.
  assert.equal(priced.totals.total, "113.5");
});

Deno.test("compound taxes in individual mode compound on the line's net plus the taxes named", () => {
  const taxes: TaxDefinition[] = [
    { id: 1, name: "tax1", percentage: "10", method: "Simple", compoundOn: [], active: true },
    { id: 2, name: "tax2", percentage: "5", method: "Compound", compoundOn: [1], active: true },
  ];
  const products = new Map<number, ProductFacts>([
    [1, { unitPrice: "200", taxes: { tax1: "10", tax2: "5" } }],
  ]);
  const priced = price("individual", [line(1, "1")], {}, taxes, products);
  assert.equal(priced.totals.subtotal, "231");
  assert.equal(priced.totals.preTaxTotal, "200");
});

Deno.test("PHP's float text: 14 significant digits", () => {
  assert.equal(phpFloatText(3376.35 + 337.635 + 1450 + 116), "5279.985");
  assert.equal(phpFloatText(0.1 + 0.2), "0.3");
  assert.equal(phpFloatText(-0), "0");
  assert.equal(phpFloatText(1 / 3), "0.33333333333333");
});

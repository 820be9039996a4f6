/**
 * The original module's inventory form (`items` and the edit view's header
 * keys) translated into `LineItems` and vtrest's header fields, key by key as
 * Vtiger's `saveInventoryProductDetails` read them.
 */

import assert from "node:assert/strict";
import { DomainError } from "../../domain/errors.ts";
import { translateItems } from "../../adapters/http/original_items.ts";

/** The Quote of the original PHP client's example (examples/php/index.php), values as PHP sends them. */
const CLIENT_QUOTE = {
  subject: "New Quote",
  account_id: "11",
  contact_id: "",
  quotestage: "Created",
  taxtype: "group",
  discount_percentage_final: "0",
  discount_amount_final: "0",
  shipping_handling_charge: "0",
  tax1_group_percentage: "20",
  tax2_group_percentage: "0",
  tax3_group_percentage: "0",
  shtax1_sh_percent: "0",
  pre_tax_total: "61.56",
  adjustment: "0",
  subtotal: "61.56",
  total: "73.872",
};
const CLIENT_ITEMS = JSON.stringify([{
  hdnProductId: "15",
  qty: 3,
  listPrice: "20.52000000",
  comment: null,
  discount_amount: 0,
  discount_percentage: 0,
}]);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof DomainError, String(error));
    assert.equal(error.code, "INVALID_PARAMETER");
    return error.message;
  }
  assert.fail("not refused");
}

Deno.test("the PHP client's Quote: group taxes on every line, client sums dropped", () => {
  const { values, lineItems } = translateItems(CLIENT_QUOTE, CLIENT_ITEMS, false);
  assert.deepEqual(values, {
    subject: "New Quote",
    account_id: "11",
    contact_id: "",
    quotestage: "Created",
    hdnTaxType: "group",
    hdnS_H_Amount: "0",
    shtax1_sh_percent: "0",
    txtAdjustment: "0",
  });
  // tax2 and tax3 at 0 are the same as not named, and not named keeps an inactive tax valid.
  assert.deepEqual(lineItems, [
    { productid: "15", quantity: "3", listprice: "20.52000000", comment: "", tax1: "20" },
  ]);
});

Deno.test("items as an array (a JSON body) translate as the JSON text does", () => {
  assert.deepEqual(
    translateItems(CLIENT_QUOTE, JSON.parse(CLIENT_ITEMS), false),
    translateItems(CLIENT_QUOTE, CLIENT_ITEMS, false),
  );
});

Deno.test("line discounts: percentage when more than 0, else amount, else none", () => {
  const lines = (items: unknown[]) => translateItems({}, items, false).lineItems;
  assert.deepEqual(
    lines([
      { hdnProductId: 1, qty: 1, discount_percentage: 10, discount_amount: 5 },
      { hdnProductId: 1, qty: 1, discount_percentage: "0", discount_amount: "5" },
      { hdnProductId: 1, qty: 1, discount_percentage: 0, discount_amount: 0 },
      { hdnProductId: 1, qty: 1, discount_percentage: "", discount_amount: null },
      // A negative one is passed on, for the domain to refuse with its range.
      { hdnProductId: 1, qty: 1, discount_percentage: -5 },
    ]),
    [
      { productid: "1", quantity: "1", discount_percent: "10" },
      { productid: "1", quantity: "1", discount_amount: "5" },
      { productid: "1", quantity: "1" },
      { productid: "1", quantity: "1" },
      { productid: "1", quantity: "1", discount_percent: "-5" },
    ],
  );
});

Deno.test("overall discount from the _final keys, the other one reset to 0", () => {
  const header = (values: Record<string, string>) => translateItems(values, "[]", false).values;
  assert.deepEqual(header({ discount_percentage_final: "5", discount_amount_final: "7" }), {
    hdnDiscountPercent: "5",
    hdnDiscountAmount: "0",
  });
  assert.deepEqual(header({ discount_percentage_final: "0", discount_amount_final: "7.5" }), {
    hdnDiscountAmount: "7.5",
    hdnDiscountPercent: "0",
  });
  assert.deepEqual(header({ discount_percentage_final: "0", discount_amount_final: "" }), {});
});

Deno.test("individual taxes: each line's taxN_percentage; group percentages not read", () => {
  const { values, lineItems } = translateItems(
    { taxtype: "individual", tax1_group_percentage: "20" },
    [
      { hdnProductId: 1, qty: 2, tax1_percentage: "4.5", tax3_percentage: 0, hidtax_row_no: 1 },
      { hdnProductId: 2, qty: 1, tax1_percentage: null, productDescription: "<i>d</i>" },
    ],
    false,
  );
  assert.deepEqual(values, { hdnTaxType: "individual" });
  assert.deepEqual(lineItems, [
    { productid: "1", quantity: "2", tax1: "4.5", tax3: "0" },
    { productid: "2", quantity: "1", description: "d" },
  ]);
});

Deno.test("group taxes: the group percentages on every line, the lines' own not read", () => {
  const { lineItems } = translateItems(
    { taxtype: " Group ", tax1_group_percentage: "4.5", tax2_group_percentage: "10" },
    [{ hdnProductId: 1, qty: 1, tax1_percentage: "99" }, { hdnProductId: 2, qty: 1 }],
    false,
  );
  assert.deepEqual(lineItems, [
    { productid: "1", quantity: "1", tax1: "4.5", tax2: "10" },
    { productid: "2", quantity: "1", tax1: "4.5", tax2: "10" },
  ]);
});

Deno.test("adjustment: signed, adjustmentType - negates it", () => {
  const adjustment = (values: Record<string, string>) =>
    translateItems(values, "[]", false).values.txtAdjustment;
  assert.equal(adjustment({ adjustment: "-2.5" }), "-2.5");
  assert.equal(adjustment({ adjustment: "3", adjustmentType: "-" }), "-3");
  assert.equal(adjustment({ adjustment: "+3", adjustmentType: "-" }), "-3");
  assert.equal(adjustment({ adjustment: "3", adjustmentType: "+" }), "3");
  assert.match(refusal(() => adjustment({ adjustment: "-3", adjustmentType: "-" })), /minus/);
  assert.match(refusal(() => adjustment({ adjustmentType: "*" })), /adjustmentType must be/);
});

Deno.test("bad items are refused as INVALID_PARAMETER naming the key", () => {
  const cases: Array<[unknown, RegExp]> = [
    ["", /^items is empty/],
    ["[{", /^items must be a JSON array of lines, not '\[\{'$/],
    ['{"hdnProductId":1}', /^items must be a JSON array of lines, one object per line$/],
    [null, /^items must be a JSON array/],
    [[1], /^items\[1\] must be an object/],
    [[{ hdnProductId: 1, qty: true }], /^items\[1\]\.qty must be a string, a number or null$/],
    [[{ hdnProductId: 1 }, { hdnProductId: [2] }], /^items\[2\]\.hdnProductId must be a string/],
    [[{ hdnProductId: 1, qty: "three" }], /^items\[1\]\.qty must be a number, not 'three'$/],
    [[{ hdnProductId: 1, quantity: 3 }], /^items\[1\]\.quantity is not a key of a line \(/],
    [[{ hdnProductId: 1, tax1_percentage: "x" }], /^items\[1\]\.tax1_percentage must be a number/],
  ];
  for (const [items, expected] of cases) {
    assert.match(refusal(() => translateItems({}, items, false)), expected, String(items));
  }
});

Deno.test("bad header keys, and both forms at once, are refused", () => {
  assert.match(
    refusal(() => translateItems({}, "[]", true)),
    /^The body carries both items and LineItems/,
  );
  assert.match(
    refusal(() => translateItems({ taxtype: "group", hdnTaxType: "group" }, "[]", false)),
    /^The body carries both taxtype and hdnTaxType/,
  );
  for (
    const key of [
      "subtotal",
      "total",
      "pre_tax_total",
      "adjustment",
      "shipping_handling_charge",
      "discount_amount_final",
      "tax2_group_percentage",
    ]
  ) {
    assert.match(
      refusal(() => translateItems({ [key]: "12,5" }, "[]", false)),
      new RegExp(`^${key} must be a number, not '12,5'$`),
    );
  }
});

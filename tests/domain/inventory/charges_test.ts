/**
 * Shipping charges as Vtiger's webservice builds and stores them.
 */

import assert from "node:assert/strict";
import {
  chargeKeys,
  chargesFromInput,
  chargesJson,
  parseChargesJson,
} from "../../../domain/inventory/charges.ts";
import { throwsDomainError } from "../_assert_error.ts";
import { SHIPPING_CHARGE, SHIPPING_TAXES } from "./_taxes.ts";

Deno.test("no shipping given: the recording's charges row", () => {
  const input = chargesFromInput({}, [SHIPPING_CHARGE], SHIPPING_TAXES);
  assert.equal(chargesJson(input.charges), '{"1":{"value":null,"taxes":{"1":0,"2":0,"3":0}}}');
  assert.equal(input.shippingAmount, "0");
  assert.equal(input.shippingPercent, "0");
});

Deno.test("hdnS_H_Amount and a shipping tax percentage", () => {
  const input = chargesFromInput(
    { hdnS_H_Amount: "25.5", shtax2_sh_percent: "10" },
    [SHIPPING_CHARGE],
    SHIPPING_TAXES,
  );
  assert.equal(chargesJson(input.charges), '{"1":{"value":"25.5","taxes":{"1":0,"2":"10","3":0}}}');
  assert.equal(input.shippingAmount, "25.5");
});

Deno.test("a named charge and its taxes", () => {
  assert.deepEqual(chargeKeys([SHIPPING_CHARGE], SHIPPING_TAXES), [
    "shipping_&_handling",
    "shipping_&_handling_shtax1",
    "shipping_&_handling_shtax2",
    "shipping_&_handling_shtax3",
    "shtax1_sh_percent",
    "shtax2_sh_percent",
    "shtax3_sh_percent",
  ]);
  const input = chargesFromInput(
    { "shipping_&_handling": "12", "shipping_&_handling_shtax1": "4.5" },
    [SHIPPING_CHARGE],
    SHIPPING_TAXES,
  );
  assert.equal(chargesJson(input.charges), '{"1":{"value":"12","taxes":{"1":"4.5"}}}');
  assert.equal(input.shippingAmount, "12");
  const back = parseChargesJson(chargesJson(input.charges));
  assert.equal(back.get(1)?.value, "12");
  assert.equal(back.get(1)?.taxes.get(1), "4.5");
});

Deno.test("bad shipping values are refused", () => {
  throwsDomainError(
    () => chargesFromInput({ hdnS_H_Amount: "ten" }, [SHIPPING_CHARGE], SHIPPING_TAXES),
    "INVALID_FIELD_VALUE",
    "Field 'hdnS_H_Amount' must be a number, not 'ten'",
  );
  throwsDomainError(
    () => chargesFromInput({ "shipping_&_handling": "5%" }, [SHIPPING_CHARGE], SHIPPING_TAXES),
    "INVALID_FIELD_VALUE",
    "percentages of a charge are not accepted",
  );
  throwsDomainError(
    () => chargesFromInput({ shtax1_sh_percent: "120" }, [SHIPPING_CHARGE], SHIPPING_TAXES),
    "INVALID_FIELD_VALUE",
    "from 0 to 100",
  );
});

Deno.test("stored charges that are not JSON count as none", () => {
  assert.equal(parseChargesJson("not json").size, 0);
  assert.equal(parseChargesJson(null).size, 0);
  assert.equal(parseChargesJson("[1]").size, 0);
});

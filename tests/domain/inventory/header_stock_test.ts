import assert from "node:assert/strict";
import { DomainError } from "../../../domain/errors.ts";
import {
  discountColumns,
  invoiceBalance,
  PAID_FIELDS,
  parseTaxMode,
} from "../../../domain/inventory/header.ts";
import {
  countsStock,
  receivedOnCreate,
  stockMoves,
  stockReceived,
} from "../../../domain/inventory/stock.ts";

Deno.test("header: the tax mode in any case, none, or refused", () => {
  assert.equal(parseTaxMode("Individual"), "individual");
  assert.equal(parseTaxMode(" group "), "group");
  assert.equal(parseTaxMode(""), "");
  assert.throws(() => parseTaxMode("both"), DomainError);
});

Deno.test("header: the overall discount is an amount, else a percentage, else none", () => {
  assert.deepEqual(discountColumns("5", "10"), { discount_percent: null, discount_amount: "10" });
  assert.deepEqual(discountColumns("5", "0"), { discount_percent: "5", discount_amount: null });
  assert.deepEqual(discountColumns("", ""), { discount_percent: null, discount_amount: null });
  assert.deepEqual(discountColumns(undefined, undefined), {
    discount_percent: null,
    discount_amount: null,
  });
  assert.throws(() => discountColumns("120", undefined), /from 0 to 100/);
  assert.throws(() => discountColumns(undefined, "-1"), /0 or more/);
});

Deno.test("header: an invoice's balance is its total minus what was received", () => {
  assert.equal(invoiceBalance("568.5", "100"), "468.5");
  assert.equal(invoiceBalance("568.5", null), "568.5");
});

Deno.test("stock: only invoices not cancelled count", () => {
  assert.equal(countsStock("Invoice", "Created"), true);
  assert.equal(countsStock("Invoice", null), true);
  assert.equal(countsStock("Invoice", "Cancel"), false);
  assert.equal(countsStock("SalesOrder", "Created"), false);
  assert.equal(countsStock("PurchaseOrder", "Received Shipment"), false);
});

Deno.test("stock: counted lines come back, new ones go out, unmoved products are left out", () => {
  const before = { counted: [{ productId: 1, quantity: "3" }, { productId: 2, quantity: "4" }] };
  const after = { counted: [{ productId: 1, quantity: "5" }, { productId: 2, quantity: "4" }] };
  assert.deepEqual([...stockMoves(before, after)], [[1, -2]]);
  assert.deepEqual([...stockMoves(before, { counted: [] })], [[1, 3], [2, 4]]);
  assert.deepEqual([...stockMoves({ counted: [] }, before)], [[1, -3], [2, -4]]);
  const twice = { counted: [{ productId: 1, quantity: "1" }, { productId: 1, quantity: "2" }] };
  assert.deepEqual([...stockMoves({ counted: [] }, twice)], [[1, -3]]);
});

Deno.test("stock: a purchase order created received adds its lines, nothing else does", () => {
  assert.equal(receivedOnCreate("PurchaseOrder", "Received Shipment"), true);
  assert.equal(receivedOnCreate("PurchaseOrder", "Created"), false);
  assert.equal(receivedOnCreate("PurchaseOrder", null), false);
  assert.equal(receivedOnCreate("Invoice", "Received Shipment"), false);
  const lines = [{ productId: 1, quantity: "3" }, { productId: 2, quantity: "4" }];
  assert.deepEqual([...stockReceived(lines)], [[1, 3], [2, 4]]);
});

Deno.test("header: invoices balance against received, purchase orders against paid", () => {
  assert.deepEqual(PAID_FIELDS, { Invoice: "received", PurchaseOrder: "paid" });
});

/**
 * The totals of an inventory record, computed as Vtiger computes them when
 * its webservice saves line items (`VtigerLineItemOperation::updateParent`):
 *
 * - a line's net amount is `listprice × quantity` minus its discount (the
 *   amount when it is not 0, else the percentage of `listprice × quantity`);
 * - individual taxes: each line's taxes on its net amount; `hdnSubTotal` is
 *   the sum of the nets and their taxes, `pre_tax_total` the sum of the nets
 *   minus the overall discount plus shipping;
 * - group taxes: `hdnSubTotal` is the sum of the nets; the group taxes are
 *   computed on `hdnSubTotal − overall discount`;
 * - the overall discount is `hdnDiscountAmount` when above 0, else
 *   `hdnDiscountPercent` % of `hdnSubTotal`;
 * - `hdnGrandTotal` = `hdnSubTotal − discount + hdnS_H_Amount + group taxes
 *   + shipping taxes + txtAdjustment`.
 *
 * Compound taxes are computed on the net plus the taxes they compound on, in
 * both modes (Vtiger's webservice forgets the compounding in individual mode;
 * its own edit view does not); deducted taxes are subtracted in group mode,
 * as its edit view does. Amounts are IEEE doubles written with PHP's 14
 * significant digits, as Vtiger stores them.
 *
 * @module
 */

import { phpFloat, phpFloatText } from "./php_float.ts";
import type { ChargeValues } from "./charges.ts";
import type { TaxDefinition, TaxMode, TaxPercentages } from "./taxes.ts";

/** A line ready to be priced: its amounts and the taxes that apply to it. */
export interface PricedLine {
  /** Unit price, as stored (decimal text). */
  readonly listPrice: string;
  /** Quantity, as stored. */
  readonly quantity: string;
  /** Discount percentage (`""` or `undefined` when none). */
  readonly discountPercent?: string;
  /** Discount amount (`""` or `undefined` when none). */
  readonly discountAmount?: string;
  /** The taxes that apply (`lineTaxes`). */
  readonly taxes: TaxPercentages;
}

/** The record-level inputs of the totals. */
export interface TotalsInput {
  /** How the record is taxed. */
  readonly mode: TaxMode;
  /** The lines, in sequence order. */
  readonly lines: readonly PricedLine[];
  /** The install's item taxes, all of them (ids, methods, compounding). */
  readonly taxes: readonly TaxDefinition[];
  /** The install's shipping taxes, all of them. */
  readonly shippingTaxes: readonly TaxDefinition[];
  /** The overall discount in percent of `hdnSubTotal` (`hdnDiscountPercent`). */
  readonly discountPercent?: string;
  /** The overall discount as an amount (`hdnDiscountAmount`); wins when above 0. */
  readonly discountAmount?: string;
  /** `hdnS_H_Amount`: shipping and handling. */
  readonly shippingAmount?: string;
  /** The charges and their taxes, as `vtiger_inventorychargesrel` keeps them. */
  readonly charges: ChargeValues;
  /** `txtAdjustment`, signed. */
  readonly adjustment?: string;
}

/** The computed header amounts, as texts ready to store. */
export interface Totals {
  /** `hdnSubTotal` (`subtotal`). */
  readonly subtotal: string;
  /** `pre_tax_total`. */
  readonly preTaxTotal: string;
  /** `hdnGrandTotal` (`total`). */
  readonly total: string;
  /** Each line's net amount (after its discount, before taxes), in line order. */
  readonly lineNets: readonly string[];
}

/** A line's amount after its own discount, as `updateParent` computes it. */
function lineNet(line: PricedLine): number {
  const gross = phpFloat(line.listPrice) * phpFloat(line.quantity);
  const amount = phpFloat(line.discountAmount);
  const percent = phpFloat(line.discountPercent);
  const discount = amount !== 0 ? amount : percent !== 0 ? (percent / 100) * gross : 0;
  return gross - discount;
}

/**
 * The amount of each tax on `base`: simple taxes on the base, compound ones
 * on the base plus the simple amounts of the taxes they compound on (in the
 * install's tax order, as Vtiger loops over them).
 */
function taxAmounts(
  base: number,
  applied: TaxPercentages,
  taxes: readonly TaxDefinition[],
): Array<{ tax: TaxDefinition; amount: number }> {
  const chosen = taxes.filter((tax) => applied.has(tax.name));
  const amounts = new Map<number, number>(
    chosen.map((tax) => [tax.id, (base * applied.get(tax.name)!) / 100]),
  );
  return chosen.map((tax) => {
    if (tax.method === "Compound" && tax.compoundOn.length > 0) {
      const on = tax.compoundOn.reduce((sum, id) => sum + (amounts.get(id) ?? 0), base);
      amounts.set(tax.id, (on * applied.get(tax.name)!) / 100);
    }
    return { tax, amount: amounts.get(tax.id)! };
  });
}

/** The taxes of the charges: each charge value times each of its tax percentages. */
function chargeTaxAmount(charges: ChargeValues, shippingTaxes: readonly TaxDefinition[]): number {
  const byId = new Map(shippingTaxes.map((tax) => [tax.id, tax]));
  let total = 0;
  for (const charge of charges.values()) {
    const value = phpFloat(charge.value);
    for (const [taxId, percent] of charge.taxes) {
      const tax = byId.get(taxId);
      let base = value;
      if (tax?.method === "Compound") {
        for (const other of tax.compoundOn) {
          base += (value * phpFloat(charge.taxes.get(other))) / 100;
        }
      }
      total += (base * phpFloat(percent)) / 100;
    }
  }
  return total;
}

/** Computes the header totals of an inventory record from its lines (module doc). */
export function computeTotals(input: TotalsInput): Totals {
  const individual = input.mode === "individual";
  let subtotal = 0;
  let netSum = 0;
  const lineNets: string[] = [];
  for (const line of input.lines) {
    const net = lineNet(line);
    lineNets.push(phpFloatText(net));
    subtotal += net;
    netSum += net;
    if (individual) {
      for (const { amount } of taxAmounts(net, line.taxes, input.taxes)) subtotal += amount;
    }
  }
  const discountAmount = phpFloat(input.discountAmount);
  const discount = discountAmount > 0
    ? discountAmount
    : (phpFloat(input.discountPercent) / 100) * subtotal;
  const shipping = phpFloat(input.shippingAmount);
  const total = subtotal - discount + shipping;
  const preTaxTotal = individual ? netSum - discount + shipping : total;
  let taxAmount = 0;
  if (!individual && input.lines.length > 0) {
    const groupTaxes = taxAmounts(subtotal - discount, input.lines[0].taxes, input.taxes);
    for (const { tax, amount } of groupTaxes) {
      taxAmount += tax.method === "Deducted" ? -amount : amount;
    }
  }
  taxAmount += chargeTaxAmount(input.charges, input.shippingTaxes);
  return {
    subtotal: phpFloatText(subtotal),
    preTaxTotal: phpFloatText(preTaxTotal),
    total: phpFloatText(total + taxAmount + phpFloat(input.adjustment)),
    lineNets,
  };
}

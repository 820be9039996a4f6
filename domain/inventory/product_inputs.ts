/**
 * The taxes and prices of a product or service, as clients give them with
 * the record (Vtiger's webservice names them so): `taxN` the percentage of
 * an active tax (`""` on an update removes it), `currencyN` the price in
 * currency N, `currency_id` the currency `unit_price` is in.
 *
 * @module
 */

import { excerpt } from "../excerpt.ts";
import { invalidFieldValue } from "../errors.ts";

/** A product's tax and price inputs, checked. */
export interface ProductInputs {
  /** Tax percentages by tax name; `null` removes the tax (update only). */
  readonly taxes: ReadonlyMap<string, string | null>;
  /** Prices by currency id. */
  readonly prices: ReadonlyMap<number, string>;
  /** The currency `unit_price` is in, when given. */
  readonly baseCurrency?: number;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const TAX = /^tax\d+$/;
const CURRENCY = /^currency(\d+)$/;

function decimal(name: string, value: string): string {
  if (!DECIMAL.test(value)) {
    throw invalidFieldValue(name, `Field '${name}' must be a number, not '${excerpt(value)}'`);
  }
  return value;
}

/**
 * Checks the inputs: percentages from 0 to 100, prices of 0 or more, and
 * currencies the install has active (`activeCurrencies`). An empty tax on a
 * create is no tax; an empty price or currency is refused.
 */
export function productInputs(
  inputs: Readonly<Record<string, string>>,
  activeCurrencies: ReadonlySet<number>,
  mode: "create" | "update",
): ProductInputs {
  const taxes = new Map<string, string | null>();
  const prices = new Map<number, string>();
  let baseCurrency: number | undefined;
  for (const [name, raw] of Object.entries(inputs)) {
    const value = raw.trim();
    const currency = CURRENCY.exec(name);
    if (TAX.test(name)) {
      if (value === "") {
        if (mode === "update") taxes.set(name, null);
        continue;
      }
      const percent = decimal(name, value);
      if (Number(percent) < 0 || Number(percent) > 100) {
        throw invalidFieldValue(
          name,
          `Field '${name}' must be a percentage from 0 to 100, not '${excerpt(value)}'`,
        );
      }
      taxes.set(name, percent);
    } else if (currency !== null) {
      const price = decimal(name, value);
      if (Number(price) < 0) {
        throw invalidFieldValue(name, `Field '${name}' must be 0 or more, not '${excerpt(value)}'`);
      }
      prices.set(Number(currency[1]), price);
    } else if (name === "currency_id") {
      if (!/^\d+$/.test(value) || !activeCurrencies.has(Number(value))) {
        throw invalidFieldValue(
          name,
          `Field 'currency_id' must be the id of an active currency, not '${excerpt(value)}'`,
        );
      }
      baseCurrency = Number(value);
    }
  }
  return { taxes, prices, ...(baseCurrency === undefined ? {} : { baseCurrency }) };
}

/**
 * The price Vtiger stores as converted into a currency: the unit price
 * brought to the base currency (`baseRate`: the rate of the currency the
 * price is in, per Vtiger's `getBaseConversionRateForProduct`), then to the
 * currency (`rate`).
 */
export function convertedPrice(unitPrice: number, baseRate: number, rate: number): number {
  return (1 / (baseRate === 0 ? 1 : baseRate)) * rate * unitPrice;
}

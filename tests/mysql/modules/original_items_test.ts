/**
 * The original PHP client's Quote (examples/php/index.php: `items` as JSON
 * text and the edit view's header keys, in its form body with `/` escaped as
 * `\/`), on a Vtiger 7.3.0 database, writes the same rows as the same Quote
 * sent with `LineItems`; a bad one writes nothing.
 */

import assert from "node:assert/strict";
import { type RawBuilder, sql } from "kysely";
import type { VtigerTestDatabase } from "../vtiger_test_database.ts";
import { rows, scalar } from "../mysql_support.ts";
import { moduleTest } from "./_module_session.ts";
import { clientBody, phpJson } from "../../_fixtures/php_client.ts";

/** Columns that differ between two records by nature (ids, numbers, times). */
const OWN = new Set([
  "crmid",
  "quoteid",
  "quote_no",
  "quotebilladdressid",
  "quoteshipaddressid",
  "id",
  "lineitem_id",
  "recordid",
  "createdtime",
  "modifiedtime",
]);

function withoutOwn(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([column]) => !OWN.has(column)));
}

/** Every row a Quote has, but for the columns that are its own by nature. */
async function quoteRows(database: VtigerTestDatabase, id: number) {
  const of = async (query: RawBuilder<unknown>) =>
    (await rows(database, query) as Record<string, unknown>[]).map(withoutOwn);
  return {
    crmentity: await of(sql`SELECT * FROM vtiger_crmentity WHERE crmid = ${id}`),
    quotes: await of(sql`SELECT * FROM vtiger_quotes WHERE quoteid = ${id}`),
    bill: await of(sql`SELECT * FROM vtiger_quotesbillads WHERE quotebilladdressid = ${id}`),
    ship: await of(sql`SELECT * FROM vtiger_quotesshipads WHERE quoteshipaddressid = ${id}`),
    cf: await of(sql`SELECT * FROM vtiger_quotescf WHERE quoteid = ${id}`),
    lines: await of(
      sql`SELECT * FROM vtiger_inventoryproductrel WHERE id = ${id} ORDER BY sequence_no`,
    ),
    charges: await of(sql`SELECT * FROM vtiger_inventorychargesrel WHERE recordid = ${id}`),
    history: await of(
      sql`SELECT d.fieldname, d.prevalue, d.postvalue FROM vtiger_modtracker_basic b
        JOIN vtiger_modtracker_detail d ON d.id = b.id
        WHERE b.crmid = ${id} AND d.fieldname NOT IN ('quote_no', 'record_id', 'createdtime')
        ORDER BY d.fieldname`,
    ),
  };
}

moduleTest("The original client's items: the rows of the same Quote (7.3.0)", async (t, s) => {
  const { api, database } = s;
  // As index.php: a product created with a name and a price, then read back.
  const productId = await api.create("Products", { productname: "Test", unit_price: "20.52" });
  const product = await api.read("Products", productId);
  const account = await api.create("Accounts", { accountname: "Items buyer" });
  const quantity = 3;
  const price = Number(product.unit_price);
  const header = {
    subject: "New Quote",
    account_id: String(account),
    contact_id: "",
    validtill: "2026-02-14",
    quotestage: "Created",
    bill_street: "100 street of beta test",
    bill_code: "34000",
    bill_city: "Montpellier",
    bill_country: "France",
    ship_street: "100 street of beta test",
    ship_code: "34000",
    ship_city: "Montpellier",
    ship_country: "France",
  };
  let fromItems = 0;

  await t.step("the client's payload, in its form body, creates the Quote", async () => {
    const body = clientBody({
      ...header,
      taxtype: "group",
      discount_percentage_final: "0",
      discount_amount_final: "0",
      shipping_handling_charge: "0",
      tax1_group_percentage: "20",
      tax2_group_percentage: "0",
      tax3_group_percentage: "0",
      shtax1_sh_percent: "0",
      pre_tax_total: String(price * quantity),
      adjustment: "0",
      subtotal: String(price * quantity),
      total: String(price * quantity * 1.2),
      items: phpJson([{
        hdnProductId: product.record_id,
        qty: quantity,
        listPrice: product.unit_price,
        comment: product.description,
        discount_amount: 0,
        discount_percentage: 0,
      }]),
    });
    const { status, body: envelope } = await api.call("index.php?module=Quotes", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    assert.equal(status, 201, JSON.stringify(envelope));
    fromItems = envelope.result as number;
    // 61.56 taxed 20% as a group: 73.872.
    assert.deepEqual(
      await rows(
        database,
        sql`SELECT subtotal, pre_tax_total, total, taxtype FROM vtiger_quotes
          WHERE quoteid = ${fromItems}`,
      ),
      [{
        subtotal: "61.56000000",
        pre_tax_total: "61.56000000",
        total: "73.87200000",
        taxtype: "group",
      }],
    );
  });

  await t.step("the same Quote through LineItems writes the same rows", async () => {
    const fromLineItems = await api.create("Quotes", {
      ...header,
      hdnTaxType: "group",
      hdnS_H_Amount: "0",
      shtax1_sh_percent: "0",
      txtAdjustment: "0",
      LineItems: [{
        productid: productId,
        quantity: String(quantity),
        listprice: product.unit_price,
        comment: "",
        tax1: "20",
      }],
    });
    const [a, b] = [await quoteRows(database, fromItems), await quoteRows(database, fromLineItems)];
    assert.equal(a.lines.length, 1);
    assert.equal(a.history.length > 10, true);
    assert.deepEqual(a, b);
  });

  await t.step("a bad items body writes nothing", async () => {
    const count = () =>
      scalar(database, sql`SELECT COUNT(*) FROM vtiger_crmentity WHERE setype = 'Quotes'`);
    const before = await count();
    const sequence = await scalar(database, sql`SELECT id FROM vtiger_crmentity_seq`);
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ items: "[{" }, 400, "INVALID_PARAMETER"],
      [{ items: phpJson([{ hdnProductId: account, qty: 1 }]) }, 422, "INVALID_FIELD_VALUE"],
      // A missing product answers as one the user may not read (vtrest's rule for references).
      [{ items: phpJson([{ hdnProductId: 999999, qty: 1 }]) }, 403, "ACCESS_DENIED"],
      [{ items: phpJson([{ hdnProductId: productId, qty: true }]) }, 400, "INVALID_PARAMETER"],
      [
        { items: phpJson([{ hdnProductId: productId, qty: 1 }]), LineItems: "[]" },
        400,
        "INVALID_PARAMETER",
      ],
      [
        { items: phpJson([{ hdnProductId: productId, qty: 1 }]), total: "x" },
        400,
        "INVALID_PARAMETER",
      ],
    ];
    for (const [extra, status, code] of cases) {
      const { status: got, body } = await api.call("index.php?module=Quotes", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: clientBody({ ...header, ...extra }),
      });
      assert.deepEqual([got, body.error?.code], [status, code], JSON.stringify(body));
    }
    assert.equal(await count(), before);
    assert.equal(await scalar(database, sql`SELECT id FROM vtiger_crmentity_seq`), sequence);
  });
});

/**
 * Quotes, SalesOrder, PurchaseOrder and Invoice with their line items,
 * through HTTP on a Vtiger 7.3.0 database: the lines, charges and header
 * totals Vtiger computes (individual and group tax, line and overall
 * discounts, shipping and its taxes, adjustment), the lines read back in
 * sequence order, criteria on a line's product, updates replacing the lines
 * or pricing them again, an invoice's stock moves, delete.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { rows, scalar } from "../mysql_support.ts";
import { moduleTest } from "./_module_session.ts";

const ADDRESS = { bill_street: "1 Main Street", ship_street: "1 Main Street" };

moduleTest("Inventory: lines, totals and stock as Vtiger writes them (7.3.0)", async (t, s) => {
  const { api, database } = s;
  const widget = await api.create("Products", {
    productname: "Widget",
    unit_price: "100",
    qtyinstock: "10",
    tax1: "4.5",
    tax2: "10",
  });
  const gadget = await api.create("Products", {
    productname: "Gadget",
    unit_price: "50",
    qtyinstock: "20",
    tax3: "12.5",
  });
  const setup = await api.create("Services", { servicename: "Setup", unit_price: "200" });
  const account = await api.create("Accounts", { accountname: "Inventory buyer" });
  const stock = async (product: number) =>
    Number(
      await scalar(
        database,
        sql`SELECT qtyinstock FROM vtiger_products WHERE productid = ${product}`,
      ),
    );
  let quote = 0;

  await t.step(
    "individual taxes: line and overall discounts, shipping taxed, adjustment",
    async () => {
      quote = await api.create("Quotes", {
        subject: "Individual",
        account_id: account,
        quotestage: "Created",
        ...ADDRESS,
        hdnTaxType: "individual",
        hdnDiscountPercent: "5",
        hdnS_H_Amount: "20",
        shtax1_sh_percent: "4.5",
        txtAdjustment: "-2.5",
        LineItems: [
          { productid: widget, quantity: 2, listprice: "100", discount_percent: "10" },
          { productid: gadget, quantity: "3", discount_amount: "15", comment: "three" },
          { productid: setup, quantity: "1" },
        ],
      });
      // Lines: 180 + 8.1 + 18 (tax1, tax2), 135 + 16.875 (tax3), 200 (no tax): 557.975;
      // 5% off: 27.89875; shipping 20 taxed 4.5%: 0.9; adjustment -2.5.
      assert.deepEqual(
        await rows(
          database,
          sql`SELECT subtotal, total, pre_tax_total, taxtype, discount_percent, discount_amount,
          s_h_amount, adjustment, conversion_rate FROM vtiger_quotes WHERE quoteid = ${quote}`,
        ),
        [{
          subtotal: "557.97500000",
          total: "548.47625000",
          pre_tax_total: "507.10125000",
          taxtype: "individual",
          discount_percent: "5.000",
          discount_amount: null,
          s_h_amount: "20.00000000",
          adjustment: "-2.50000000",
          conversion_rate: "1.000",
        }],
      );
      assert.deepEqual(
        await rows(
          database,
          sql`SELECT productid, sequence_no, quantity, listprice, discount_percent, discount_amount,
          comment, tax1, tax2, tax3 FROM vtiger_inventoryproductrel WHERE id = ${quote}
          ORDER BY sequence_no`,
        ),
        [
          {
            productid: widget,
            sequence_no: 1,
            quantity: "2.000",
            listprice: "100.00000000",
            discount_percent: "10.000",
            discount_amount: "0.00000000",
            comment: "",
            tax1: "4.500",
            tax2: "10.000",
            tax3: "0.000",
          },
          {
            productid: gadget,
            sequence_no: 2,
            quantity: "3.000",
            listprice: "50.00000000",
            discount_percent: "0.000",
            discount_amount: "15.00000000",
            comment: "three",
            tax1: "0.000",
            tax2: "0.000",
            tax3: "12.500",
          },
          {
            productid: setup,
            sequence_no: 3,
            quantity: "1.000",
            listprice: "200.00000000",
            discount_percent: "0.000",
            discount_amount: "0.00000000",
            comment: "",
            tax1: "0.000",
            tax2: "0.000",
            tax3: "0.000",
          },
        ],
      );
      const charges = await scalar(
        database,
        sql`SELECT charges FROM vtiger_inventorychargesrel WHERE recordid = ${quote}`,
      );
      assert.deepEqual(JSON.parse(String(charges)), {
        1: { value: "20", taxes: { 1: "4.5", 2: 0, 3: 0 } },
      });
      // Each line has its own lineitem_id.
      assert.equal(
        await scalar(
          database,
          sql`SELECT COUNT(DISTINCT lineitem_id) FROM vtiger_inventoryproductrel WHERE id = ${quote}`,
        ),
        "3",
      );
    },
  );

  await t.step("read: the header totals and the lines in sequence order", async () => {
    const read = await api.read("Quotes", quote);
    assert.equal(read.hdnGrandTotal, "548.47625000");
    assert.equal(read.hdnTaxType, "individual");
    const lines = read.LineItems as Record<string, string>[];
    assert.deepEqual(lines.map((line) => [line.productid, line.sequence_no, line.product_name]), [
      [String(widget), "1", "Widget"],
      [String(gadget), "2", "Gadget"],
      [String(setup), "3", "Setup"],
    ]);
    assert.equal(read.productid, undefined, "line fields come in LineItems only");
  });

  await t.step("criteria on a line's product match any line", async () => {
    const other = await api.create("Quotes", {
      subject: "Other",
      account_id: account,
      quotestage: "Created",
      ...ADDRESS,
      LineItems: [{ productid: widget, quantity: "1" }],
    });
    const byGadget = await api.list("Quotes", `productid:${gadget}`);
    assert.deepEqual(byGadget.map((record) => record.record_id), [String(quote)]);
    const byWidget = await api.list("Quotes", `productid:${widget}`);
    assert.deepEqual(byWidget.map((record) => Number(record.record_id)).sort((a, b) => a - b), [
      quote,
      other,
    ]);
    await api.remove("Quotes", other);
  });

  await t.step("update with LineItems replaces the lines; totals follow", async () => {
    await api.update("Quotes", quote, {
      LineItems: [{ productid: gadget, quantity: "2", listprice: "60" }],
    });
    const lines = await rows<{ productid: number; sequence_no: number; lineitem_id: number }>(
      database,
      sql`SELECT productid, sequence_no, lineitem_id FROM vtiger_inventoryproductrel
        WHERE id = ${quote}`,
    );
    assert.deepEqual(lines.map((line) => [line.productid, line.sequence_no]), [[gadget, 1]]);
    // 120 + 15 (tax3) = 135; 5% off: 6.75; shipping 20 + 0.9; adjustment -2.5.
    assert.deepEqual(
      await rows(
        database,
        sql`SELECT subtotal, total FROM vtiger_quotes WHERE quoteid = ${quote}`,
      ),
      [{ subtotal: "135.00000000", total: "146.65000000" }],
    );
  });

  await t.step("update naming only the discount prices the stored lines again", async () => {
    await api.update("Quotes", quote, { hdnDiscountPercent: "0", hdnDiscountAmount: "10" });
    assert.deepEqual(
      await rows(
        database,
        sql`SELECT subtotal, total, discount_percent, discount_amount FROM vtiger_quotes
          WHERE quoteid = ${quote}`,
      ),
      [{
        subtotal: "135.00000000",
        total: "143.40000000",
        discount_percent: null,
        discount_amount: "10.00000000",
      }],
    );
    await api.update("Quotes", quote, { subject: "Renamed" });
    assert.equal(
      await scalar(database, sql`SELECT total FROM vtiger_quotes WHERE quoteid = ${quote}`),
      "143.40000000",
    );
  });

  await t.step("group tax: the first line's taxes on the discounted subtotal", async () => {
    const order = await api.create("SalesOrder", {
      subject: "Group",
      account_id: account,
      sostatus: "Created",
      // Mandatory in Vtiger's metadata (its webservice asks for it too), though only used
      // when the order generates invoices.
      invoicestatus: "AutoCreated",
      ...ADDRESS,
      hdnTaxType: "group",
      hdnDiscountAmount: "10",
      LineItems: [
        { productid: widget, quantity: "2", tax1: "4.5", tax2: "10" },
        { productid: gadget, quantity: "1" },
      ],
    });
    // 200 + 50 = 250; 10 off: 240; 4.5% + 10% of 240 = 34.8.
    assert.deepEqual(
      await rows(
        database,
        sql`SELECT subtotal, pre_tax_total, total, taxtype FROM vtiger_salesorder
          WHERE salesorderid = ${order}`,
      ),
      [{
        subtotal: "250.00000000",
        pre_tax_total: "240.00000000",
        total: "274.80000000",
        taxtype: "group",
      }],
    );
    const read = await api.read("SalesOrder", order);
    assert.equal((read.LineItems as unknown[]).length, 2);
    assert.equal(await stock(widget), 10, "a sales order leaves the stock alone");
    assert.equal(
      await scalar(
        database,
        sql`SELECT COUNT(*) FROM vtiger_invoice_recurring_info WHERE salesorderid = ${order}`,
      ),
      "0",
      "no recurring-invoice row when recurring is off (RecurringInvoiceHandler)",
    );
    await api.remove("SalesOrder", order);
    assert.equal(
      await scalar(
        database,
        sql`SELECT COUNT(*) FROM vtiger_inventoryproductrel WHERE id = ${order}`,
      ),
      "0",
    );
  });

  await t.step("purchase order: lines and totals; the stock is not moved", async () => {
    const vendor = await api.create("Vendors", { vendorname: "Supplier" });
    const order = await api.create("PurchaseOrder", {
      subject: "Restock",
      vendor_id: vendor,
      postatus: "Created",
      ...ADDRESS,
      hdnTaxType: "individual",
      LineItems: [{ productid: widget, quantity: "5", listprice: "80" }],
    });
    // 400 + 18 (tax1) + 40 (tax2).
    assert.equal(
      await scalar(
        database,
        sql`SELECT total FROM vtiger_purchaseorder WHERE purchaseorderid = ${order}`,
      ),
      "458.00000000",
    );
    assert.equal(await stock(widget), 10);
  });

  await t.step("invoice: stock out on create, back and out on revise, cancel, delete", async () => {
    const invoice = await api.create("Invoice", {
      subject: "Sale",
      account_id: account,
      invoicestatus: "Created",
      ...ADDRESS,
      hdnTaxType: "individual",
      LineItems: [{ productid: widget, quantity: "3" }, { productid: gadget, quantity: "4" }],
    });
    assert.deepEqual([await stock(widget), await stock(gadget)], [7, 16]);
    assert.deepEqual(
      await rows(
        database,
        sql`SELECT DISTINCT incrementondel FROM vtiger_inventoryproductrel WHERE id = ${invoice}`,
      ),
      [{ incrementondel: 1 }],
    );
    // 300 + 13.5 + 30; 200 + 25: 568.5, all still due.
    assert.deepEqual(
      await rows(
        database,
        sql`SELECT total, balance FROM vtiger_invoice WHERE invoiceid = ${invoice}`,
      ),
      [{ total: "568.50000000", balance: "568.50000000" }],
    );
    await api.update("Invoice", invoice, {
      LineItems: [{ productid: widget, quantity: "5" }],
    });
    assert.deepEqual([await stock(widget), await stock(gadget)], [5, 20]);
    await api.update("Invoice", invoice, { received: "100" });
    assert.equal(
      await scalar(database, sql`SELECT balance FROM vtiger_invoice WHERE invoiceid = ${invoice}`),
      "472.50000000",
    );
    await api.update("Invoice", invoice, { invoicestatus: "Cancel" });
    assert.equal(await stock(widget), 10);
    await api.update("Invoice", invoice, { invoicestatus: "Created" });
    assert.equal(await stock(widget), 5);
    await api.remove("Invoice", invoice);
    assert.equal(await stock(widget), 10);
  });

  await t.step("refusals: no lines, an unknown product, a tax the product lacks", async () => {
    const base = { subject: "Bad", account_id: account, quotestage: "Created", ...ADDRESS };
    const codes = [];
    for (
      const body of [
        base,
        { ...base, LineItems: [] },
        { ...base, LineItems: [{ productid: account, quantity: "1" }] },
        {
          ...base,
          hdnTaxType: "individual",
          LineItems: [{ productid: gadget, quantity: "1", tax1: "4.5" }],
        },
        { ...base, LineItems: [{ productid: gadget, quantity: "x" }] },
      ]
    ) {
      const { status, body: envelope } = await api.call("Quotes", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json" },
      });
      codes.push([status, envelope.error?.code]);
    }
    assert.deepEqual(codes, [
      [422, "MANDATORY_FIELDS_MISSING"],
      [422, "INVALID_FIELD_VALUE"],
      [422, "INVALID_FIELD_VALUE"],
      [422, "INVALID_FIELD_VALUE"],
      [422, "INVALID_FIELD_VALUE"],
    ]);
  });

  await t.step("form bodies carry LineItems as JSON text", async () => {
    const form = new FormData();
    form.set("subject", "From a form");
    form.set("account_id", String(account));
    form.set("quotestage", "Created");
    form.set("bill_street", "x");
    form.set("ship_street", "y");
    form.set("LineItems", JSON.stringify([{ productid: setup, quantity: "2" }]));
    const id = await api.create("Quotes", form);
    assert.equal(
      await scalar(database, sql`SELECT subtotal FROM vtiger_quotes WHERE quoteid = ${id}`),
      "400.00000000",
    );
  });
});

/**
 * Products and Services with their taxes and prices, through HTTP on a
 * Vtiger 7.3.0 database: the rows Vtiger's save writes, the taxes read back
 * with the record, criteria, updates that change only what they name, delete.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { rows, scalar } from "../mysql_support.ts";
import { moduleTest } from "./_module_session.ts";

moduleTest(
  "Products and Services: taxes and prices as Vtiger writes them (7.3.0)",
  async (t, s) => {
    const { api, database } = s;
    let product = 0;
    let service = 0;

    await t.step("create: a tax row per tax given, a price row for the base currency", async () => {
      product = await api.create("Products", {
        productname: "Rack server",
        unit_price: "4999.99",
        tax1: "4.5",
        tax3: 12,
      });
      assert.deepEqual(
        await rows(
          database,
          sql`SELECT taxid, taxpercentage, regions FROM vtiger_producttaxrel
          WHERE productid = ${product} ORDER BY taxid`,
        ),
        [
          { taxid: 1, taxpercentage: "4.500", regions: "[]" },
          { taxid: 3, taxpercentage: "12.000", regions: "[]" },
        ],
      );
      assert.deepEqual(
        await rows(
          database,
          sql`SELECT currencyid, converted_price, actual_price
          FROM vtiger_productcurrencyrel WHERE productid = ${product}`,
        ),
        [{ currencyid: 1, converted_price: "4999.99000000", actual_price: "4999.99000000" }],
      );
      assert.equal(
        await scalar(
          database,
          sql`SELECT currency_id FROM vtiger_products WHERE productid = ${product}`,
        ),
        "1",
      );
      service = await api.create("Services", {
        servicename: "Installation",
        unit_price: "800",
        tax2: "10",
      });
      assert.equal(
        await scalar(
          database,
          sql`SELECT COUNT(*) FROM vtiger_producttaxrel WHERE productid = ${service}`,
        ),
        "1",
      );
    });

    await t.step("read and list: the taxes and prices come with the record", async () => {
      const read = await api.read("Products", product);
      assert.deepEqual([read.tax1, read.tax2, read.tax3, read.currency1], [
        "4.500",
        undefined,
        "12.000",
        "4999.99000000",
      ]);
      const listed = await api.list("Products", "productname:Rack server");
      assert.deepEqual(listed.map((record) => [record.record_id, record.tax1]), [
        [String(product), "4.500"],
      ]);
    });

    await t.step("update: only the taxes named change; the price follows unit_price", async () => {
      await api.update("Products", product, { unit_price: "4499.99", tax1: "8", tax3: "" });
      const read = await api.read("Products", product);
      assert.deepEqual([read.tax1, read.tax3, read.currency1, read.unit_price], [
        "8.000",
        undefined,
        "4499.99000000",
        "4499.99000000",
      ]);
      await api.update("Services", service, { unit_price: "900" });
      const kept = await api.read("Services", service);
      assert.deepEqual([kept.tax2, kept.currency1], ["10.000", "900.00000000"]);
    });

    await t.step("bad taxes and currencies are refused, writing nothing", async () => {
      const refused = async (body: Record<string, unknown>, message: string) => {
        const { status, body: envelope } = await api.call("Products", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ productname: "P", ...body }),
        });
        assert.equal(status, 422);
        assert.equal(envelope.error?.code, "INVALID_FIELD_VALUE");
        assert.match(envelope.error?.message ?? "", new RegExp(message));
      };
      await refused({ tax1: "x" }, "Field 'tax1' must be a number");
      await refused({ tax2: "150" }, "from 0 to 100");
      await refused({ currency_id: "9" }, "active currency");
      await refused({ tax9: "1" }, "Field 'tax9' is not a field of module Products");
      assert.equal(await scalar(database, sql`SELECT COUNT(*) FROM vtiger_products`), "1");
    });

    await t.step(
      "delete: the record goes to the recycle bin; its taxes and prices stay",
      async () => {
        await api.remove("Products", product);
        assert.equal(
          await scalar(
            database,
            sql`SELECT COUNT(*) FROM vtiger_producttaxrel WHERE productid = ${product}`,
          ),
          "1",
        );
        const { status } = await api.call(`Products/${product}`);
        assert.equal(status, 404);
      },
    );
  },
);
